namespace VaeCourse.Data;

/// <summary>Finds the repository root: the nearest folder holding <c>VaeCourse.sln</c>.</summary>
internal static class RepositoryLocator
{
    public const string SolutionFileName = "VaeCourse.sln";

    /// <summary>
    /// Walks up from the current folder (a notebook runs in <c>notebooks/</c>), then from the application's folder
    /// (tests and tools run from <c>bin/…</c>); null outside a clone.
    /// </summary>
    public static string? Find() => FindAbove(Environment.CurrentDirectory) ?? FindAbove(AppContext.BaseDirectory);

    public static string? FindAbove(string? start)
    {
        for (var folder = string.IsNullOrEmpty(start) ? null : new DirectoryInfo(start); folder is not null; folder = folder.Parent)
            if (File.Exists(Path.Combine(folder.FullName, SolutionFileName))) return folder.FullName;
        return null;
    }
}
