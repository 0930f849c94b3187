namespace VaeCourse.Data;

/// <summary>
/// Where data sets come from, in this order: an explicit folder; the <c>VAE_DATA</c> environment variable (a folder
/// holding <c>mnist/</c> and <c>fashion-mnist/</c>); <c>data/</c> at the repository root; for Fashion-MNIST, Debian's
/// <c>/usr/share/datasets/fashion-mnist</c>; last, a verified download from the official mirrors into the explicit
/// folder, else the repository's <c>data/</c>, else <c>VAE_DATA</c>.
/// </summary>
/// <remarks>
/// <see cref="Default"/> reads the environment; build one with <c>with { … }</c> to change a place, e.g.
/// <c>DataSources.Default() with { Downloader = null }</c> to stay offline.
/// </remarks>
public sealed record DataSources
{
    /// <summary>The environment variable naming a folder that holds <c>mnist/</c> and <c>fashion-mnist/</c>.</summary>
    public const string EnvironmentVariable = "VAE_DATA";

    /// <summary>Where Debian's <c>dataset-fashion-mnist</c> package installs its files.</summary>
    public const string DebianFashionMnistFolder = "/usr/share/datasets/fashion-mnist";

    /// <summary>An explicit folder: it holds the files itself, or a <c>mnist/</c> / <c>fashion-mnist/</c> folder that does.</summary>
    public string? Folder { get; init; }

    /// <summary>The value of <c>VAE_DATA</c>; a relative path is taken from the current folder, else the repository root.</summary>
    public string? EnvironmentFolder { get; init; }

    /// <summary>The repository root (the folder holding <c>VaeCourse.sln</c>), whose <c>data/</c> is searched.</summary>
    public string? RepositoryRoot { get; init; }

    /// <summary>Debian's Fashion-MNIST folder (searched for Fashion-MNIST only).</summary>
    public string? DebianFolder { get; init; }

    /// <summary>Downloads missing files; null means offline.</summary>
    public MirrorDownloader? Downloader { get; init; }

    /// <summary>The places of this machine: <c>VAE_DATA</c>, the repository found above the current folder, Debian's folder, the mirrors.</summary>
    public static DataSources Default(string? folder = null) => new()
    {
        Folder = folder,
        EnvironmentFolder = Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } value ? value : null,
        RepositoryRoot = RepositoryLocator.Find(),
        DebianFolder = DebianFashionMnistFolder,
        Downloader = new MirrorDownloader(),
    };

    /// <summary>The folders searched for <paramref name="dataset"/>, in order (places that do not apply say why).</summary>
    public IReadOnlyList<DataPlace> Places(MnistDataset dataset) => Places(DatasetCatalog.Get(dataset));

    /// <summary>The folder a download of <paramref name="dataset"/> is written to, or null when there is none.</summary>
    public string? DownloadFolder(MnistDataset dataset) => DownloadFolder(DatasetCatalog.Get(dataset));

    internal IReadOnlyList<DataPlace> Places(DatasetInfo info)
    {
        var places = new List<DataPlace>();
        if (Folder is null) places.Add(new("folder argument", null, "not given"));
        else
        {
            string folder = Path.GetFullPath(Folder);
            places.Add(new("folder argument", folder));
            places.Add(new("folder argument", Path.Combine(folder, info.FolderName)));
        }
        places.Add(EnvironmentFolder is null
            ? new(EnvironmentVariable, null, "not set")
            : new($"{EnvironmentVariable}={EnvironmentFolder}", Path.Combine(ResolveEnvironmentFolder(EnvironmentFolder), info.FolderName)));
        places.Add(RepositoryRoot is null
            ? new("the repository's data/ folder", null, $"no {RepositoryLocator.SolutionFileName} above the current folder or the application's folder")
            : new("the repository's data/ folder", Path.Combine(RepositoryRoot, "data", info.FolderName)));
        if (info.DebianPackage is not null)
            places.Add(DebianFolder is null
                ? new($"Debian package {info.DebianPackage}", null, "not searched")
                : new($"Debian package {info.DebianPackage}", DebianFolder));
        return places;
    }

    internal string? DownloadFolder(DatasetInfo info)
    {
        if (Folder is not null) return Path.GetFullPath(Folder);
        if (RepositoryRoot is not null) return Path.Combine(RepositoryRoot, "data", info.FolderName);
        if (EnvironmentFolder is not null) return Path.Combine(ResolveEnvironmentFolder(EnvironmentFolder), info.FolderName);
        return null;
    }

    /// <summary>
    /// The folder holding both files of <paramref name="split"/>: the first place that has them, else a fresh
    /// download. Throws <see cref="DatasetNotFoundException"/> listing every place when neither works.
    /// </summary>
    internal string Locate(DatasetInfo info, Split split, IProgress<DownloadProgress>? progress)
    {
        var (images, labels) = info.Files(split);
        var lookedAt = new List<string>();
        foreach (var place in Places(info))
        {
            if (place.Folder is null) { lookedAt.Add(place.ToString()); continue; }
            if (!Directory.Exists(place.Folder)) { lookedAt.Add($"{place}: no such folder"); continue; }
            var missing = new[] { images, labels }.Where(f => FindFile(place.Folder, f) is null).Select(f => f.Name + "[.gz]").ToList();
            if (missing.Count == 0) return place.Folder;
            lookedAt.Add($"{place}: missing {string.Join(" and ", missing)}");
        }

        string? target = DownloadFolder(info);
        var failures = new List<string>();
        if (Downloader is not null && target is not null)
        {
            try
            {
                foreach (var file in new[] { images, labels })
                    if (FindFile(target, file) is null) Downloader.Download(file, info.Mirrors, target, progress);
                return target;
            }
            catch (DownloadFailedException e)
            {
                failures.AddRange(e.Failures);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                failures.Add($"cannot write there: {e.Message}");
            }
        }
        throw DatasetNotFoundException.Create(info, split, lookedAt, target, failures, Downloader is not null);
    }

    /// <summary>The file in <paramref name="folder"/>: the raw IDX file if present (no decompression needed), else the .gz.</summary>
    internal static string? FindFile(string folder, DatasetFile file)
    {
        string raw = Path.Combine(folder, file.Name), gzip = Path.Combine(folder, file.GzipName);
        return File.Exists(raw) ? raw : File.Exists(gzip) ? gzip : null;
    }

    private string ResolveEnvironmentFolder(string value)
    {
        if (Path.IsPathRooted(value)) return value;
        string fromCurrent = Path.GetFullPath(value);
        // Tests run in bin/…, so a relative VAE_DATA written for the repository root (CI: ../shared/data) needs the root.
        if (Directory.Exists(fromCurrent) || RepositoryRoot is null) return fromCurrent;
        return Path.GetFullPath(Path.Combine(RepositoryRoot, value));
    }
}
