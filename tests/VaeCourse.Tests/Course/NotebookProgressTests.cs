using VaeCourse.Course;
using VaeCourse.Models;
using VaeCourse.Tests.TestSupport;
using VaeCourse.Training;

namespace VaeCourse.Tests.Course;

// In the seeded collection only for the one test that trains a model; the rest do not touch the generator.
[Collection(SeededModelsCollection.Name)]
public class NotebookProgressTests
{
    /// <summary>A clock that moves only when told to.</summary>
    private sealed class ManualClock : TimeProvider
    {
        // Already running, so elapsed times must count from the status's creation and "never shown" cannot hide
        // behind a zero timestamp.
        private long _ticks = TimeSpan.FromSeconds(1000).Ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;
        public override long GetTimestamp() => _ticks;
        public void Advance(double seconds) => _ticks += TimeSpan.FromSeconds(seconds).Ticks;
    }

    private static TrainingProgress BatchReport(int batch, int epoch = 1, int epochs = 2, int batches = 100, double loss = 200) =>
        new(TrainingPhase.Batch, epoch, epochs, batch, batches, loss, null);

    private static TrainingProgress EpochReport(EpochMetrics metrics, int epochs = 2, int batches = 100) =>
        new(TrainingPhase.Epoch, metrics.Epoch, epochs, batches, batches, 150, metrics);

    private static EpochMetrics Metrics(int epoch, double train = 150, double test = 140) =>
        new(epoch, train, test, TrainBce: train - 20, TrainKl: 20, Seconds: 3);

    [Fact]
    public void Inline_reports_synchronously_in_order_on_the_reporting_thread()
    {
        var seen = new List<(int Value, int Thread)>();
        IProgress<int> progress = NotebookProgress.Inline<int>(v => seen.Add((v, Environment.CurrentManagedThreadId)));

        for (int i = 1; i <= 5; i++)
        {
            progress.Report(i);
            Assert.Equal(i, seen.Count);   // already delivered when Report returns
        }
        Assert.Equal(new[] { 1, 2, 3, 4, 5 }, seen.Select(s => s.Value));
        Assert.All(seen, s => Assert.Equal(Environment.CurrentManagedThreadId, s.Thread));

        // From another thread the action runs on that thread, not on the one that created the progress.
        int reportingThread = -1;
        var other = new Thread(() => { reportingThread = Environment.CurrentManagedThreadId; progress.Report(6); });
        other.Start();
        other.Join();
        Assert.Equal((6, reportingThread), seen[^1]);
        Assert.NotEqual(Environment.CurrentManagedThreadId, reportingThread);
    }

    [Fact]
    public void Inline_rejects_a_null_action()
    {
        var error = Assert.Throws<ArgumentNullException>(() => NotebookProgress.Inline<int>(null!));
        Assert.Equal("report", error.ParamName);
    }

    [Fact]
    public void Batch_lines_are_shown_at_most_once_per_interval()
    {
        var clock = new ManualClock();
        var lines = new List<string>();
        var status = NotebookProgress.TrainingStatus("m", lines.Add, minInterval: TimeSpan.FromSeconds(1), time: clock);

        // Seconds since the previous report, batch by batch; lines are due at 0, 1.0, 2.5 and 3.5 s (batches 1, 4, 6, 7).
        double[] gaps = { 0, 0.5, 0.49, 0.01, 0.2, 1.3, 1.0 };
        for (int batch = 1; batch <= gaps.Length; batch++)
        {
            clock.Advance(gaps[batch - 1]);
            status.Report(BatchReport(batch));
        }

        Assert.Equal(new[] { 1, 4, 6, 7 }, lines.Select(BatchNumber));
    }

    [Fact]
    public void The_default_interval_is_a_quarter_second()
    {
        var clock = new ManualClock();
        var lines = new List<string>();
        var status = NotebookProgress.TrainingStatus("m", lines.Add, time: clock);

        // One batch every 0.05 s: lines at 0, 0.25, 0.5 and 0.75 s (0.2 s or 0.3 s would pick other batches).
        for (int batch = 1; batch <= 17; batch++)
        {
            status.Report(BatchReport(batch));
            clock.Advance(0.05);
        }

        Assert.Equal(new[] { 1, 6, 11, 16 }, lines.Select(BatchNumber));
        Assert.Equal(TimeSpan.FromSeconds(0.25), NotebookProgress.DefaultStatusInterval);
    }

    [Fact]
    public void Epoch_lines_are_always_shown_then_passed_on_and_restart_the_interval()
    {
        var clock = new ManualClock();
        var events = new List<string>();
        var received = new List<EpochMetrics>();
        var status = NotebookProgress.TrainingStatus("m", line => events.Add("line " + line),
            onEpoch: m => { events.Add("epoch " + m.Epoch); received.Add(m); }, minInterval: TimeSpan.FromSeconds(1), time: clock);
        var first = Metrics(1);
        var second = Metrics(2);

        status.Report(BatchReport(1));                 // t = 0: shown, the first line
        clock.Advance(0.9);
        status.Report(EpochReport(first));             // within the interval, shown anyway
        clock.Advance(0.6);
        status.Report(BatchReport(1, epoch: 2));       // 1.5 s after the batch line but 0.6 s after the epoch line: hidden
        status.Report(EpochReport(second));

        Assert.Equal(5, events.Count);
        Assert.Contains("batch 1/", events[0]);
        Assert.Contains("epoch 1/2 done", events[1]);
        Assert.Equal("epoch 1", events[2]);            // onEpoch runs after its line is shown
        Assert.Contains("epoch 2/2 done", events[3]);
        Assert.Equal("epoch 2", events[4]);
        Assert.Same(first, received[0]);
        Assert.Same(second, received[1]);
    }

