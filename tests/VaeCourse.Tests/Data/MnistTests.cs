using System.IO.Compression;
using MiniTorch;
using VaeCourse.Data;
using VaeCourse.Tests.TestSupport;
using static VaeCourse.Tests.Data.IdxTestFiles;

namespace VaeCourse.Tests.Data;

public class MnistTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Loads_a_split_as_float_images_and_int64_labels(bool gzip)
    {
        using var temp = new TempFolder();
        var fake = new FakeDataset(trainCount: 7);
        string folder = fake.WriteTo(temp.Path, gzip);

        var train = Mnist.LoadFrom(fake.Info, Split.Train, FakeDataset.Isolated(folder), limit: null, progress: null);

        Assert.Equal(7, train.Count);
        Assert.Equal(folder, train.SourceFolder);
        Assert.Equal(new long[] { 7, 784 }, train.Images.shape);
        Assert.Equal(new long[] { 7, 1, 28, 28 }, train.ImagesNchw.shape);
        Assert.Equal(ScalarType.Int64, train.Labels.dtype);
        var pixels = train.Images.data<float>();
        for (int i = 0; i < 7; i++)
            for (int p = 0; p < 784; p++)
                Assert.Equal(Pattern(i, p / 28, p % 28) / 255f, pixels[i * 784 + p]);
        Assert.Equal(new long[] { 0, 1, 2, 3, 4, 5, 6 }, train.Labels.data<long>().ToArray());
        Assert.Equal(new byte[] { 0, 1, 2, 3, 4, 5, 6 }, train.LabelBytes);
    }

    [Fact]
    public void The_NCHW_view_shares_the_pixels_of_Images()
    {
        using var temp = new TempFolder();
        var fake = new FakeDataset();
        var train = Mnist.LoadFrom(fake.Info, Split.Train, FakeDataset.Isolated(fake.WriteTo(temp.Path)), null, null);

        Assert.Same(train.Images.Data, train.ImagesNchw.Data);
    }

    [Fact]
    public void The_test_split_reads_the_t10k_files()
    {
        using var temp = new TempFolder();
        var fake = new FakeDataset(trainCount: 7, testCount: 3);
        var test = Mnist.LoadFrom(fake.Info, Split.Test, FakeDataset.Isolated(fake.WriteTo(temp.Path)), null, null);

        Assert.Equal(3, test.Count);
        Assert.Equal(new long[] { 9, 8, 7 }, test.Labels.data<long>().ToArray());
        Assert.Equal(Pattern(100, 0, 1) / 255f, test.Images.data<float>()[1]);
    }

    [Fact]
    public void A_limit_keeps_the_first_examples()
    {
        using var temp = new TempFolder();
        var fake = new FakeDataset(trainCount: 7);
        var some = Mnist.LoadFrom(fake.Info, Split.Train, FakeDataset.Isolated(fake.WriteTo(temp.Path)), limit: 3, progress: null);

        Assert.Equal(3, some.Count);
        Assert.Equal(new long[] { 3, 784 }, some.Images.shape);
        Assert.Equal(new byte[] { 0, 1, 2 }, some.LabelBytes);
        Assert.Equal(Pattern(2, 27, 27) / 255f, some.Images.data<float>()[3 * 784 - 1]);
    }

    [Theory]
    [InlineData(0, "expected a positive number of examples")]
    [InlineData(8, "8 examples asked for, but MNIST train has 7")]
    public void A_limit_out_of_range_is_refused(int limit, string expected)
    {
        using var temp = new TempFolder();
        var fake = new FakeDataset(trainCount: 7);
        var sources = FakeDataset.Isolated(fake.WriteTo(temp.Path));

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Mnist.LoadFrom(fake.Info, Split.Train, sources, limit, null));

        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Image_and_label_counts_must_match()
    {
        using var temp = new TempFolder();
        var fake = new FakeDataset(trainCount: 7);
        string folder = fake.WriteTo(temp.Path);
        string labels = Path.Combine(folder, "train-labels-idx1-ubyte.gz");
        File.WriteAllBytes(labels, Gzip(Labels(new byte[] { 1, 2, 3, 4, 5, 6 })));

        var error = Assert.Throws<InvalidDataException>(() => Mnist.LoadFrom(fake.Info, Split.Train, FakeDataset.Isolated(folder), null, null));

        string images = Path.Combine(folder, "train-images-idx3-ubyte.gz");
        Assert.Equal($"{images} has 7 images but {labels} has 6 labels; the two files of a split must match", error.Message);
    }

    [Fact]
    public void A_checksum_mismatch_names_the_file_and_both_hashes()
    {
        using var temp = new TempFolder();
        var fake = new FakeDataset(trainCount: 7);
        string folder = fake.WriteTo(temp.Path);
        // A structurally valid file with other pixels: only the checksum can tell.
        var other = Images(7, 28, 28, (i, r, c) => (byte)(Pattern(i, r, c) ^ 1));
        string images = Path.Combine(folder, "train-images-idx3-ubyte.gz");
        File.WriteAllBytes(images, Gzip(other));

        var error = Assert.Throws<InvalidDataException>(() => Mnist.LoadFrom(fake.Info, Split.Train, FakeDataset.Isolated(folder), null, null));

        Assert.StartsWith($"{images}: SHA-256 of the decompressed bytes is {Sha256(other)}, expected {Sha256(fake.TrainImages)}", error.Message);
    }

    [Fact]
    public void A_recompressed_copy_verifies_because_the_decompressed_bytes_are_hashed()
    {
        using var temp = new TempFolder();
        var fake = new FakeDataset(trainCount: 7);
        string folder = fake.WriteTo(temp.Path);
        string images = Path.Combine(folder, "train-images-idx3-ubyte.gz");
        var recompressed = Gzip(fake.TrainImages, CompressionLevel.Fastest);
        Assert.NotEqual(File.ReadAllBytes(images), recompressed); // as Debian's files differ from the mirrors'
        File.WriteAllBytes(images, recompressed);

        var train = Mnist.LoadFrom(fake.Info, Split.Train, FakeDataset.Isolated(folder), null, null);

        Assert.Equal(7, train.Count);
    }

    [Fact]
    public void A_label_outside_the_classes_is_an_error()
    {
        using var temp = new TempFolder();
        var fake = new FakeDataset(trainCount: 3);
        var labels = Labels(new byte[] { 1, 10, 2 });
        var info = fake.Info with { TrainLabels = fake.Info.TrainLabels with { Sha256 = Sha256(labels) } };
        string folder = fake.WriteTo(temp.Path);
        string path = Path.Combine(folder, "train-labels-idx1-ubyte.gz");
        File.WriteAllBytes(path, Gzip(labels));

        var error = Assert.Throws<InvalidDataException>(() => Mnist.LoadFrom(info, Split.Train, FakeDataset.Isolated(folder), null, null));

        Assert.Equal($"{path}: label 10 at index 1 is outside 0..9", error.Message);
    }

    [Fact]
    public void Class_names_follow_the_data_set()
    {
        Assert.Equal("7", Mnist.ClassNames(MnistDataset.Mnist)[7]);
        Assert.Equal("Ankle boot", Mnist.ClassNames(MnistDataset.FashionMnist)[9]);
        Assert.Equal(10, Mnist.ClassNames(MnistDataset.FashionMnist).Count);
    }

    [Fact]
    public void The_catalogue_holds_a_distinct_64_hex_digit_checksum_per_file()
    {
        var hashes = new[] { DatasetCatalog.Mnist, DatasetCatalog.FashionMnist }.SelectMany(d => d.AllFiles).Select(f => f.Sha256).ToList();
        Assert.Equal(8, hashes.Distinct().Count());
        Assert.All(hashes, h => Assert.Matches("^[0-9a-f]{64}$", h));
    }
}
