using System.Text;
using System.Text.Json.Nodes;
using NotebookRunner.Formatting;

namespace NotebookRunner.Model;

/// <summary>
/// One output of a code cell while it runs. Outputs are mutable (streams grow, a display handle updates its
/// value) and are turned into nbformat JSON when the cell's state is written. Keys are written in alphabetical
/// order, as Jupyter and VS Code do.
/// </summary>
internal abstract class CellOutput
{
    public abstract JsonObject ToJson(int? executionCount);

    protected static JsonObject Bundle(MimeBundle bundle)
    {
        var data = new JsonObject();
        foreach (var (mimeType, content) in bundle.Entries)
            data[mimeType] = MimeBundle.IsText(mimeType) ? NotebookJson.ToMultilineString(content) : JsonValue.Create(content);
        return data;
    }
}

/// <summary>Text written to the console during the cell (<c>stdout</c> or <c>stderr</c>).</summary>
internal sealed class StreamOutput(string name) : CellOutput
{
    public string Name { get; } = name;
    public StringBuilder Text { get; } = new();

    public override JsonObject ToJson(int? executionCount) => new()
    {
        ["name"] = Name,
        ["output_type"] = "stream",
        ["text"] = NotebookJson.ToMultilineString(Text.ToString()),
    };
}

/// <summary>A value shown with <c>display(...)</c>; its content changes when the handle is updated.</summary>
internal sealed class DisplayOutput(MimeBundle data) : CellOutput
{
    public MimeBundle Data { get; set; } = data;

    public override JsonObject ToJson(int? executionCount) => new()
    {
        ["data"] = Bundle(Data),
        ["metadata"] = new JsonObject(),
        ["output_type"] = "display_data",
    };
}

/// <summary>The value of the cell's trailing expression.</summary>
internal sealed class ResultOutput(MimeBundle data) : CellOutput
{
    public MimeBundle Data { get; } = data;

    public override JsonObject ToJson(int? executionCount) => new()
    {
        ["data"] = Bundle(Data),
        ["execution_count"] = executionCount,
        ["metadata"] = new JsonObject(),
        ["output_type"] = "execute_result",
    };
}

/// <summary>A compile error, an exception or a time-out, as Jupyter records a failed cell.</summary>
internal sealed class ErrorOutput(string name, string value, IReadOnlyList<string> traceback) : CellOutput
{
    public string Name { get; } = name;
    public string Value { get; } = value;
    public IReadOnlyList<string> Traceback { get; } = traceback;

    public override JsonObject ToJson(int? executionCount)
    {
        var lines = new JsonArray();
        foreach (var line in Traceback) lines.Add(line);
        return new JsonObject
        {
            ["ename"] = Name,
            ["evalue"] = Value,
            ["output_type"] = "error",
            ["traceback"] = lines,
        };
    }
}
