using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using NotebookRunner.Model;

namespace NotebookRunner.Validation;

/// <summary>
/// Checks that a notebook is nbformat 4 with the Polyglot metadata VS Code writes, so that the file the runner
/// executes is the file a reader opens with the C# kernel. Reports every problem found, not just the first.
/// </summary>
public static partial class NotebookValidator
{
    private static readonly string[] CellTypes = ["code", "markdown", "raw"];

    /// <summary>The problems found, one sentence each naming where; empty when the notebook is valid.</summary>
    public static IReadOnlyList<string> Validate(Notebook notebook)
    {
        ArgumentNullException.ThrowIfNull(notebook);
        var problems = new List<string>();
        JsonObject root = notebook.Root;

        int? minor = CheckFormatVersion(root, problems);
        CheckNotebookMetadata(root["metadata"], problems);

        if (root["cells"] is not JsonArray cells)
        {
            problems.Add($"'cells' should be an array; found {Describe(root["cells"])}");
            return problems;
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < cells.Count; i++)
        {
            if (cells[i] is not JsonObject cell)
            {
                problems.Add($"cell {i + 1}: should be a JSON object; found {Describe(cells[i])}");
                continue;
            }
            CheckCell(cell, i + 1, minor, ids, problems);
        }
        return problems;
    }

    private static int? CheckFormatVersion(JsonObject root, List<string> problems)
    {
        if (IntegerOf(root["nbformat"]) is not PolyglotMetadata.NbFormat)
            problems.Add($"'nbformat' should be {PolyglotMetadata.NbFormat}; found {Describe(root["nbformat"])}");
        int? minor = IntegerOf(root["nbformat_minor"]);
        if (minor is null or < 0)
            problems.Add($"'nbformat_minor' should be a non-negative integer; found {Describe(root["nbformat_minor"])}");
        return minor;
    }

    private static void CheckNotebookMetadata(JsonNode? metadata, List<string> problems)
    {
        if (metadata is not JsonObject)
        {
            problems.Add($"notebook 'metadata' should be an object; found {Describe(metadata)}");
            return;
        }

        Expect(metadata["kernelspec"]?["name"], PolyglotMetadata.KernelSpecName, "metadata.kernelspec.name", problems);
        Expect(metadata["polyglot_notebook"]?["kernelInfo"]?["defaultKernelName"], PolyglotMetadata.KernelName,
            "metadata.polyglot_notebook.kernelInfo.defaultKernelName", problems);
    }

    private static void CheckCell(JsonObject cell, int number, int? minor, HashSet<string> ids, List<string> problems)
    {
        string where = $"cell {number}";
        string? type = StringOf(cell["cell_type"]);
        if (type is null || !CellTypes.Contains(type))
            problems.Add($"{where}: 'cell_type' should be one of {string.Join(", ", CellTypes)}; found {Describe(cell["cell_type"])}");
        if (NotebookJson.ReadMultilineString(cell["source"]) is null)
            problems.Add($"{where}: 'source' should be a string or an array of strings; found {Describe(cell["source"])}");
        if (cell["metadata"] is not JsonObject)
            problems.Add($"{where}: 'metadata' should be an object; found {Describe(cell["metadata"])}");

        CheckCellId(cell, where, minor, ids, problems);

        if (type != "code") return;
        Expect(cell["metadata"]?["polyglot_notebook"]?["kernelName"], PolyglotMetadata.KernelName,
            $"{where}: metadata.polyglot_notebook.kernelName", problems,
            " (only C# cells run here; a cell of another kernel cannot be executed)");
        if (cell["outputs"] is not JsonArray)
            problems.Add($"{where}: 'outputs' should be an array; found {Describe(cell["outputs"])}");
        if (!cell.ContainsKey("execution_count") || (cell["execution_count"] is not null && IntegerOf(cell["execution_count"]) is null))
            problems.Add($"{where}: 'execution_count' should be null or an integer; found {Describe(cell["execution_count"])}");
    }

    private static void CheckCellId(JsonObject cell, string where, int? minor, HashSet<string> ids, List<string> problems)
    {
        if (!cell.ContainsKey("id"))
        {
            // Ids became required in nbformat 4.5; older minors (VS Code writes 4.2) have none.
            if (minor >= 5) problems.Add($"{where}: 'id' is required from nbformat 4.5 on");
            return;
        }

        string? id = StringOf(cell["id"]);
        if (id is null || !CellIdPattern().IsMatch(id))
            problems.Add($"{where}: 'id' should be 1-64 letters, digits, '-' or '_'; found {Describe(cell["id"])}");
        else if (!ids.Add(id))
            problems.Add($"{where}: 'id' \"{id}\" is used by an earlier cell");
    }

    private static void Expect(JsonNode? actual, string expected, string what, List<string> problems, string why = "")
    {
        if (StringOf(actual) != expected)
            problems.Add($"{what} should be \"{expected}\"; found {Describe(actual)}{why}");
    }

    private static string? StringOf(JsonNode? node) => node is JsonValue v && v.TryGetValue(out string? s) ? s : null;

    private static int? IntegerOf(JsonNode? node) => node is JsonValue v && v.TryGetValue(out int n) ? n : null;

    private static string Describe(JsonNode? node) => node is null ? "null or nothing" : node.ToJsonString();

    [GeneratedRegex("^[a-zA-Z0-9_-]{1,64}$")]
    private static partial Regex CellIdPattern();
}
