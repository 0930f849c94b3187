using System.Text;

namespace VaeCourse.Data;

/// <summary>
/// No usable copy of a data set was found locally and none could be downloaded. The message lists every place looked
/// at, every download tried, and how to provide the files.
/// </summary>
public sealed class DatasetNotFoundException : FileNotFoundException
{
    internal DatasetNotFoundException(string message, IReadOnlyList<string> placesLookedAt) : base(message) =>
        PlacesLookedAt = placesLookedAt;

    /// <summary>Each place searched or download tried, with what was wrong there.</summary>
    public IReadOnlyList<string> PlacesLookedAt { get; }

    internal static DatasetNotFoundException Create(
        DatasetInfo info, Split split, IReadOnlyList<string> places, string? downloadFolder, IReadOnlyList<string> downloadFailures, bool downloadAllowed)
    {
        var (images, labels) = info.Files(split);
        var all = new List<string>(places);
        if (!downloadAllowed) all.Add("download: switched off (DataSources.Downloader is null)");
        else if (downloadFolder is null) all.Add("download: no folder to download into (no folder argument, no repository data/ folder, VAE_DATA not set)");
        else all.AddRange(downloadFailures.Select(f => $"download into {downloadFolder}: {f}"));

        var text = new StringBuilder();
        text.Append($"{info.DisplayName} {split.ToString().ToLowerInvariant()} split not found: ")
            .Append($"{images.Name} and {labels.Name} (raw or .gz) are in none of these places:\n");
        for (int i = 0; i < all.Count; i++) text.Append($"  {i + 1}. {all[i]}\n");
        text.Append("To provide the files, do one of:\n");
        text.Append($"  - set the {DataSources.EnvironmentVariable} environment variable to a folder holding {info.FolderName}/ with the four *-ubyte.gz files\n");
        text.Append($"  - copy the files into {downloadFolder ?? $"data/{info.FolderName}/ at the repository root"}\n");
        text.Append($"  - pass their folder: Mnist.Load(MnistDataset.{info.Dataset}, Split.{split}, folder: \"/path/to/{info.FolderName}\")\n");
        if (info.DebianPackage is not null)
            text.Append($"  - on Debian/Ubuntu: sudo apt-get install {info.DebianPackage} (files land in {DataSources.DebianFashionMnistFolder})\n");
        text.Append($"  - connect to the internet and load again: the files are downloaded from {info.Mirrors[0]} and verified");
        return new DatasetNotFoundException(text.ToString(), all);
    }
}
