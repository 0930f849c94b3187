using System.Globalization;
using Spectre.Console;
using VaeCourse.Training;

namespace Vae.Cli.Commands;

/// <summary>
/// Progress for long verbs: a Spectre.Console bar (description, bar, percentage, time remaining, spinner) when the
/// output is an interactive terminal, plain lines otherwise (redirected output, CI logs, tests), so logs never fill
/// with control codes. Finished epochs are printed as lines in both modes, so the history stays on screen.
/// </summary>
internal static class ConsoleProgress
{
    /// <summary>
    /// A Spectre console for the bar when <paramref name="output"/> is this process's stdout and stdout is an
    /// interactive terminal; null means plain lines.
    /// </summary>
    public static IAnsiConsole? InteractiveConsole(TextWriter output) =>
        ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive
            ? AnsiConsole.Console
            : null;

    /// <summary>
    /// Runs <paramref name="train"/> with a progress sink: batch reports move the bar (epoch, batch, loss, ETA); epoch
    /// reports print one line ("epoch 3/10  train 110.23  test 109.87  bce 85.10  kl 25.10  12.3 s").
    /// </summary>
    public static T Training<T>(IAnsiConsole? console, TextWriter output, bool variational, Func<IProgress<TrainingProgress>, T> train)
    {
        if (console is null) return train(new LineReporter(line => output.WriteLine(line), variational));
        return Columns(console).Start(context =>
        {
            ProgressTask task = context.AddTask("starting", maxValue: 1);
            return train(new BarReporter(task, line => console.WriteLine(line), variational));
        });
    }

    /// <summary>
    /// Runs <paramref name="work"/>, which reports how many of <paramref name="total"/> steps are done; plain mode
    /// prints a line at every tenth of the way.
    /// </summary>
    public static T Steps<T>(IAnsiConsole? console, TextWriter output, string description, long total, Func<Action<long>, T> work)
    {
        if (console is null)
        {
            long nextLine = 0;
            return work(done =>
            {
                if (done < nextLine && done < total) return;
                output.WriteLine($"{description}: {done}/{total}");
                nextLine = done + Math.Max(1, total / 10);
            });
        }
        return Columns(console).Start(context =>
        {
            ProgressTask task = context.AddTask(Markup.Escape(description), maxValue: Math.Max(total, 1));
            return work(done => task.Value = done);
        });
    }

    /// <summary>The line printed after each epoch.</summary>
    public static string EpochLine(EpochMetrics m, int epochs, bool variational)
    {
        string line = $"epoch {m.Epoch}/{epochs}  train {F(m.TrainLoss, 2)}  test {F(m.TestLoss, 2)}";
        if (variational) line += $"  bce {F(m.TrainBce, 2)}  kl {F(m.TrainKl, 2)}";
        return line + $"  {F(m.Seconds, 1)} s";
    }

    public static string F(double value, int decimals) => value.ToString("F" + decimals, CultureInfo.InvariantCulture);

    private static Progress Columns(IAnsiConsole console) =>
        console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(),
                     new RemainingTimeColumn(), new SpinnerColumn());

    private sealed class LineReporter(Action<string> writeLine, bool variational) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value)
        {
            if (value is { Phase: TrainingPhase.Epoch, Metrics: { } metrics })
                writeLine(EpochLine(metrics, value.Epochs, variational));
        }
    }

    private sealed class BarReporter(ProgressTask task, Action<string> writeLine, bool variational) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value)
        {
            task.MaxValue = (double)value.Epochs * value.BatchesPerEpoch;
            task.Value = (double)(value.Epoch - 1) * value.BatchesPerEpoch + value.Batch;
            task.Description = $"epoch {value.Epoch}/{value.Epochs}  batch {value.Batch}/{value.BatchesPerEpoch}  loss {F(value.BatchLoss, 2)}";
            if (value is { Phase: TrainingPhase.Epoch, Metrics: { } metrics })
                writeLine(EpochLine(metrics, value.Epochs, variational));
        }
    }
}
