using VaeCourse.Data;
using VaeCourse.Tests.TestSupport;

namespace VaeCourse.Tests.Data;

/// <summary>The real files: published counts and statistics. Skipped (not passed) where the data is absent.</summary>
public class RealDataTests
{
    private static DatasetSplit LoadMnist(Split split) =>
        Mnist.Load(MnistDataset.Mnist, split, sources: new DataSources { Folder = TestData.MnistFolder });

    private static int[] CountPerClass(byte[] labels)
    {
        var counts = new int[10];
        foreach (byte label in labels) counts[label]++;
        return counts;
    }

    [RequiresMnistFact]
    public void MNIST_train_has_the_published_counts_and_pixel_statistics()
    {
        var train = LoadMnist(Split.Train);

        Assert.Equal(60_000, train.Count);
        Assert.Equal(new long[] { 60_000, 784 }, train.Images.shape);
        Assert.Equal(new[] { 5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949 }, CountPerClass(train.LabelBytes));
        double sum = 0, sumOfSquares = 0;
        foreach (float x in train.Images.data<float>()) { sum += x; sumOfSquares += (double)x * x; }
        double n = 60_000.0 * 784, mean = sum / n, std = Math.Sqrt(sumOfSquares / n - mean * mean);
        Assert.Equal(0.1307, mean, 0.0001);
        Assert.Equal(0.3081, std, 0.0001);
    }

    [RequiresMnistFact]
    public void MNIST_test_has_ten_thousand_examples_with_the_published_counts()
    {
        var test = LoadMnist(Split.Test);

        Assert.Equal(10_000, test.Count);
        Assert.Equal(new[] { 980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009 }, CountPerClass(test.LabelBytes));
    }

    [RequiresFashionMnistFact]
    public void Fashion_MNIST_comes_from_the_Debian_package_and_is_balanced()
    {
        // Only Debian's folder is searched, so this proves the package's (recompressed) files load and verify.
        var sources = new DataSources { DebianFolder = DataSources.DebianFashionMnistFolder };

        var train = Mnist.Load(MnistDataset.FashionMnist, Split.Train, sources: sources);
        var test = Mnist.Load(MnistDataset.FashionMnist, Split.Test, sources: sources);

        Assert.Equal(DataSources.DebianFashionMnistFolder, train.SourceFolder);
        Assert.Equal(Enumerable.Repeat(6000, 10), CountPerClass(train.LabelBytes));
        Assert.Equal(Enumerable.Repeat(1000, 10), CountPerClass(test.LabelBytes));
        Assert.Equal(new long[] { 10_000, 1, 28, 28 }, test.ImagesNchw.shape);
        Assert.Equal("Ankle boot", train.ClassNames[9]);
    }
}
