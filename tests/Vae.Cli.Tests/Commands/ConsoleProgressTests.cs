using Spectre.Console;
using VaeCourse.Training;
using Vae.Cli.Commands;

namespace Vae.Cli.Tests.Commands;

public sealed class ConsoleProgressTests
{
    private static readonly EpochMetrics Third = new(3, 110.234, 109.866, 85.104, 25.13, 12.34);

    private static void ReportTwoEpochs(IProgress<TrainingProgress> progress)
    {
        for (int epoch = 1; epoch <= 2; epoch++)
        {
            for (int batch = 1; batch <= 4; batch++)
                progress.Report(new TrainingProgress(TrainingPhase.Batch, epoch, 2, batch, 4, 150.5 - batch, null));
            var metrics = Third with { Epoch = epoch };
            progress.Report(new TrainingProgress(TrainingPhase.Epoch, epoch, 2, 4, 4, metrics.TrainLoss, metrics));
        }
    }

    [Fact]
    public void Epoch_line_has_the_documented_layout()
    {
        Assert.Equal("epoch 3/10  train 110.23  test 109.87  bce 85.10  kl 25.13  12.3 s", ConsoleProgress.EpochLine(Third, 10, variational: true));
        Assert.Equal("epoch 3/10  train 110.23  test 109.87  12.3 s", ConsoleProgress.EpochLine(Third, 10, variational: false));
    }

    [Fact]
    public void Plain_mode_prints_one_line_per_epoch_and_nothing_per_batch()
    {
        var output = new StringWriter();

        int result = ConsoleProgress.Training(null, output, variational: true, progress => { ReportTwoEpochs(progress); return 42; });

        Assert.Equal(42, result);
        string[] lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(["epoch 1/2  train 110.23  test 109.87  bce 85.10  kl 25.13  12.3 s",
                      "epoch 2/2  train 110.23  test 109.87  bce 85.10  kl 25.13  12.3 s"], lines);
    }

    [Fact]
    public void Plain_steps_print_about_every_tenth_and_the_end()
    {
        var output = new StringWriter();

        ConsoleProgress.Steps(null, output, "IW", 1000, done => { for (int i = 0; i <= 1000; i += 50) done(i); return 0; });

        string[] lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(Enumerable.Range(0, 11).Select(i => $"IW: {i * 100}/1000"), lines);
    }

    [Fact]
    public void Interactive_mode_draws_a_bar_with_epoch_batch_loss_and_keeps_the_epoch_lines()
    {
        var screen = new StringWriter();
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.Yes,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.Yes,
            Out = new AnsiConsoleOutput(screen),
        });
        var plain = new StringWriter();

        ConsoleProgress.Training(console, plain, variational: true, progress => { ReportTwoEpochs(progress); return 0; });

        string drawn = screen.ToString();
        Assert.Contains("epoch 1/2  train 110.23  test 109.87  bce 85.10  kl 25.13  12.3 s", drawn);
        Assert.Contains("epoch 2/2  batch 4/4  loss", drawn);
        Assert.Contains("100%", drawn);
        Assert.Contains("\u001b[", drawn);          // ANSI control codes: a live display, not plain lines
        Assert.Equal("", plain.ToString());         // nothing went to the plain writer
    }

    [Fact]
    public void A_captured_writer_is_never_treated_as_a_terminal() =>
        Assert.Null(ConsoleProgress.InteractiveConsole(new StringWriter()));
}
