using NotebookRunner.Execution;

namespace NotebookRunner.Formatting;

/// <summary>
/// The members a C# cell sees without qualification, matching the .NET Interactive kernel's
/// (<c>display(value, mimeTypes)</c> and <c>HTML(markup)</c>), so notebooks run unchanged in VS Code and here.
/// </summary>
public sealed class KernelGlobals
{
    private CellOutputCollector? _currentCell;

    internal KernelGlobals()
    {
    }

    internal void BeginCell(CellOutputCollector cell) => Volatile.Write(ref _currentCell, cell);

    /// <summary>
    /// Shows <paramref name="value"/> as an output of the running cell and returns a handle whose
    /// <see cref="DisplayedValue.Update"/> replaces it. Without <paramref name="mimeTypes"/> the value's preferred
    /// MIME types are used.
    /// </summary>
    // Lower-case because that is the kernel's name: notebooks call it as written for VS Code.
    public DisplayedValue display(object? value, params string[] mimeTypes)
    {
        var cell = Volatile.Read(ref _currentCell)
                   ?? throw new InvalidOperationException("display() was called outside a running cell");
        mimeTypes ??= [];
        var output = cell.AddDisplay(ValueFormatter.Format(value, mimeTypes));
        return new DisplayedValue(cell, output, mimeTypes);
    }

    /// <summary>Marks <paramref name="markup"/> as HTML to be shown as is (display it or end a cell with it).</summary>
    public HtmlContent HTML(string markup) => new(markup);
}
