using NotebookRunner.Execution;
using NotebookRunner.Model;

namespace NotebookRunner.Formatting;

/// <summary>
/// The handle <c>display(...)</c> returns, as in the kernel: <see cref="Update"/> replaces what that output shows
/// (live progress: one line or picture that changes instead of one output per step).
/// </summary>
public sealed class DisplayedValue
{
    private readonly CellOutputCollector _cell;
    private readonly DisplayOutput _output;
    private readonly string[] _mimeTypes;

    internal DisplayedValue(CellOutputCollector cell, DisplayOutput output, string[] mimeTypes)
    {
        _cell = cell;
        _output = output;
        _mimeTypes = mimeTypes;
        DisplayId = Guid.NewGuid().ToString("N");
    }

    /// <summary>Identifies this display (the kernel's display_id).</summary>
    public string DisplayId { get; }

    /// <summary>Shows <paramref name="updatedValue"/> in place of the current value, formatted with the same MIME types.</summary>
    public void Update(object? updatedValue) => _cell.Update(_output, ValueFormatter.Format(updatedValue, _mimeTypes));
}
