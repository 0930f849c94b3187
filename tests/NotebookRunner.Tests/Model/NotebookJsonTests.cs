using System.Text.Json.Nodes;
using NotebookRunner.Model;
using NotebookRunner.Tests.Support;

namespace NotebookRunner.Tests.Model;

public class NotebookJsonTests
{
    // Laid out as VS Code saves a notebook: one-space indent, raw '<', '&' and non-ASCII, trailing newline,
    // keys in the file's own order, an unknown field and a cell id.
    private const string VsCodeLayout = """
        {
         "cells": [
          {
           "cell_type": "markdown",
           "id": "intro-1",
           "metadata": {},
           "source": [
            "Café <b>&</b> \"quotes\"\n",
            "second line"
           ]
          },
          {
           "cell_type": "code",
           "execution_count": null,
           "id": "code_2",
           "metadata": {
            "polyglot_notebook": {
             "kernelName": "csharp"
            },
            "tags": [
             "x"
            ]
           },
           "outputs": [],
           "source": [
            "var x = 1;"
           ]
          }
         ],
         "metadata": {
          "custom": {
           "nested": [
            1,
            2.5,
            true
           ]
          },
          "kernelspec": {
           "name": ".net-csharp"
          }
         },
         "nbformat": 4,
         "nbformat_minor": 5
        }

        """;

    [Fact]
    public void Round_trip_reproduces_the_editor_layout_byte_for_byte()
    {
        var notebook = Notebook.Parse(VsCodeLayout, "/tmp/layout.ipynb");

        Assert.Equal(VsCodeLayout, notebook.ToJson());
    }

    [Fact]
    public void Cells_expose_type_id_source_and_kernel()
    {
        var notebook = Notebook.Parse(VsCodeLayout, "/tmp/layout.ipynb");

        Assert.Equal(2, notebook.Cells.Count);
        var markdown = notebook.Cells[0];
        Assert.Equal((1, "markdown", "intro-1", false), (markdown.Number, markdown.CellType, markdown.Id, markdown.IsCode));
        Assert.Equal("Café <b>&</b> \"quotes\"\nsecond line", markdown.Source);
        var code = notebook.Cells[1];
        Assert.Equal((2, "csharp", "var x = 1;"), (code.Number, code.KernelName, code.FirstLine));
    }

    [Fact]
    public void First_line_skips_blank_lines_and_shortens_long_ones()
    {
        string longLine = new('x', 200);
        var notebook = Notebook.Parse($$"""{"cells":[{"cell_type":"code","source":["\n","   \n","  {{longLine}}\n","next"]},{"cell_type":"code","source":""}]}""", "/tmp/a.ipynb");

        Assert.Equal(new string('x', 79) + "…", notebook.Cells[0].FirstLine);
        Assert.Equal("(empty cell)", notebook.Cells[1].FirstLine);
    }

    [Fact]
    public void Outputs_are_replaced_on_code_cells_only()
    {
        var notebook = Notebook.Parse(VsCodeLayout, "/tmp/layout.ipynb");

        notebook.Cells[1].SetOutputs([new JsonObject { ["output_type"] = "stream" }], executionCount: 7);

        Assert.Equal(7, notebook.Cells[1].ExecutionCount);
        Assert.Single(notebook.Cells[1].Outputs!);
        Assert.Throws<InvalidOperationException>(() => notebook.Cells[0].SetOutputs([], 1));
        notebook.ClearOutputs();
        Assert.Null(notebook.Cells[1].ExecutionCount);
        Assert.Empty(notebook.Cells[1].Outputs!);
    }

    [Fact]
    public void Clone_shares_nothing_with_the_original()
    {
        var original = Notebook.Parse(VsCodeLayout, "/tmp/layout.ipynb");
        var copy = original.Clone();

        copy.Cells[1].SetOutputs([new JsonObject { ["output_type"] = "stream" }], 1);

        Assert.Equal(VsCodeLayout, original.ToJson());
    }

    [Theory]
    [InlineData("", new string[0])]
    [InlineData("one", new[] { "one" })]
    [InlineData("a\nb", new[] { "a\n", "b" })]
    [InlineData("a\n\nb\n", new[] { "a\n", "\n", "b\n" })]
    public void Text_is_stored_as_lines_that_keep_their_newlines(string text, string[] lines)
    {
        var array = NotebookJson.ToMultilineString(text);

        Assert.Equal(lines, array.Select(l => l!.GetValue<string>()));
        Assert.Equal(text, NotebookJson.ReadMultilineString(array));
    }

    [Fact]
    public void Malformed_sources_read_as_null()
    {
        Assert.Null(NotebookJson.ReadMultilineString(JsonNode.Parse("[\"a\", 3]")));
        Assert.Null(NotebookJson.ReadMultilineString(JsonNode.Parse("42")));
        Assert.Null(NotebookJson.ReadMultilineString(null));
    }

    [Fact]
    public void Invalid_json_names_the_file()
    {
        var error = Assert.Throws<InvalidDataException>(() => Notebook.Parse("{ \"cells\": [", "/x/broken.ipynb"));
        Assert.StartsWith("broken.ipynb: not valid JSON", error.Message);

        var notObject = Assert.Throws<InvalidDataException>(() => Notebook.Parse("[1]", "/x/array.ipynb"));
        Assert.Equal("array.ipynb: expected a JSON object at the top level, found Array", notObject.Message);
    }

    [Fact]
    public void Save_writes_through_a_temporary_file_and_leaves_nothing_else()
    {
        using var folder = new TempFolder();
        string path = Path.Combine(folder.Path, "nested", "out.ipynb");
        File.WriteAllText(Path.Combine(folder.Path, "keep.txt"), "other file");

        Notebook.Parse(VsCodeLayout, "/tmp/layout.ipynb").Save(path);
        Notebook.Parse(VsCodeLayout, "/tmp/layout.ipynb").Save(path); // overwrite

        Assert.Equal(VsCodeLayout, File.ReadAllText(path));
        Assert.Equal(["out.ipynb"], Directory.GetFiles(Path.GetDirectoryName(path)!).Select(Path.GetFileName));
        Assert.Equal("other file", File.ReadAllText(Path.Combine(folder.Path, "keep.txt")));
    }
}