    [Fact]
    public void Batch_line_shows_the_name_position_loss_and_elapsed_time_it_was_given()
    {
        var clock = new ManualClock();
        var lines = new List<string>();
        var status = NotebookProgress.TrainingStatus("conv VAE", lines.Add, time: clock);
        clock.Advance(12.34);

        status.Report(BatchReport(batch: 47, epoch: 3, epochs: 10, batches: 469, loss: 123.456));

        string line = Assert.Single(lines);
        Assert.StartsWith("conv VAE: ", line);
        AssertInOrder(line, "epoch 3/10", "batch 47/469", " " + 123.456.ToString("F2") + " per image", " " + 12.34.ToString("F1") + " s");
    }

    [Fact]
    public void Epoch_line_shows_train_then_test_loss_and_elapsed_time()
    {
        var clock = new ManualClock();
        var lines = new List<string>();
        var status = NotebookProgress.TrainingStatus("VAE", lines.Add, time: clock);
        clock.Advance(61.87);

        status.Report(EpochReport(Metrics(epoch: 4, train: 111.111, test: 98.765), epochs: 7));

        string line = Assert.Single(lines);
        Assert.StartsWith("VAE: ", line);
        AssertInOrder(line, "epoch 4/7 done", "train " + 111.111.ToString("F2"), "test " + 98.765.ToString("F2"),
            " " + 61.87.ToString("F1") + " s");
    }

    [Fact]
    public void An_epoch_report_without_metrics_is_an_error()
    {
        var status = NotebookProgress.TrainingStatus("m", _ => { }, time: new ManualClock());
        var report = new TrainingProgress(TrainingPhase.Epoch, 2, 5, 10, 10, 100, Metrics: null);

        var error = Assert.Throws<ArgumentException>(() => status.Report(report));
        Assert.Contains("epoch 2", error.Message);
        Assert.Contains("no metrics", error.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Name_must_not_be_empty(string name)
    {
        var error = Assert.Throws<ArgumentException>(() => NotebookProgress.TrainingStatus(name, _ => { }));
        Assert.Equal("name", error.ParamName);
        Assert.StartsWith("NotebookProgress.TrainingStatus: name must be", error.Message);
    }

    [Fact]
    public void Name_and_show_must_not_be_null()
    {
        var noName = Assert.Throws<ArgumentNullException>(() => NotebookProgress.TrainingStatus(null!, _ => { }));
        var noShow = Assert.Throws<ArgumentNullException>(() => NotebookProgress.TrainingStatus("m", null!));

        Assert.Equal("name", noName.ParamName);
        Assert.Equal("show", noShow.ParamName);
        Assert.Contains("show must be", noShow.Message);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-0.5)]
    public void Interval_must_be_positive(double seconds)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(
            () => NotebookProgress.TrainingStatus("m", _ => { }, minInterval: TimeSpan.FromSeconds(seconds)));
        Assert.Equal("minInterval", error.ParamName);
        Assert.Contains("must be positive", error.Message);
    }

    [Fact]
    public void With_the_trainer_every_epoch_gets_a_line_and_its_metrics()
    {
        var train = PrototypeImages.Generate(256, 784, classes: 10, flip: 0.05, seed: 1, prototypeSeed: 99);
        var test = PrototypeImages.Generate(64, 784, classes: 10, flip: 0.05, seed: 2, prototypeSeed: 99);
        var lines = new List<string>();
        var received = new List<EpochMetrics>();

        var result = Trainer.Train(() => new Vae(hiddenDim: 32, latentDim: 4), train, test,
            new TrainingOptions { Epochs = 3, BatchSize = 64, Seed = 1, Threads = 1 },
            NotebookProgress.TrainingStatus("tiny", lines.Add, received.Add));

        Assert.Equal(result.History.Epochs, received);
        Assert.Equal(3, lines.Count(l => l.Contains(" done ")));
        Assert.Contains("tiny: epoch 1/3 · batch 1/4", lines[0]);   // the first batch line is always shown
        Assert.Contains("test " + result.History.TestLoss.ToString("F2") + " per image", lines[^1]);
    }

    private static int BatchNumber(string line)
    {
        int start = line.IndexOf("batch ", StringComparison.Ordinal) + "batch ".Length;
        return int.Parse(line[start..line.IndexOf('/', start)]);
    }

    private static void AssertInOrder(string line, params string[] parts)
    {
        int from = 0;
        foreach (string part in parts)
        {
            int at = line.IndexOf(part, from, StringComparison.Ordinal);
            Assert.True(at >= 0, $"expected \"{part}\" after position {from} in \"{line}\"");
            from = at + part.Length;
        }
    }
}
