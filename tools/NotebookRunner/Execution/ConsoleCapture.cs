using System.Text;

namespace NotebookRunner.Execution;

/// <summary>
/// Sends <see cref="Console.Out"/> and <see cref="Console.Error"/> to the running cell's outputs, as the kernel
/// does. The console is process-wide, so the router is installed once and picks the destination from an
/// <see cref="AsyncLocal{T}"/>: writes from a cell (and the tasks and threads it starts) go to that cell; all
/// other writes (the CLI's progress lines, another test) pass through to the original console.
/// </summary>
internal static class ConsoleCapture
{
    private static readonly AsyncLocal<CellOutputCollector?> CurrentCell = new();
    private static readonly object Gate = new();
    private static TextWriter? _installedOut;
    private static TextWriter? _installedError;

    /// <summary>Routes this execution context's console writes to <paramref name="collector"/> (null: stop).</summary>
    public static void RouteTo(CellOutputCollector? collector)
    {
        EnsureInstalled();
        CurrentCell.Value = collector;
    }

    private static void EnsureInstalled()
    {
        lock (Gate)
        {
            // Someone may have replaced the console writers since (a test host, a CLI); wrap whatever is current.
            if (!ReferenceEquals(Console.Out, _installedOut))
            {
                Console.SetOut(new RoutingWriter(Console.Out, "stdout"));
                _installedOut = Console.Out;
            }
            if (!ReferenceEquals(Console.Error, _installedError))
            {
                Console.SetError(new RoutingWriter(Console.Error, "stderr"));
                _installedError = Console.Error;
            }
        }
    }

    private sealed class RoutingWriter(TextWriter original, string streamName) : TextWriter
    {
        public override Encoding Encoding => original.Encoding;

        public override void Write(char value) => Write(value.ToString());

        public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

        public override void Write(string? value)
        {
            if (value is null) return;
            if (CurrentCell.Value is { } cell) cell.WriteStream(streamName, value);
            else original.Write(value);
        }

        public override void WriteLine(string? value) => Write((value ?? "") + new string(CoreNewLine));

        public override void Flush()
        {
            if (CurrentCell.Value is null) original.Flush();
        }
    }
}
