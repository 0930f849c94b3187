using System.Text;

namespace NotebookRunner;

/// <summary>Why a cell failed.</summary>
public enum CellFailureKind
{
    /// <summary>The C# did not compile (diagnostics in the details).</summary>
    CompileError,
    /// <summary>The cell threw.</summary>
    Exception,
    /// <summary>The cell ran past the per-cell limit.</summary>
    Timeout,
    /// <summary>A Polyglot directive the runner cannot honour (<c>#r "nuget:"</c>, another kernel, a magic command).</summary>
    UnsupportedDirective,
}

/// <summary>The cell a run stopped at, and why.</summary>
/// <param name="Kind">What went wrong.</param>
/// <param name="CellNumber">1-based position among all cells.</param>
/// <param name="FirstLine">The cell's first non-blank line.</param>
/// <param name="Summary">One line: the first diagnostic, the exception type and message, or the time-out.</param>
/// <param name="Details">All diagnostics, or the exception's full text.</param>
public sealed record CellFailure(CellFailureKind Kind, int CellNumber, string FirstLine, string Summary, IReadOnlyList<string> Details);

/// <summary>The outcome of running one notebook.</summary>
public sealed class NotebookRunResult
{
    internal NotebookRunResult(string notebookPath, string? executedCopyPath, IReadOnlyList<string> validationProblems,
        CellFailure? failure, int codeCellsRun, TimeSpan elapsed)
    {
        NotebookPath = notebookPath;
        ExecutedCopyPath = executedCopyPath;
        ValidationProblems = validationProblems;
        Failure = failure;
        CodeCellsRun = codeCellsRun;
        Elapsed = elapsed;
    }

    /// <summary>The source notebook.</summary>
    public string NotebookPath { get; }

    /// <summary>The notebook's file name.</summary>
    public string NotebookName => Path.GetFileName(NotebookPath);

    /// <summary>The executed copy written (also after a failing cell); null when the notebook was not run.</summary>
    public string? ExecutedCopyPath { get; }

    /// <summary>What is wrong with the file itself (format or Polyglot metadata); non-empty means nothing ran.</summary>
    public IReadOnlyList<string> ValidationProblems { get; }

    /// <summary>The failing cell, or null.</summary>
    public CellFailure? Failure { get; }

    /// <summary>Code cells executed, the failing one included.</summary>
    public int CodeCellsRun { get; }

    /// <summary>Wall time of the whole notebook.</summary>
    public TimeSpan Elapsed { get; }

    /// <summary>True when the notebook was valid and every code cell ran without error.</summary>
    public bool Succeeded => ValidationProblems.Count == 0 && Failure is null;

    /// <summary>A multi-line report: what failed, where, the first line of the cell, and the diagnostics or exception.</summary>
    public string Report()
    {
        var text = new StringBuilder();
        if (ValidationProblems.Count > 0)
        {
            text.AppendLine($"{NotebookName}: not a valid Polyglot C# notebook:");
            foreach (var problem in ValidationProblems) text.AppendLine($"  {problem}");
        }
        else if (Failure is { } failure)
        {
            text.AppendLine($"{NotebookName}: cell {failure.CellNumber} failed ({Describe(failure.Kind)}): {failure.Summary}");
            text.AppendLine($"  cell {failure.CellNumber} begins: {failure.FirstLine}");
            foreach (var line in failure.Details) text.AppendLine($"  {line}");
        }
        else
        {
            text.AppendLine($"{NotebookName}: {CodeCellsRun} code cells ran in {Elapsed.TotalSeconds:F1} s");
        }
        if (ExecutedCopyPath is not null) text.AppendLine($"  executed copy: {ExecutedCopyPath}");
        return text.ToString().TrimEnd();
    }

    private static string Describe(CellFailureKind kind) => kind switch
    {
        CellFailureKind.CompileError => "compile error",
        CellFailureKind.Exception => "exception",
        CellFailureKind.Timeout => "time-out",
        CellFailureKind.UnsupportedDirective => "unsupported directive",
        _ => kind.ToString(),
    };
}
