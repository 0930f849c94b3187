using System.Text.Json.Nodes;

namespace NotebookRunner.Model;

/// <summary>
/// A Jupyter notebook (nbformat 4) held as its JSON tree, so everything the runner does not touch (notebook and
/// cell metadata, cell ids, attachments, unknown fields) is written back exactly as it was read.
/// </summary>
public sealed class Notebook
{
    private readonly JsonObject _root;

    private Notebook(JsonObject root, string path)
    {
        _root = root;
        Path = path;
        Cells = ReadCells(root);
    }

    /// <summary>Where the notebook was read from (used in messages and to resolve <c>#r</c> paths).</summary>
    public string Path { get; }

    /// <summary>The file name, e.g. <c>00-setup.ipynb</c>.</summary>
    public string Name => System.IO.Path.GetFileName(Path);

    /// <summary>The cells that are JSON objects, in order; <see cref="NotebookCell.Number"/> is the position in the file.</summary>
    public IReadOnlyList<NotebookCell> Cells { get; }

    /// <summary>The top-level <c>metadata</c> object, or null when missing or not an object.</summary>
    public JsonObject? Metadata => _root["metadata"] as JsonObject;

    internal JsonObject Root => _root;

    /// <summary>Reads a notebook file. Throws <see cref="InvalidDataException"/> when it is not a JSON object.</summary>
    public static Notebook Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"notebook not found: {path}", path);
        return Parse(File.ReadAllText(path), path);
    }

    /// <summary>Parses notebook JSON; <paramref name="path"/> names it in messages and anchors relative references.</summary>
    public static Notebook Parse(string json, string path)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentException.ThrowIfNullOrEmpty(path);
        return new Notebook(NotebookJson.Parse(json, System.IO.Path.GetFileName(path)), System.IO.Path.GetFullPath(path));
    }

    /// <summary>A deep copy that shares nothing with this one (the executed copy is built on it).</summary>
    public Notebook Clone() => new((JsonObject)_root.DeepClone(), Path);

    /// <summary>Empties every code cell's outputs and execution count: the state a source notebook is kept in.</summary>
    public void ClearOutputs()
    {
        foreach (var cell in Cells)
            if (cell.IsCode) cell.SetOutputs(Array.Empty<JsonObject>(), executionCount: null);
    }

    /// <summary>The notebook as .ipynb text (one-space indentation, trailing newline).</summary>
    public string ToJson() => NotebookJson.Serialize(_root);

    /// <summary>Writes the notebook to <paramref name="path"/> via a temporary file, creating the folder if needed.</summary>
    public void Save(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        NotebookJson.WriteAtomically(path, ToJson());
    }

    private static List<NotebookCell> ReadCells(JsonObject root)
    {
        var cells = new List<NotebookCell>();
        if (root["cells"] is not JsonArray array) return cells;
        for (int i = 0; i < array.Count; i++)
            if (array[i] is JsonObject cell) cells.Add(new NotebookCell(cell, number: i + 1));
        return cells;
    }
}
