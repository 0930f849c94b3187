namespace NotebookRunner;

/// <summary>Finds the course's notebooks: the repository root and the <c>notebooks/</c> folder in it.</summary>
public static class NotebookDiscovery
{
    /// <summary>The file that marks the repository root.</summary>
    public const string SolutionFile = "VaeCourse.sln";

    /// <summary>The course's notebook folder, relative to the root.</summary>
    public const string NotebookFolder = "notebooks";

    /// <summary>The nearest folder at or above <paramref name="start"/> holding <see cref="SolutionFile"/>, or null.</summary>
    public static string? FindRepositoryRoot(string start)
    {
        ArgumentException.ThrowIfNullOrEmpty(start);
        for (var folder = new DirectoryInfo(Path.GetFullPath(start)); folder is not null; folder = folder.Parent)
            if (File.Exists(Path.Combine(folder.FullName, SolutionFile))) return folder.FullName;
        return null;
    }

    /// <summary>
    /// Every <c>*.ipynb</c> directly in <paramref name="folder"/>, in ordinal name order (the course's numbering),
    /// as full paths. Throws <see cref="DirectoryNotFoundException"/> when the folder is missing.
    /// </summary>
    public static IReadOnlyList<string> FindNotebooks(string folder)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        if (!Directory.Exists(folder)) throw new DirectoryNotFoundException($"notebook folder not found: {Path.GetFullPath(folder)}");
        return Directory.EnumerateFiles(folder, "*.ipynb", SearchOption.TopDirectoryOnly)
            .Select(Path.GetFullPath)
            .OrderBy(Path.GetFileName, StringComparer.Ordinal)
            .ToList();
    }
}
