namespace VaeCourse.Data;

/// <summary>One IDX file of a data set: its canonical name (without <c>.gz</c>) and the SHA-256 of its decompressed bytes.</summary>
/// <remarks>Hashing the decompressed bytes makes the check independent of how the file was gzipped, so Debian's
/// recompressed copies verify as well as the originals from the mirrors.</remarks>
internal sealed record DatasetFile(string Name, string Sha256, long Length)
{
    public string GzipName => Name + ".gz";
}

/// <summary>Everything the loader needs to know about one data set: folder name, files, checksums and mirrors.</summary>
internal sealed record DatasetInfo(
    MnistDataset Dataset,
    string FolderName,
    string DisplayName,
    DatasetFile TrainImages,
    DatasetFile TrainLabels,
    DatasetFile TestImages,
    DatasetFile TestLabels,
    IReadOnlyList<Uri> Mirrors,
    IReadOnlyList<string> ClassNames,
    string? DebianPackage)
{
    public (DatasetFile Images, DatasetFile Labels) Files(Split split) =>
        split == Split.Train ? (TrainImages, TrainLabels) : (TestImages, TestLabels);

    public IEnumerable<DatasetFile> AllFiles => new[] { TrainImages, TrainLabels, TestImages, TestLabels };
}

/// <summary>
/// The checksum table. Values are SHA-256 of the <em>decompressed</em> IDX files; the MNIST ones were computed from
/// copies whose <c>.gz</c> files match the published SHA256SUMS, the Fashion-MNIST ones from Debian's
/// dataset-fashion-mnist (60 000/10 000 items, 6 000 training pictures per class, pixel mean 0.2860 and std 0.3530
/// as published).
/// </summary>
internal static class DatasetCatalog
{
    private const long TrainImagesLength = 16 + 60_000L * 28 * 28;
    private const long TestImagesLength = 16 + 10_000L * 28 * 28;
    private const long TrainLabelsLength = 8 + 60_000;
    private const long TestLabelsLength = 8 + 10_000;

    public static readonly DatasetInfo Mnist = new(
        MnistDataset.Mnist,
        FolderName: "mnist",
        DisplayName: "MNIST",
        TrainImages: new("train-images-idx3-ubyte", "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db", TrainImagesLength),
        TrainLabels: new("train-labels-idx1-ubyte", "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5", TrainLabelsLength),
        TestImages: new("t10k-images-idx3-ubyte", "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7", TestImagesLength),
        TestLabels: new("t10k-labels-idx1-ubyte", "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2", TestLabelsLength),
        Mirrors: new Uri[]
        {
            new("https://ossci-datasets.s3.amazonaws.com/mnist/"),
            new("https://storage.googleapis.com/cvdf-datasets/mnist/"),
            new("http://yann.lecun.com/exdb/mnist/"),
        },
        ClassNames: new[] { "0", "1", "2", "3", "4", "5", "6", "7", "8", "9" },
        DebianPackage: null);

    public static readonly DatasetInfo FashionMnist = new(
        MnistDataset.FashionMnist,
        FolderName: "fashion-mnist",
        DisplayName: "Fashion-MNIST",
        TrainImages: new("train-images-idx3-ubyte", "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888", TrainImagesLength),
        TrainLabels: new("train-labels-idx1-ubyte", "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9", TrainLabelsLength),
        TestImages: new("t10k-images-idx3-ubyte", "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b", TestImagesLength),
        TestLabels: new("t10k-labels-idx1-ubyte", "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34", TestLabelsLength),
        Mirrors: new Uri[]
        {
            new("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/"),
            new("https://github.com/zalandoresearch/fashion-mnist/raw/master/data/fashion/"),
        },
        ClassNames: new[] { "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot" },
        DebianPackage: "dataset-fashion-mnist");

    public static DatasetInfo Get(MnistDataset dataset) => dataset switch
    {
        MnistDataset.Mnist => Mnist,
        MnistDataset.FashionMnist => FashionMnist,
        _ => throw new ArgumentOutOfRangeException(nameof(dataset), dataset, "expected MnistDataset.Mnist or MnistDataset.FashionMnist"),
    };
}
