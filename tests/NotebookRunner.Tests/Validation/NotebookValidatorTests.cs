using System.Text.Json.Nodes;
using NotebookRunner.Model;
using NotebookRunner.Validation;

namespace NotebookRunner.Tests.Validation;

public class NotebookValidatorTests
{
    // The metadata VS Code's Polyglot Notebooks extension writes for a C# notebook.
    private const string Valid = """
        {
         "cells": [
          { "cell_type": "markdown", "metadata": {}, "source": ["# Title"] },
          { "cell_type": "code", "execution_count": null,
            "metadata": { "dotnet_interactive": { "language": "csharp" }, "polyglot_notebook": { "kernelName": "csharp" } },
            "outputs": [], "source": ["var x = 1;"] },
          { "cell_type": "raw", "metadata": {}, "source": "" }
         ],
         "metadata": {
          "kernelspec": { "display_name": ".NET (C#)", "language": "C#", "name": ".net-csharp" },
          "language_info": { "name": "polyglot-notebook" },
          "polyglot_notebook": { "kernelInfo": { "defaultKernelName": "csharp", "items": [ { "aliases": [], "name": "csharp" } ] } }
         },
         "nbformat": 4,
         "nbformat_minor": 2
        }
        """;

    [Fact]
    public void Vs_code_polyglot_notebook_is_valid() => Assert.Empty(Validate(_ => { }));

    public static TheoryData<string, Action<JsonObject>, string> Broken() => new()
    {
        { "nbformat 3", nb => nb["nbformat"] = 3, "'nbformat' should be 4; found 3" },
        { "no minor", nb => nb.Remove("nbformat_minor"), "'nbformat_minor' should be a non-negative integer; found null or nothing" },
        { "metadata array", nb => nb["metadata"] = new JsonArray(), "notebook 'metadata' should be an object; found []" },
        { "kernelspec", nb => nb["metadata"]!["kernelspec"]!["name"] = "python3", "metadata.kernelspec.name should be \".net-csharp\"; found \"python3\"" },
        { "default kernel", nb => nb["metadata"]!["polyglot_notebook"]!["kernelInfo"]!["defaultKernelName"] = "fsharp",
            "metadata.polyglot_notebook.kernelInfo.defaultKernelName should be \"csharp\"; found \"fsharp\"" },
        { "cells object", nb => nb["cells"] = new JsonObject(), "'cells' should be an array; found {}" },
        { "cell not object", nb => Cells(nb).Add(5), "cell 4: should be a JSON object; found 5" },
        { "cell type", nb => Cell(nb, 1)["cell_type"] = "heading", "cell 1: 'cell_type' should be one of code, markdown, raw; found \"heading\"" },
        { "source number", nb => Cell(nb, 1)["source"] = 3, "cell 1: 'source' should be a string or an array of strings; found 3" },
        { "cell metadata", nb => Cell(nb, 3).Remove("metadata"), "cell 3: 'metadata' should be an object; found null or nothing" },
        { "cell kernel", nb => Cell(nb, 2)["metadata"]!["polyglot_notebook"]!["kernelName"] = "pwsh",
            "cell 2: metadata.polyglot_notebook.kernelName should be \"csharp\"; found \"pwsh\"" },
        { "no outputs", nb => Cell(nb, 2).Remove("outputs"), "cell 2: 'outputs' should be an array; found null or nothing" },
        { "no execution count", nb => Cell(nb, 2).Remove("execution_count"), "cell 2: 'execution_count' should be null or an integer; found null or nothing" },
        { "text execution count", nb => Cell(nb, 2)["execution_count"] = "1", "cell 2: 'execution_count' should be null or an integer; found \"1\"" },
        { "ids required from 4.5", nb => nb["nbformat_minor"] = 5, "cell 1: 'id' is required from nbformat 4.5 on" },
        { "bad id", nb => Cell(nb, 1)["id"] = "has space", "cell 1: 'id' should be 1-64 letters, digits, '-' or '_'; found \"has space\"" },
        { "duplicate id", nb => { Cell(nb, 1)["id"] = "same"; Cell(nb, 2)["id"] = "same"; }, "cell 2: 'id' \"same\" is used by an earlier cell" },
    };

    [Theory]
    [MemberData(nameof(Broken))]
    public void Each_problem_is_reported_where_it_is(string name, Action<JsonObject> breakIt, string expected)
    {
        var problems = Validate(breakIt);

        Assert.True(problems.Any(p => p.StartsWith(expected, StringComparison.Ordinal)),
            $"{name}: expected a problem starting \"{expected}\"; got: {string.Join(" | ", problems)}");
    }

    [Fact]
    public void All_problems_are_reported_not_just_the_first()
    {
        var problems = Validate(nb =>
        {
            nb["nbformat"] = 3;
            Cell(nb, 2)["metadata"] = new JsonObject();
            Cell(nb, 1)["cell_type"] = "heading";
        });

        Assert.Equal(3, problems.Count);
    }

    private static IReadOnlyList<string> Validate(Action<JsonObject> change)
    {
        var json = (JsonObject)JsonNode.Parse(Valid)!;
        change(json);
        return NotebookValidator.Validate(Notebook.Parse(json.ToJsonString(), "/tmp/check.ipynb"));
    }

    private static JsonArray Cells(JsonObject notebook) => (JsonArray)notebook["cells"]!;

    private static JsonObject Cell(JsonObject notebook, int number) => (JsonObject)Cells(notebook)[number - 1]!;
}
