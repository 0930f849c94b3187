using System.CommandLine;
using System.Globalization;
using NotebookRunner;

namespace Vae.Cli.Commands;

/// <summary>
/// <c>vae notebooks [--smoke] [--out DIR] [--cell-timeout SECONDS] [NOTEBOOK.ipynb ...]</c>: executes the course's
/// Polyglot notebooks headlessly and writes executed copies; exits non-zero when a notebook fails.
/// </summary>
internal static class NotebooksCommand
{
    /// <summary>Every notebook ran.</summary>
    public const int Success = 0;
    /// <summary>At least one notebook failed or was invalid.</summary>
    public const int NotebookFailed = 1;
    /// <summary>Nothing to run: bad paths, no notebooks.</summary>
    public const int UsageError = 2;

    public static Command Create()
    {
        var smoke = new Option<bool>("--smoke")
        {
            Description = $"Smoke mode: sets {RunnerOptions.SmokeVariable}=1 so notebooks shrink epochs and data (what CI runs).",
        };
        var output = new Option<string?>("--out")
        {
            Description = "Folder for the executed copies [default: runs/notebooks in the repository].",
            HelpName = "DIR",
        };
        var cellTimeout = new Option<double>("--cell-timeout")
        {
            Description = "Longest one cell may run, in seconds.",
            HelpName = "SECONDS",
            DefaultValueFactory = _ => RunnerOptions.DefaultCellTimeout.TotalSeconds,
        };
        var notebooks = new Argument<string[]>("NOTEBOOK.ipynb")
        {
            Description = "Notebooks to run [default: every notebook in notebooks/, in name order].",
            Arity = ArgumentArity.ZeroOrMore,
        };

        var command = new Command("notebooks", "Execute the course's notebooks headlessly and write executed copies.")
        {
            smoke, output, cellTimeout, notebooks,
        };
        command.SetAction(parsed => Run(
            parsed.GetValue(notebooks) ?? [],
            parsed.GetValue(smoke),
            parsed.GetValue(output),
            parsed.GetValue(cellTimeout),
            parsed.InvocationConfiguration.Output,
            parsed.InvocationConfiguration.Error));
        return command;
    }

    internal static int Run(string[] paths, bool smoke, string? outputFolder, double cellTimeoutSeconds, TextWriter stdout, TextWriter stderr)
    {
        if (!(cellTimeoutSeconds > 0) || double.IsInfinity(cellTimeoutSeconds))
        {
            stderr.WriteLine($"vae notebooks: --cell-timeout must be a positive number of seconds; got {cellTimeoutSeconds.ToString(CultureInfo.InvariantCulture)}");
            return UsageError;
        }

        // The repository around the working directory, else the one this tool was built in (dotnet run --project from elsewhere).
        string? root = NotebookDiscovery.FindRepositoryRoot(Environment.CurrentDirectory)
                       ?? NotebookDiscovery.FindRepositoryRoot(AppContext.BaseDirectory);
        if (!TryResolveNotebooks(paths, root, stderr, out var notebooks)) return UsageError;
        string outputDirectory = Path.GetFullPath(outputFolder ?? Path.Combine(root ?? Environment.CurrentDirectory, "runs", "notebooks"));

        var options = new RunnerOptions
        {
            OutputDirectory = outputDirectory,
            Smoke = smoke,
            CellTimeout = TimeSpan.FromSeconds(cellTimeoutSeconds),
            OnCell = e => ReportCell(e, stdout),
        };

        stdout.WriteLine($"Running {notebooks.Count} notebook(s) in {(smoke ? "smoke" : "full")} mode; executed copies go to {outputDirectory}");
        var results = new List<NotebookRunResult>();
        foreach (var notebook in notebooks)
        {
            stdout.WriteLine(Path.GetFileName(notebook));
            var result = NotebookExecutor.Run(notebook, options);
            results.Add(result);
            if (result.Succeeded)
                stdout.WriteLine($"  passed: {result.CodeCellsRun} code cells in {Seconds(result.Elapsed)}");
            else
                stderr.WriteLine(result.Report());
        }

        int failed = results.Count(r => !r.Succeeded);
        var total = TimeSpan.FromTicks(results.Sum(r => r.Elapsed.Ticks));
        stdout.WriteLine($"Notebooks: {results.Count - failed} of {results.Count} ran cleanly in {Seconds(total)}.");
        foreach (var result in results.Where(r => !r.Succeeded))
            stdout.WriteLine($"  FAILED {result.NotebookName}{(result.Failure is { } f ? $" at cell {f.CellNumber}" : " (invalid notebook)")}");
        return failed == 0 ? Success : NotebookFailed;
    }

    private static bool TryResolveNotebooks(string[] paths, string? root, TextWriter stderr, out IReadOnlyList<string> notebooks)
    {
        notebooks = [];
        if (paths.Length == 0)
        {
            string folder = Path.Combine(root ?? Environment.CurrentDirectory, NotebookDiscovery.NotebookFolder);
            if (!Directory.Exists(folder))
            {
                stderr.WriteLine($"vae notebooks: no notebook folder at {folder} (run from inside the repository or name notebooks)");
                return false;
            }
            notebooks = NotebookDiscovery.FindNotebooks(folder);
            if (notebooks.Count == 0)
            {
                stderr.WriteLine($"vae notebooks: {folder} holds no .ipynb files");
                return false;
            }
            return true;
        }

        var missing = paths.Where(p => !File.Exists(p) || !p.EndsWith(".ipynb", StringComparison.OrdinalIgnoreCase)).ToList();
        if (missing.Count > 0)
        {
            foreach (var path in missing) stderr.WriteLine($"vae notebooks: not an existing .ipynb file: {path}");
            return false;
        }
        var clash = paths.GroupBy(Path.GetFileName, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (clash is not null)
        {
            stderr.WriteLine($"vae notebooks: {clash.Count()} notebooks are named {clash.Key}; their executed copies would overwrite each other");
            return false;
        }
        notebooks = paths.Select(Path.GetFullPath).ToList();
        return true;
    }

    private static void ReportCell(CellEvent e, TextWriter stdout)
    {
        string position = $"cell {e.CellNumber} ({e.CodeCellIndex}/{e.CodeCellCount})";
        switch (e.Stage)
        {
            case CellStage.Started:
                stdout.WriteLine($"  {position}: {e.FirstLine}");
                break;
            case CellStage.Succeeded:
                stdout.WriteLine($"    ok in {Seconds(e.Elapsed)}");
                break;
            case CellStage.Failed:
                stdout.WriteLine($"    FAILED after {Seconds(e.Elapsed)}");
                break;
        }
    }

    private static string Seconds(TimeSpan time) => $"{time.TotalSeconds.ToString("F2", CultureInfo.InvariantCulture)} s";
}
