using MiniTorch;

namespace VaeCourse.Data;

/// <summary>
/// One split of a data set in memory: N images as floats in [0,1] and their labels. <see cref="Images"/> and
/// <see cref="ImagesNchw"/> share one array, so an in-place change to one shows in the other.
/// </summary>
public sealed class DatasetSplit
{
    internal DatasetSplit(DatasetInfo info, Split split, float[] pixels, byte[] labels, int height, int width, string sourceFolder)
    {
        Dataset = info.Dataset;
        Split = split;
        Count = labels.Length;
        Height = height;
        Width = width;
        Pixels = pixels;
        Images = new Tensor(pixels, new long[] { Count, height * width });
        ImagesNchw = new Tensor(pixels, new long[] { Count, 1, height, width });
        LabelBytes = labels;
        var longs = new long[Count];
        for (int i = 0; i < longs.Length; i++) longs[i] = labels[i];
        Labels = new Tensor(longs, new long[] { Count });
        SourceFolder = sourceFolder;
        ClassNames = info.ClassNames;
    }

    /// <summary>Which data set these examples come from.</summary>
    public MnistDataset Dataset { get; }

    /// <summary>Training or test examples.</summary>
    public Split Split { get; }

    /// <summary>Number of examples N.</summary>
    public int Count { get; }

    /// <summary>Image height in pixels (28).</summary>
    public int Height { get; }

    /// <summary>Image width in pixels (28).</summary>
    public int Width { get; }

    /// <summary>(N,784) Float32: one flattened image per row, row-major, pixel/255.</summary>
    public Tensor Images { get; }

    /// <summary>(N,1,28,28) Float32: the same pixels as <see cref="Images"/> laid out for convolutions (a view, no copy).</summary>
    public Tensor ImagesNchw { get; }

    /// <summary>(N) Int64: the class of each example, 0–9.</summary>
    public Tensor Labels { get; }

    /// <summary>The labels as read from the file, one byte per example (the array itself, not a copy).</summary>
    public byte[] LabelBytes { get; }

    /// <summary>The folder the files were read from.</summary>
    public string SourceFolder { get; }

    /// <summary>The name of each class, indexed by label ("0"–"9" for MNIST, "T-shirt/top"… for Fashion-MNIST).</summary>
    public IReadOnlyList<string> ClassNames { get; }

    // The storage of Images, for the batch loader's row copies.
    internal float[] Pixels { get; }

    /// <summary>"MNIST train: 60000 images 28×28 from /path".</summary>
    public override string ToString() =>
        $"{DatasetCatalog.Get(Dataset).DisplayName} {Split.ToString().ToLowerInvariant()}: {Count} images {Height}×{Width} from {SourceFolder}";
}
