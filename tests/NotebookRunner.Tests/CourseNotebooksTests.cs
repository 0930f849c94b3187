using NotebookRunner.Tests.Support;

namespace NotebookRunner.Tests;

/// <summary>Every notebook in notebooks/ runs in smoke mode: adding a notebook adds it to CI.</summary>
[Collection(NotebookRunsCollection.Name)]
public class CourseNotebooksTests
{
    private static string NotebookFolder => Path.Combine(TestPaths.RepositoryRoot, NotebookDiscovery.NotebookFolder);

    public static TheoryData<string> CourseNotebooks()
    {
        var data = new TheoryData<string>();
        foreach (var path in NotebookDiscovery.FindNotebooks(NotebookFolder)) data.Add(Path.GetFileName(path));
        return data;
    }

    [Fact]
    public void The_course_has_notebooks() => Assert.NotEmpty(NotebookDiscovery.FindNotebooks(NotebookFolder));

    [Theory]
    [MemberData(nameof(CourseNotebooks))]
    public void Notebook_runs_in_smoke_mode(string name)
    {
        using var output = new TempFolder();

        var result = NotebookExecutor.Run(Path.Combine(NotebookFolder, name), new RunnerOptions { OutputDirectory = output.Path, Smoke = true });

        Assert.True(result.Succeeded, result.Report());
        Assert.True(File.Exists(result.ExecutedCopyPath));
    }

    [Theory]
    [MemberData(nameof(CourseNotebooks))]
    public void Notebook_is_committed_without_outputs(string name)
    {
        var notebook = ExecutedNotebook.Load(Path.Combine(NotebookFolder, name));
        var cells = (System.Text.Json.Nodes.JsonArray)notebook.Root["cells"]!;
        for (int n = 1; n <= cells.Count; n++)
        {
            if ((string?)notebook.Cell(n)["cell_type"] != "code") continue;
            Assert.True(notebook.Outputs(n).Count == 0, $"{name} cell {n} has outputs; clear them before committing");
            Assert.True(notebook.ExecutionCount(n) is null, $"{name} cell {n} has an execution count; clear outputs before committing");
        }
    }
}
