using System.Text.Json.Nodes;

namespace NotebookRunner.Model;

/// <summary>One cell of a <see cref="Notebook"/>, a view over its JSON object.</summary>
public sealed class NotebookCell
{
    private const int FirstLineLimit = 80;
    private readonly JsonObject _json;

    internal NotebookCell(JsonObject json, int number)
    {
        _json = json;
        Number = number;
    }

    /// <summary>1-based position of the cell in the notebook, counting every cell (the number a reader sees).</summary>
    public int Number { get; }

    /// <summary><c>code</c>, <c>markdown</c> or <c>raw</c> (or whatever the file says, for validation to report).</summary>
    public string? CellType => _json["cell_type"] is JsonValue v && v.TryGetValue(out string? s) ? s : null;

    /// <summary>True for code cells.</summary>
    public bool IsCode => CellType == "code";

    /// <summary>The nbformat 4.5 cell id, when the file has one.</summary>
    public string? Id => _json["id"] is JsonValue v && v.TryGetValue(out string? s) ? s : null;

    /// <summary>The cell's text (lines joined), or null when <c>source</c> is missing or malformed.</summary>
    public string? Source => NotebookJson.ReadMultilineString(_json["source"]);

    /// <summary>The cell's <c>metadata</c> object, or null when missing or not an object.</summary>
    public JsonObject? Metadata => _json["metadata"] as JsonObject;

    /// <summary>The Polyglot kernel VS Code recorded for the cell (<c>metadata.polyglot_notebook.kernelName</c>).</summary>
    public string? KernelName =>
        Metadata?["polyglot_notebook"]?["kernelName"] is JsonValue v && v.TryGetValue(out string? s) ? s : null;

    /// <summary>The first non-blank line of the source, trimmed and shortened, to name the cell in messages.</summary>
    public string FirstLine
    {
        get
        {
            string? line = (Source ?? "").Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0);
            if (line is null) return "(empty cell)";
            return line.Length <= FirstLineLimit ? line : line[..(FirstLineLimit - 1)] + "…";
        }
    }

    /// <summary>The outputs array as stored (null when absent).</summary>
    internal JsonArray? Outputs => _json["outputs"] as JsonArray;

    /// <summary>The execution count as stored (null when absent or null).</summary>
    internal int? ExecutionCount => _json["execution_count"] is JsonValue v && v.TryGetValue(out int n) ? n : null;

    /// <summary>Replaces the outputs and execution count (code cells only).</summary>
    internal void SetOutputs(IEnumerable<JsonObject> outputs, int? executionCount)
    {
        if (!IsCode) throw new InvalidOperationException($"cell {Number} is a {CellType} cell; only code cells have outputs");
        var array = new JsonArray();
        foreach (var output in outputs) array.Add(output);
        _json["execution_count"] = executionCount;
        _json["outputs"] = array;
    }
}
