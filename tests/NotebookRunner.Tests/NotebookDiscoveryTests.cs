using NotebookRunner.Tests.Support;

namespace NotebookRunner.Tests;

public class NotebookDiscoveryTests
{
    [Fact]
    public void Notebooks_are_listed_in_name_order_without_subfolders_or_other_files()
    {
        using var folder = new TempFolder();
        foreach (var name in new[] { "10-b.ipynb", "02-a.ipynb", "notes.txt", "01-Z.ipynb" })
            File.WriteAllText(Path.Combine(folder.Path, name), "{}");
        Directory.CreateDirectory(Path.Combine(folder.Path, "sub"));
        File.WriteAllText(Path.Combine(folder.Path, "sub", "00-first.ipynb"), "{}");

        var found = NotebookDiscovery.FindNotebooks(folder.Path);

        Assert.Equal(["01-Z.ipynb", "02-a.ipynb", "10-b.ipynb"], found.Select(Path.GetFileName));
        Assert.All(found, path => Assert.True(Path.IsPathFullyQualified(path)));
    }

    [Fact]
    public void Missing_notebook_folder_is_an_error()
    {
        using var folder = new TempFolder();
        string missing = Path.Combine(folder.Path, "nope");

        var error = Assert.Throws<DirectoryNotFoundException>(() => NotebookDiscovery.FindNotebooks(missing));
        Assert.Contains(missing, error.Message);
    }

    [Fact]
    public void Repository_root_is_the_nearest_folder_with_the_solution()
    {
        using var folder = new TempFolder();
        string nested = Path.Combine(folder.Path, "a", "b", "c");
        Directory.CreateDirectory(nested);
        File.WriteAllText(Path.Combine(folder.Path, "a", NotebookDiscovery.SolutionFile), "");

        Assert.Equal(Path.Combine(folder.Path, "a"), NotebookDiscovery.FindRepositoryRoot(nested));
        Assert.Null(NotebookDiscovery.FindRepositoryRoot(Path.GetPathRoot(folder.Path)!));
    }
}
