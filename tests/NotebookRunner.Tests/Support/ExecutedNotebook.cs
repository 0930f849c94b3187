using System.Text.Json.Nodes;

namespace NotebookRunner.Tests.Support;

/// <summary>An executed copy read back as plain JSON, to check exactly what the runner wrote.</summary>
internal sealed class ExecutedNotebook(JsonObject root)
{
    public JsonObject Root { get; } = root;

    public static ExecutedNotebook Load(string? path)
    {
        Assert.NotNull(path);
        Assert.True(File.Exists(path), $"executed copy missing: {path}");
        return new ExecutedNotebook((JsonObject)JsonNode.Parse(File.ReadAllText(path))!);
    }

    /// <summary>Cell by 1-based position.</summary>
    public JsonObject Cell(int number) => (JsonObject)((JsonArray)Root["cells"]!)[number - 1]!;

    public JsonArray Outputs(int number) => (JsonArray)Cell(number)["outputs"]!;

    public int? ExecutionCount(int number) => Cell(number)["execution_count"]?.GetValue<int>();

    public List<JsonObject> OutputsOfType(int number, string outputType) =>
        Outputs(number).Cast<JsonObject>().Where(o => (string?)o["output_type"] == outputType).ToList();

    /// <summary>The text of a stream output, or of one MIME entry of a data output (lines joined).</summary>
    public static string Text(JsonNode? multiline) => multiline switch
    {
        JsonArray lines => string.Concat(lines.Select(l => l!.GetValue<string>())),
        JsonValue value => value.GetValue<string>(),
        _ => throw new InvalidOperationException($"not an nbformat string: {multiline?.ToJsonString() ?? "null"}"),
    };

    public string Stdout(int number) =>
        string.Concat(OutputsOfType(number, "stream").Where(o => (string?)o["name"] == "stdout").Select(o => Text(o["text"])));
}
