using System.Diagnostics;
using NotebookRunner.Tests.Support;

namespace NotebookRunner.Tests;

[Collection(NotebookRunsCollection.Name)]
public class FailureTests
{
    [Fact]
    public void Compile_error_stops_at_its_cell_with_the_diagnostics()
    {
        using var output = new TempFolder();

        var result = Fixtures.Run("compile-error.ipynb", output);

        Assert.False(result.Succeeded);
        var failure = Assert.IsType<CellFailure>(result.Failure);
        Assert.Equal(CellFailureKind.CompileError, failure.Kind);
        Assert.Equal(4, failure.CellNumber);
        Assert.Equal("var b = a + missingName;", failure.FirstLine);
        // Every diagnostic, each with its line and column within the cell.
        Assert.Equal(2, failure.Details.Count);
        Assert.StartsWith("(1,13): error CS0103: The name 'missingName' does not exist", failure.Details[0]);
        Assert.StartsWith("(2,9): error CS0029: Cannot implicitly convert type 'string' to 'int'", failure.Details[1]);
        string report = result.Report();
        Assert.Contains("compile-error.ipynb: cell 4 failed (compile error)", report);
        Assert.Contains("var b = a + missingName;", report);

        // The partial copy: cell 2 ran, cell 4 holds the error, cell 5 never ran.
        var executed = ExecutedNotebook.Load(result.ExecutedCopyPath);
        Assert.Equal(1, executed.ExecutionCount(2));
        var error = Assert.Single(executed.OutputsOfType(4, "error"));
        Assert.Contains("CS0103", error["evalue"]!.GetValue<string>());
        Assert.Equal(2, ((System.Text.Json.Nodes.JsonArray)error["traceback"]!).Count);
        Assert.Null(executed.ExecutionCount(5));
        Assert.Empty(executed.Outputs(5));
        Assert.Equal(2, result.CodeCellsRun);
    }

    [Fact]
    public void Exception_stops_at_its_cell_keeping_earlier_output()
    {
        using var output = new TempFolder();

        var result = Fixtures.Run("runtime-exception.ipynb", output);

        var failure = Assert.IsType<CellFailure>(result.Failure);
        Assert.Equal(CellFailureKind.Exception, failure.Kind);
        Assert.Equal(3, failure.CellNumber);
        Assert.Equal("Console.WriteLine(\"before the exception\");", failure.FirstLine);
        Assert.Equal("System.InvalidOperationException: 7 is odd: planted failure", failure.Summary);
        // The trace points into the cells, by cell and line.
        Assert.Contains(failure.Details, d => d.Contains("runtime-exception.ipynb#cell1:line 1"));
        Assert.Contains(failure.Details, d => d.Contains("runtime-exception.ipynb#cell3:line 2"));

        var executed = ExecutedNotebook.Load(result.ExecutedCopyPath);
        Assert.Equal("before the exception\n", executed.Stdout(3));
        var error = Assert.Single(executed.OutputsOfType(3, "error"));
        Assert.Equal("System.InvalidOperationException", error["ename"]!.GetValue<string>());
        Assert.Equal("7 is odd: planted failure", error["evalue"]!.GetValue<string>());
        Assert.Null(executed.ExecutionCount(4));
    }

    [Fact]
    public void Blocking_cell_fails_at_the_time_limit()
    {
        using var output = new TempFolder();
        var limit = TimeSpan.FromSeconds(1.5);
        var clock = Stopwatch.StartNew();

        var result = Fixtures.Run("timeout.ipynb", output, cellTimeout: limit);

        clock.Stop();
        var failure = Assert.IsType<CellFailure>(result.Failure);
        Assert.Equal(CellFailureKind.Timeout, failure.Kind);
        Assert.Equal(2, failure.CellNumber);
        Assert.Contains("1.5 s", failure.Summary);
        // The cell sleeps for five minutes; the run must end soon after the limit instead.
        Assert.InRange(clock.Elapsed, limit, limit + TimeSpan.FromSeconds(20));
        var executed = ExecutedNotebook.Load(result.ExecutedCopyPath);
        Assert.Equal("about to block\n", executed.Stdout(1));
        Assert.Equal("TimeoutException", Assert.Single(executed.OutputsOfType(2, "error"))["ename"]!.GetValue<string>());
        Assert.Null(executed.ExecutionCount(3));
    }

    [Fact]
    public void Nuget_reference_is_refused_with_a_clear_message()
    {
        using var output = new TempFolder();

        var result = Fixtures.Run("nuget-reference.ipynb", output);

        var failure = Assert.IsType<CellFailure>(result.Failure);
        Assert.Equal(CellFailureKind.UnsupportedDirective, failure.Kind);
        Assert.Equal(2, failure.CellNumber);
        Assert.Contains("#r \"nuget: …\" is not supported", failure.Summary);
        Assert.Contains("#r \"path/to.dll\"", failure.Summary);
    }

    [Fact]
    public void Invalid_metadata_is_reported_and_nothing_runs()
    {
        using var output = new TempFolder();

        var result = Fixtures.Run("invalid-metadata.ipynb", output);

        Assert.False(result.Succeeded);
        Assert.Null(result.Failure);
        Assert.Null(result.ExecutedCopyPath);
        Assert.Empty(Directory.EnumerateFileSystemEntries(output.Path));
        Assert.Equal(4, result.ValidationProblems.Count);
        Assert.Contains(result.ValidationProblems, p => p.StartsWith("metadata.kernelspec.name should be \".net-csharp\"; found \"python3\"", StringComparison.Ordinal));
        Assert.Contains(result.ValidationProblems, p => p.StartsWith("metadata.polyglot_notebook.kernelInfo.defaultKernelName should be \"csharp\"", StringComparison.Ordinal));
        Assert.Contains(result.ValidationProblems, p => p.StartsWith("cell 2: metadata.polyglot_notebook.kernelName should be \"csharp\"; found \"fsharp\"", StringComparison.Ordinal));
        Assert.Contains(result.ValidationProblems, p => p.StartsWith("cell 3: metadata.polyglot_notebook.kernelName should be \"csharp\"; found null or nothing", StringComparison.Ordinal));
        Assert.Contains("invalid-metadata.ipynb: not a valid Polyglot C# notebook", result.Report());
    }
}
