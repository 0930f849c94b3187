using System.Text.Json.Nodes;
using NotebookRunner.Tests.Support;

namespace NotebookRunner.Tests;

[Collection(NotebookRunsCollection.Name)]
public class NotebookExecutorTests
{
    [Fact]
    public void State_carries_across_cells_and_everything_else_is_kept()
    {
        using var output = new TempFolder();
        string sourcePath = TestPaths.Fixture("state-across-cells.ipynb");
        string sourceBefore = File.ReadAllText(sourcePath);

        var result = Fixtures.Run("state-across-cells.ipynb", output);

        Assert.True(result.Succeeded, result.Report());
        Assert.Equal(3, result.CodeCellsRun);
        var executed = ExecutedNotebook.Load(result.ExecutedCopyPath);
        // Cell 3 used the variable, the using and the class of cell 2; cell 4 shows the variable's new value.
        Assert.Equal("hello runner\n", executed.Stdout(3));
        var value = Assert.Single(executed.OutputsOfType(4, "execute_result"));
        Assert.Equal((40 + 2).ToString(), ExecutedNotebook.Text(value["data"]!["text/plain"]));
        Assert.Equal(3, value["execution_count"]!.GetValue<int>());
        Assert.Equal([1, 2, 3], new[] { 2, 3, 4 }.Select(n => executed.ExecutionCount(n) ?? -1));

        // Source untouched; the copy differs from it only in outputs and execution counts.
        Assert.Equal(sourceBefore, File.ReadAllText(sourcePath));
        var source = (JsonObject)JsonNode.Parse(sourceBefore)!;
        Assert.True(JsonNode.DeepEquals(source["metadata"], executed.Root["metadata"]));
        Assert.Equal(source["nbformat_minor"]!.GetValue<int>(), executed.Root["nbformat_minor"]!.GetValue<int>());
        for (int n = 1; n <= 4; n++)
        {
            var sourceCell = (JsonObject)source["cells"]![n - 1]!.DeepClone();
            var executedCell = (JsonObject)executed.Cell(n).DeepClone();
            foreach (var cell in new[] { sourceCell, executedCell })
            {
                cell.Remove("outputs");
                cell.Remove("execution_count");
            }
            Assert.True(JsonNode.DeepEquals(sourceCell, executedCell), $"cell {n} changed beyond outputs: {executedCell.ToJsonString()}");
        }
    }

    [Fact]
    public void Library_loads_with_a_relative_path_and_renders_through_its_formatters()
    {
        using var output = new TempFolder();

        var result = Fixtures.Run("library-reference.ipynb", output);

        Assert.True(result.Succeeded, result.Report());
        var executed = ExecutedNotebook.Load(result.ExecutedCopyPath);

        // The tensor shows as text/plain, the text its own ToString() printed in the same cell.
        var tensor = Assert.Single(executed.OutputsOfType(3, "execute_result"));
        var tensorData = (JsonObject)tensor["data"]!;
        Assert.Equal(["text/plain"], tensorData.Select(p => p.Key));
        Assert.Equal(executed.Stdout(3), ExecutedNotebook.Text(tensorData["text/plain"]));

        // IRichOutput: PNG as base64 image/png (one string, not lines), SVG as image/svg+xml.
        var png = Assert.Single(executed.OutputsOfType(4, "display_data"));
        var pngData = (JsonObject)png["data"]!;
        Assert.Equal(["image/png"], pngData.Select(p => p.Key));
        Assert.IsAssignableFrom<JsonValue>(pngData["image/png"]);
        Assert.Equal(new byte[] { 137, 80, 78, 71, 13, 10, 26, 10 }, Convert.FromBase64String(pngData["image/png"]!.GetValue<string>()));
        var svg = Assert.Single(executed.OutputsOfType(4, "execute_result"));
        Assert.Equal("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"4\" height=\"4\"></svg>",
            ExecutedNotebook.Text(svg["data"]!["image/svg+xml"]));
    }

    [Fact]
    public void Display_handles_update_in_place_and_mime_types_are_honoured()
    {
        using var output = new TempFolder();

        var result = Fixtures.Run("display-update.ipynb", output);

        Assert.True(result.Succeeded, result.Report());
        var executed = ExecutedNotebook.Load(result.ExecutedCopyPath);
        var displays = executed.OutputsOfType(1, "display_data");
        Assert.Equal(3, displays.Count);
        // Four values went through one handle; only the last is kept, in the first output's place.
        Assert.Equal("step 3", ExecutedNotebook.Text(displays[0]["data"]!["text/plain"]));
        Assert.Equal("<b>bold</b>", ExecutedNotebook.Text(displays[1]["data"]!["text/html"]));
        var both = (JsonObject)displays[2]["data"]!;
        Assert.Equal(["text/plain", "text/html"], both.Select(p => p.Key));
        Assert.Equal("42", ExecutedNotebook.Text(both["text/plain"]));
        var end = Assert.Single(executed.OutputsOfType(1, "execute_result"));
        Assert.Equal("<i>end</i>", ExecutedNotebook.Text(end["data"]!["text/html"]));

        // A cell ending in display(x) shows x once: the handle it returns is not shown as the cell's value.
        var once = Assert.IsType<JsonObject>(Assert.Single(executed.Outputs(2)));
        Assert.Equal("display_data", (string?)once["output_type"]);
        Assert.Equal("shown once", ExecutedNotebook.Text(once["data"]!["text/plain"]));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Smoke_mode_reaches_the_library_helper(bool smoke)
    {
        using var output = new TempFolder();
        string? before = Environment.GetEnvironmentVariable(RunnerOptions.SmokeVariable);

        var result = Fixtures.Run("smoke-mode.ipynb", output, smoke);

        Assert.True(result.Succeeded, result.Report());
        Assert.Equal(smoke.ToString(), ExecutedNotebook.Load(result.ExecutedCopyPath).Stdout(2));
        Assert.Equal(before, Environment.GetEnvironmentVariable(RunnerOptions.SmokeVariable));
    }
}
