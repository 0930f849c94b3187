using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace NotebookRunner.Model;

/// <summary>Reads and writes .ipynb JSON the way Jupyter and VS Code lay it out (one-space indent, readable text).</summary>
internal static class NotebookJson
{
    // Jupyter and VS Code write one-space indentation and leave '<', '&' and non-ASCII text unescaped, so an
    // executed copy diffs cleanly against what an editor saves.
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,
        IndentSize = 1,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly JsonDocumentOptions ReaderOptions = new()
    {
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
    };

    /// <summary>Parses notebook text; a malformed document is reported with the file name and position.</summary>
    public static JsonObject Parse(string json, string fileName)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json, documentOptions: ReaderOptions);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{fileName}: not valid JSON ({e.Message})", e);
        }

        return root as JsonObject
               ?? throw new InvalidDataException($"{fileName}: expected a JSON object at the top level, found {root?.GetValueKind().ToString() ?? "null"}");
    }

    /// <summary>Serialises with a trailing newline, as editors save notebooks.</summary>
    public static string Serialize(JsonObject notebook)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            notebook.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    /// <summary>
    /// Writes through a temporary file in the target folder and then moves it into place, so an existing
    /// executed copy is never left half-written.
    /// </summary>
    public static void WriteAtomically(string path, string text)
    {
        string folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(folder);
        string temporary = Path.Combine(folder, $".{Path.GetFileName(path)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            File.WriteAllText(temporary, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }

    /// <summary>
    /// nbformat's "multiline string": either one string or an array of lines. Returns the joined text, or null
    /// when the node is neither.
    /// </summary>
    public static string? ReadMultilineString(JsonNode? node)
    {
        switch (node)
        {
            case JsonValue value when value.TryGetValue(out string? text):
                return text;
            case JsonArray lines:
                var builder = new StringBuilder();
                foreach (var line in lines)
                {
                    if (line is not JsonValue lineValue || !lineValue.TryGetValue(out string? lineText)) return null;
                    builder.Append(lineText);
                }
                return builder.ToString();
            default:
                return null;
        }
    }

    /// <summary>Splits text into nbformat lines, each keeping its "\n" (the layout Jupyter and VS Code write).</summary>
    public static JsonArray ToMultilineString(string text)
    {
        var lines = new JsonArray();
        int start = 0;
        while (start < text.Length)
        {
            int newline = text.IndexOf('\n', start);
            int end = newline < 0 ? text.Length : newline + 1;
            lines.Add(text[start..end]);
            start = end;
        }
        return lines;
    }
}
