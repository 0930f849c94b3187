using System.Net;
using VaeCourse.Data;
using VaeCourse.Tests.TestSupport;
using static VaeCourse.Tests.Data.IdxTestFiles;

namespace VaeCourse.Tests.Data;

public class MirrorDownloaderTests
{
    private static readonly Uri[] TwoMirrors = { new("https://first.example/mnist/"), new("https://second.example/mnist/") };

    private static DatasetInfo WithMirrors(FakeDataset fake) => fake.Info with { Mirrors = TwoMirrors };

    [Fact]
    public void When_the_first_mirror_fails_the_second_is_used()
    {
        using var temp = new TempFolder();
        var fake = new FakeDataset();
        var gz = Gzip(fake.TrainLabels);
        var mirrors = new FakeMirrors().Serve("https://second.example/mnist/train-labels-idx1-ubyte.gz", gz);

        string written = new MirrorDownloader(mirrors).Download(fake.Info.TrainLabels, TwoMirrors, temp.Path, progress: null);

        Assert.Equal(Path.Combine(temp.Path, "train-labels-idx1-ubyte.gz"), written);
        Assert.Equal(gz, File.ReadAllBytes(written));
        Assert.Equal(
            new[] { "https://first.example/mnist/train-labels-idx1-ubyte.gz", "https://second.example/mnist/train-labels-idx1-ubyte.gz" },
            mirrors.Requests.Select(u => u.ToString()));
        Assert.Equal(new[] { written }, Directory.GetFiles(temp.Path)); // no temporary file left behind
    }

    [Fact]
    public void An_HTTP_error_moves_on_to_the_next_mirror()
    {
        using var temp = new TempFolder();
        var fake = new FakeDataset();
        var mirrors = new FakeMirrors()
            .Status("https://first.example/mnist/train-labels-idx1-ubyte.gz", HttpStatusCode.NotFound)
            .Serve("https://second.example/mnist/train-labels-idx1-ubyte.gz", Gzip(fake.TrainLabels));

        string written = new MirrorDownloader(mirrors).Download(fake.Info.TrainLabels, TwoMirrors, temp.Path, null);

        Assert.Equal(fake.TrainLabels, Gunzip(written));
    }

    [Fact]
    public void A_corrupt_download_is_deleted_named_with_both_hashes_and_overwrites_nothing()
    {
        using var temp = new TempFolder();
        var fake = new FakeDataset();
        string existing = Path.Combine(temp.Path, "train-labels-idx1-ubyte.gz");
        var before = new byte[] { 42, 42, 42 };
        File.WriteAllBytes(existing, before);
        var corrupt = (byte[])fake.TrainLabels.Clone();
        corrupt[^1] ^= 0xFF;
        var mirrors = new FakeMirrors()
            .Serve("https://first.example/mnist/train-labels-idx1-ubyte.gz", Gzip(corrupt))
            .Serve("https://second.example/mnist/train-labels-idx1-ubyte.gz", Gzip(corrupt));

        var error = Assert.Throws<DownloadFailedException>(() =>
            new MirrorDownloader(mirrors).Download(fake.Info.TrainLabels, TwoMirrors, temp.Path, null));

        string expected = $"train-labels-idx1-ubyte.gz: SHA-256 of the decompressed bytes is {Sha256(corrupt)}, expected {Sha256(fake.TrainLabels)}";
        Assert.Equal(
            new[]
            {
                $"https://first.example/mnist/train-labels-idx1-ubyte.gz: {expected}",
                $"https://second.example/mnist/train-labels-idx1-ubyte.gz: {expected}",
            },
            error.Failures);
        Assert.Equal(new[] { existing }, Directory.GetFiles(temp.Path)); // the temporary files are gone
        Assert.Equal(before, File.ReadAllBytes(existing)); // and the existing file is untouched
    }

    [Fact]
    public void Load_downloads_the_missing_files_of_the_split_into_the_folder_and_reports_progress()
    {
        using var temp = new TempFolder();
        var fake = new FakeDataset(trainCount: 5);
        var info = WithMirrors(fake);
        var imagesGz = Gzip(fake.TrainImages);
        var mirrors = new FakeMirrors()
            .Serve("https://first.example/mnist/train-images-idx3-ubyte.gz", imagesGz)
            .Serve("https://second.example/mnist/train-labels-idx1-ubyte.gz", Gzip(fake.TrainLabels));
        var progress = new RecordingProgress<DownloadProgress>();
        string folder = Path.Combine(temp.Path, "new");

        var train = Mnist.LoadFrom(info, Split.Train, FakeDataset.Isolated(folder, new MirrorDownloader(mirrors)), null, progress);

        Assert.Equal(folder, train.SourceFolder);
        Assert.Equal(5, train.Count);
        Assert.Equal(
            new[] { "train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz" },
            Directory.GetFiles(folder).Select(Path.GetFileName).Order());
        var images = progress.Reports.Where(r => r.FileName == "train-images-idx3-ubyte.gz").ToList();
        Assert.Equal(0, images[0].BytesReceived);
        Assert.Equal(imagesGz.Length, images[^1].BytesReceived);
        Assert.Contains(progress.Reports, r => r.FileName == "train-labels-idx1-ubyte.gz" && r.Source.Host == "second.example");
    }

    [Fact]
    public void Load_downloads_only_what_is_missing()
    {
        using var temp = new TempFolder();
        var fake = new FakeDataset(trainCount: 5);
        File.WriteAllBytes(Path.Combine(temp.Path, "train-images-idx3-ubyte.gz"), Gzip(fake.TrainImages));
        var mirrors = new FakeMirrors().Serve("https://first.example/mnist/train-labels-idx1-ubyte.gz", Gzip(fake.TrainLabels));

        var train = Mnist.LoadFrom(WithMirrors(fake), Split.Train, FakeDataset.Isolated(temp.Path, new MirrorDownloader(mirrors)), null, null);

        Assert.Equal(5, train.Count);
        Assert.Equal(new[] { "https://first.example/mnist/train-labels-idx1-ubyte.gz" }, mirrors.Requests.Select(u => u.ToString()));
    }

    [Fact]
    public void When_every_mirror_fails_the_not_found_message_lists_each_attempt()
    {
        using var temp = new TempFolder();
        var fake = new FakeDataset();
        var downloader = new MirrorDownloader(new FakeMirrors());

        var error = Assert.Throws<DatasetNotFoundException>(() =>
            Mnist.LoadFrom(WithMirrors(fake), Split.Train, FakeDataset.Isolated(temp.Path, downloader), null, null));

        Assert.Contains($"download into {temp.Path}: https://first.example/mnist/train-images-idx3-ubyte.gz: Name or service not known", error.Message);
        Assert.Contains($"download into {temp.Path}: https://second.example/mnist/train-images-idx3-ubyte.gz: Name or service not known", error.Message);
        Assert.Empty(Directory.GetFiles(temp.Path));
    }

    private static byte[] Gunzip(string gzPath)
    {
        using var gzip = new System.IO.Compression.GZipStream(File.OpenRead(gzPath), System.IO.Compression.CompressionMode.Decompress);
        using var copy = new MemoryStream();
        gzip.CopyTo(copy);
        return copy.ToArray();
    }
}
