namespace NotebookRunner.Tests.Support;

/// <summary>Locations in the repository the tests run against.</summary>
internal static class TestPaths
{
    public static string RepositoryRoot { get; } =
        NotebookDiscovery.FindRepositoryRoot(AppContext.BaseDirectory)
        ?? throw new InvalidOperationException($"no {NotebookDiscovery.SolutionFile} above {AppContext.BaseDirectory}");

    /// <summary>A fixture in its source folder (so its relative <c>#r</c> resolves as a notebook's does).</summary>
    public static string Fixture(string name)
    {
        string path = Path.Combine(RepositoryRoot, "tests", "NotebookRunner.Tests", "Fixtures", name);
        Assert.True(File.Exists(path), $"fixture missing: {path}");
        return path;
    }

    /// <summary>The course library as the notebooks load it.</summary>
    public static string LibraryDll
    {
        get
        {
            string path = Path.Combine(RepositoryRoot, "lib", "bin", "VaeCourse.dll");
            Assert.True(File.Exists(path), $"{path} is missing: build lib/VaeCourse first");
            return path;
        }
    }
}
