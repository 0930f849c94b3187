using VaeCourse.Data;
using static VaeCourse.Tests.Data.IdxTestFiles;

namespace VaeCourse.Tests.Data;

/// <summary>A tiny stand-in for a data set: 28×28 images, the real file names, checksums of its own bytes.</summary>
internal sealed class FakeDataset
{
    public FakeDataset(int trainCount = 7, int testCount = 3, int labelOffset = 0, DatasetInfo? basedOn = null)
    {
        TrainImages = Images(trainCount, 28, 28, (i, r, c) => Pattern(i + labelOffset, r, c));
        TrainLabels = Labels(Enumerable.Range(0, trainCount).Select(i => (byte)((i + labelOffset) % 10)).ToArray());
        TestImages = Images(testCount, 28, 28, (i, r, c) => Pattern(100 + i, r, c));
        TestLabels = Labels(Enumerable.Range(0, testCount).Select(i => (byte)(9 - i % 10)).ToArray());
        var real = basedOn ?? DatasetCatalog.Mnist;
        Info = real with
        {
            TrainImages = real.TrainImages with { Sha256 = Sha256(TrainImages), Length = TrainImages.Length },
            TrainLabels = real.TrainLabels with { Sha256 = Sha256(TrainLabels), Length = TrainLabels.Length },
            TestImages = real.TestImages with { Sha256 = Sha256(TestImages), Length = TestImages.Length },
            TestLabels = real.TestLabels with { Sha256 = Sha256(TestLabels), Length = TestLabels.Length },
        };
    }

    public byte[] TrainImages { get; }
    public byte[] TrainLabels { get; }
    public byte[] TestImages { get; }
    public byte[] TestLabels { get; }

    /// <summary>The real catalogue entry with this fake's checksums.</summary>
    public DatasetInfo Info { get; }

    /// <summary>Writes the four files into <paramref name="folder"/>, gzipped (canonical .gz names) or raw.</summary>
    public string WriteTo(string folder, bool gzip = true)
    {
        Directory.CreateDirectory(folder);
        Write(folder, Info.TrainImages, TrainImages, gzip);
        Write(folder, Info.TrainLabels, TrainLabels, gzip);
        Write(folder, Info.TestImages, TestImages, gzip);
        Write(folder, Info.TestLabels, TestLabels, gzip);
        return folder;
    }

    /// <summary>Only the places given: no environment, no repository, no Debian, no download unless asked.</summary>
    public static DataSources Isolated(string? folder = null, MirrorDownloader? downloader = null) =>
        new() { Folder = folder, Downloader = downloader };

    private static void Write(string folder, DatasetFile file, byte[] bytes, bool gzip) =>
        File.WriteAllBytes(Path.Combine(folder, gzip ? file.GzipName : file.Name), gzip ? Gzip(bytes) : bytes);
}
