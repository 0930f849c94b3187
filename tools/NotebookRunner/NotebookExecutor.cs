using System.Diagnostics;
using NotebookRunner.Execution;
using NotebookRunner.Formatting;
using NotebookRunner.Model;
using NotebookRunner.Validation;

namespace NotebookRunner;

/// <summary>
/// Runs Polyglot C# notebooks headlessly, the way nbval/nbmake run Jupyter notebooks: code cells execute in order
/// in one Roslyn scripting session (state carries across cells), markdown cells are skipped, the first failing cell
/// stops the run, and an executed copy (outputs, execution counts, everything else unchanged) is written to the
/// output folder, also after a failure. Notebooks in one process run one at a time (see <see cref="RunEnvironment"/>).
/// </summary>
public static class NotebookExecutor
{
    private static readonly object OneAtATime = new();

    /// <summary>Validates and runs one notebook. Never modifies the source file.</summary>
    public static NotebookRunResult Run(string notebookPath, RunnerOptions options)
    {
        ArgumentException.ThrowIfNullOrEmpty(notebookPath);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();

        var clock = Stopwatch.StartNew();
        string sourcePath = Path.GetFullPath(notebookPath);
        Notebook source;
        try
        {
            source = Notebook.Load(sourcePath);
        }
        catch (InvalidDataException e)
        {
            return new NotebookRunResult(sourcePath, null, [e.Message], null, 0, clock.Elapsed);
        }

        var problems = NotebookValidator.Validate(source);
        if (problems.Count > 0) return new NotebookRunResult(sourcePath, null, problems, null, 0, clock.Elapsed);

        string outputPath = Path.Combine(Path.GetFullPath(options.OutputDirectory), source.Name);
        if (string.Equals(outputPath, sourcePath, StringComparison.Ordinal))
            throw new ArgumentException($"{source.Name}: the output folder is the notebook's own folder; the executed copy would overwrite the source", nameof(options));

        var executed = source.Clone();
        executed.ClearOutputs();
        CellFailure? failure;
        int codeCellsRun;
        lock (OneAtATime)
        {
            using var environment = new RunEnvironment(Path.GetDirectoryName(sourcePath)!, options.Smoke);
            (failure, codeCellsRun) = RunCells(executed, options);
        }
        executed.Save(outputPath);
        return new NotebookRunResult(sourcePath, outputPath, [], failure, codeCellsRun, clock.Elapsed);
    }

    private static (CellFailure? Failure, int CodeCellsRun) RunCells(Notebook notebook, RunnerOptions options)
    {
        var globals = new KernelGlobals();
        var session = new ScriptSession(notebook.Path, globals);
        var codeCells = notebook.Cells.Where(c => c.IsCode).ToList();

        for (int index = 0; index < codeCells.Count; index++)
        {
            var cell = codeCells[index];
            int executionCount = index + 1;
            var clock = Stopwatch.StartNew();
            Notify(CellStage.Started, TimeSpan.Zero);

            var collector = new CellOutputCollector();
            globals.BeginCell(collector);
            var (failure, error) = RunCell(cell, session, collector, options.CellTimeout);
            if (error is not null) collector.Add(error);
            cell.SetOutputs(collector.Close(executionCount), executionCount);

            Notify(failure is null ? CellStage.Succeeded : CellStage.Failed, clock.Elapsed);
            if (failure is not null) return (failure, executionCount);

            void Notify(CellStage stage, TimeSpan elapsed) =>
                options.OnCell?.Invoke(new CellEvent(notebook.Name, cell.Number, index + 1, codeCells.Count, cell.FirstLine, stage, elapsed));
        }
        return (null, codeCells.Count);
    }

    private static (CellFailure? Failure, ErrorOutput? Error) RunCell(NotebookCell cell, ScriptSession session, CellOutputCollector collector, TimeSpan limit)
    {
        var (code, problem) = CellDirectives.Prepare(cell.Source ?? "");
        if (problem is not null) return CellOutcome.Unsupported(cell, problem);

        (CellFailure, ErrorOutput)? Work()
        {
            ConsoleCapture.RouteTo(collector);
            var compiled = session.Compile(code, cell.Number);
            if (compiled.Errors.Count > 0) return CellOutcome.CompileError(cell, compiled.Errors);
            var run = session.Run(compiled);
            if (run.Exception is not null) return CellOutcome.Exception(cell, run.Exception);
            // A cell ending in display(x) has shown x already; VS Code skips the handle it returns, and so do we.
            if (compiled.HasValue && run.Value is not DisplayedValue)
                collector.Add(new ResultOutput(ValueFormatter.Format(run.Value)));
            return null;
        }

        try
        {
            if (!CellWorker.TryRun(Work, limit, $"notebook cell {cell.Number}", out var outcome))
                return CellOutcome.Timeout(cell, limit);
            return outcome is { } failed ? failed : (null, null);
        }
        catch (Exception e)
        {
            // Formatting the cell's value (a library formatter) failed: the cell's fault, reported as its exception.
            return CellOutcome.Exception(cell, e);
        }
    }
}
