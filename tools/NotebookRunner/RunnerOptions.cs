namespace NotebookRunner;

/// <summary>How <see cref="NotebookExecutor"/> runs notebooks.</summary>
public sealed record RunnerOptions
{
    /// <summary>The environment variable the course library reads for smoke mode (<c>VaeCourse.Course.CourseMode</c>).</summary>
    public const string SmokeVariable = "VAE_SMOKE";

    /// <summary>Ten minutes: room for a full-mode training cell on a laptop, short enough to catch a hung cell.</summary>
    public static readonly TimeSpan DefaultCellTimeout = TimeSpan.FromMinutes(10);

    /// <summary>The folder executed copies are written to (created when missing), under the notebook's file name.</summary>
    public required string OutputDirectory { get; init; }

    /// <summary>
    /// Smoke mode: <see cref="SmokeVariable"/> is set to 1 while the notebook runs, so the course shrinks epochs and
    /// data; otherwise the variable is removed for the run (full mode, what a reader runs).
    /// </summary>
    public bool Smoke { get; init; }

    /// <summary>The longest one cell may run (compile and execute); a cell past it fails the run.</summary>
    public TimeSpan CellTimeout { get; init; } = DefaultCellTimeout;

    /// <summary>Told when each code cell starts and ends (called on the runner's thread, in order).</summary>
    public Action<CellEvent>? OnCell { get; init; }

    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(OutputDirectory))
            throw new ArgumentException("RunnerOptions.OutputDirectory: an output folder is required", nameof(OutputDirectory));
        if (CellTimeout <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(CellTimeout), CellTimeout, "RunnerOptions.CellTimeout: the per-cell limit must be positive");
    }
}

/// <summary>Where a code cell is in its run.</summary>
public enum CellStage
{
    /// <summary>About to compile and run.</summary>
    Started,
    /// <summary>Ran without error.</summary>
    Succeeded,
    /// <summary>Failed (compile error, exception, time-out or unsupported directive); the run stops.</summary>
    Failed,
}

/// <summary>Progress of one code cell.</summary>
/// <param name="Notebook">The notebook's file name.</param>
/// <param name="CellNumber">1-based position among all cells (as a reader counts them).</param>
/// <param name="CodeCellIndex">1-based position among code cells.</param>
/// <param name="CodeCellCount">How many code cells the notebook has.</param>
/// <param name="FirstLine">The cell's first non-blank line.</param>
/// <param name="Stage">Started, succeeded or failed.</param>
/// <param name="Elapsed">Time the cell took (zero when started).</param>
public sealed record CellEvent(string Notebook, int CellNumber, int CodeCellIndex, int CodeCellCount, string FirstLine, CellStage Stage, TimeSpan Elapsed);
