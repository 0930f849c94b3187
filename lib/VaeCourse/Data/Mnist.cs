namespace VaeCourse.Data;

/// <summary>
/// Loads MNIST or Fashion-MNIST: <c>var train = Mnist.Load(MnistDataset.Mnist, Split.Train);</c> gives
/// <c>train.Images</c> (60000,784) in [0,1] and <c>train.Labels</c> (60000). Files are found as
/// <see cref="DataSources"/> describes (folder argument, <c>VAE_DATA</c>, <c>data/</c>, Debian, download) and every
/// file is checked against its SHA-256 before use.
/// </summary>
public static class Mnist
{
    /// <summary>Loads one split of a data set.</summary>
    /// <param name="dataset">MNIST digits or Fashion-MNIST clothes.</param>
    /// <param name="split">Training (60 000) or test (10 000) examples.</param>
    /// <param name="folder">A folder holding the files (or a <c>mnist/</c> / <c>fashion-mnist/</c> folder that does); searched first, and where a download goes.</param>
    /// <param name="limit">Keep only the first <paramref name="limit"/> examples (null: all).</param>
    /// <param name="progress">Receives download progress; the library itself never writes to the console.</param>
    /// <param name="sources">The places to search (default <see cref="DataSources.Default"/>); <paramref name="folder"/>, when given, replaces its folder.</param>
    /// <exception cref="DatasetNotFoundException">No local copy and no download succeeded; the message lists every place tried.</exception>
    /// <exception cref="InvalidDataException">A file is damaged: bad magic number, truncated, wrong checksum, or counts that differ.</exception>
    public static DatasetSplit Load(
        MnistDataset dataset = MnistDataset.Mnist,
        Split split = Split.Train,
        string? folder = null,
        int? limit = null,
        IProgress<DownloadProgress>? progress = null,
        DataSources? sources = null)
    {
        var where = sources ?? DataSources.Default();
        if (folder is not null) where = where with { Folder = folder };
        return LoadFrom(DatasetCatalog.Get(dataset), split, where, limit, progress);
    }

    /// <summary>The class names of a data set, indexed by label.</summary>
    public static IReadOnlyList<string> ClassNames(MnistDataset dataset) => DatasetCatalog.Get(dataset).ClassNames;

    internal static DatasetSplit LoadFrom(DatasetInfo info, Split split, DataSources sources, int? limit, IProgress<DownloadProgress>? progress)
    {
        if (limit is <= 0)
            throw new ArgumentOutOfRangeException(nameof(limit), limit, $"limit: expected a positive number of examples (or null for all), got {limit}");
        string folder = sources.Locate(info, split, progress);
        return DatasetReader.Read(info, split, folder, limit);
    }
}
