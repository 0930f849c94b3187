using System.Text.Json.Nodes;
using NotebookRunner.Formatting;
using NotebookRunner.Model;

namespace NotebookRunner.Execution;

/// <summary>
/// Gathers one cell's outputs in order. Console writes, display calls and handle updates may come from any
/// thread the cell starts, so every change takes the lock. Once closed (the cell finished or timed out),
/// later writes from threads the cell left running are dropped rather than growing without bound.
/// </summary>
internal sealed class CellOutputCollector
{
    private readonly object _gate = new();
    private readonly List<CellOutput> _outputs = [];
    private bool _closed;

    /// <summary>Appends console text, merging with the previous output when it is the same stream.</summary>
    public void WriteStream(string name, string text)
    {
        if (text.Length == 0) return;
        lock (_gate)
        {
            if (_closed) return;
            if (_outputs.Count > 0 && _outputs[^1] is StreamOutput last && last.Name == name)
            {
                last.Text.Append(text);
                return;
            }
            var stream = new StreamOutput(name);
            stream.Text.Append(text);
            _outputs.Add(stream);
        }
    }

    /// <summary>Adds a displayed value and returns its output so a handle can update it in place.</summary>
    public DisplayOutput AddDisplay(MimeBundle data)
    {
        var output = new DisplayOutput(data);
        Add(output);
        return output;
    }

    /// <summary>Replaces what an earlier <c>display</c> shows (a no-op after the cell is closed).</summary>
    public void Update(DisplayOutput output, MimeBundle data)
    {
        lock (_gate)
        {
            if (!_closed) output.Data = data;
        }
    }

    /// <summary>Adds an output at the end (a result or an error).</summary>
    public void Add(CellOutput output)
    {
        lock (_gate)
        {
            if (!_closed) _outputs.Add(output);
        }
    }

    /// <summary>Stops accepting outputs and returns them as nbformat JSON.</summary>
    public IReadOnlyList<JsonObject> Close(int executionCount)
    {
        lock (_gate)
        {
            _closed = true;
            return _outputs.Select(o => o.ToJson(executionCount)).ToList();
        }
    }
}
