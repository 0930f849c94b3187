using System.Reflection;
using Microsoft.CodeAnalysis;
using NotebookRunner.Model;

namespace NotebookRunner.Execution;

/// <summary>How a cell ended, turned into the failure report and the error output Jupyter records.</summary>
internal static class CellOutcome
{
    public static (CellFailure Failure, ErrorOutput Output) CompileError(NotebookCell cell, IReadOnlyList<Diagnostic> errors)
    {
        var lines = errors.Select(FormatDiagnostic).ToList();
        return (new CellFailure(CellFailureKind.CompileError, cell.Number, cell.FirstLine, lines[0], lines),
                new ErrorOutput("CompilationError", lines[0], lines));
    }

    public static (CellFailure Failure, ErrorOutput Output) Exception(NotebookCell cell, Exception exception)
    {
        exception = Unwrap(exception);
        string name = exception.GetType().FullName ?? exception.GetType().Name;
        string summary = $"{name}: {exception.Message}";
        var trace = CleanTrace(exception.ToString());
        return (new CellFailure(CellFailureKind.Exception, cell.Number, cell.FirstLine, summary, trace),
                new ErrorOutput(name, exception.Message, trace));
    }

    public static (CellFailure Failure, ErrorOutput Output) Timeout(NotebookCell cell, TimeSpan limit)
    {
        string summary = $"did not finish within {limit.TotalSeconds:0.###} s, the per-cell time limit";
        string[] details =
        [
            summary + "; the run stopped and the cell's thread was abandoned",
            "if the cell is only slow, raise the limit (vae notebooks --cell-timeout SECONDS)",
        ];
        return (new CellFailure(CellFailureKind.Timeout, cell.Number, cell.FirstLine, summary, details),
                new ErrorOutput("TimeoutException", summary, details));
    }

    public static (CellFailure Failure, ErrorOutput Output) Unsupported(NotebookCell cell, string problem) =>
        (new CellFailure(CellFailureKind.UnsupportedDirective, cell.Number, cell.FirstLine, problem, [problem]),
         new ErrorOutput("UnsupportedDirective", problem, [problem]));

    // "(3,17): error CS0103: The name 'y' does not exist in the current context": line and column within the cell.
    private static string FormatDiagnostic(Diagnostic diagnostic)
    {
        string message = diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        if (!diagnostic.Location.IsInSource) return $"error {diagnostic.Id}: {message}";
        var start = diagnostic.Location.GetLineSpan().StartLinePosition;
        return $"({start.Line + 1},{start.Character + 1}): error {diagnostic.Id}: {message}";
    }

    private static Exception Unwrap(Exception exception)
    {
        while (true)
        {
            switch (exception)
            {
                case TargetInvocationException { InnerException: { } inner }:
                    exception = inner;
                    continue;
                case AggregateException { InnerExceptions.Count: 1 } aggregate:
                    exception = aggregate.InnerExceptions[0];
                    continue;
                default:
                    return exception;
            }
        }
    }

    // Keeps the frames that mean something to a reader (the cell, the library) and drops Roslyn's and the
    // async machinery's plumbing.
    private static List<string> CleanTrace(string text) =>
        text.Split('\n')
            .Select(line => line.TrimEnd('\r'))
            .Where(line => !line.TrimStart().StartsWith("at Microsoft.CodeAnalysis.Scripting.", StringComparison.Ordinal)
                           && !line.TrimStart().StartsWith("at System.Runtime.CompilerServices.", StringComparison.Ordinal)
                           && !line.TrimStart().StartsWith("at System.Runtime.ExceptionServices.", StringComparison.Ordinal)
                           && !line.TrimStart().StartsWith("at System.Threading.Tasks.", StringComparison.Ordinal)
                           && line.Trim() != "--- End of stack trace from previous location ---")
            .ToList();
}
