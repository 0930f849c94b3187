using VaeCourse.Training;

namespace VaeCourse.Course;

/// <summary>
/// Progress callbacks for notebooks: an <see cref="IProgress{T}"/> that runs its action at once, and a one-line
/// training status for <see cref="Trainer.Train{TModel}"/> that a notebook shows with
/// <c>display(…).Update</c>. The library itself never writes to the console; these turn its reports into text
/// that the notebook decides where to show.
/// </summary>
public static class NotebookProgress
{
    /// <summary>How often <see cref="TrainingStatus"/> redraws its line for batch reports when no interval is given.</summary>
    public static readonly TimeSpan DefaultStatusInterval = TimeSpan.FromSeconds(0.25);

    /// <summary>
    /// An <see cref="IProgress{T}"/> whose <c>Report</c> calls <paramref name="report"/> at once, on the reporting
    /// thread, before it returns. Use it instead of <see cref="Progress{T}"/> in a notebook: <c>Progress&lt;T&gt;</c>
    /// posts each report to the synchronization context it was created on, and a notebook kernel has none, so it
    /// posts them to the thread pool instead — reports then arrive late, out of order, or after the cell has finished.
    /// </summary>
    /// <param name="report">What to do with each report, e.g. <c>p =&gt; status.Update(p.ToString())</c>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="report"/> is null.</exception>
    public static IProgress<T> Inline<T>(Action<T> report)
    {
        if (report is null)
            throw new ArgumentNullException(nameof(report), "NotebookProgress.Inline: report must be an action to call with each report, got null");
        return new InlineProgress<T>(report);
    }

    /// <summary>
    /// A training progress callback that keeps one status line up to date. Batch reports become
    /// <c>"{name}: epoch e/E · batch b/B · batch loss L per image · S s"</c>, shown at most once per
    /// <paramref name="minInterval"/> (the first batch report is always shown): redrawing after every batch would
    /// flood the notebook front end with hundreds of updates a second. Every epoch report is shown,
    /// <c>"{name}: epoch e/E done · train T · test V per image · S s"</c>, and then passed to
    /// <paramref name="onEpoch"/> (to redraw a chart, say). S is the time since this method was called.
    /// Reports are expected from one thread at a time, as <see cref="Trainer.Train{TModel}"/> makes them.
    /// </summary>
    /// <example><code>
    /// var run = Trainer.Train(() => new Vae(), train.Images, test.Images, options,
    ///     NotebookProgress.TrainingStatus("VAE", display("VAE: starting…").Update));
    /// </code></example>
    /// <param name="name">The label the line starts with, e.g. the model's name.</param>
    /// <param name="show">Shows a line, replacing the previous one (in a notebook: a display handle's <c>Update</c>).</param>
    /// <param name="onEpoch">Called after the epoch line with that epoch's metrics; optional.</param>
    /// <param name="minInterval">Least time between two batch lines; default <see cref="DefaultStatusInterval"/>.</param>
    /// <param name="time">The clock; default <see cref="TimeProvider.System"/>. Tests pass their own.</param>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> or <paramref name="show"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="minInterval"/> is zero or negative.</exception>
    public static IProgress<TrainingProgress> TrainingStatus(
        string name,
        Action<string> show,
        Action<EpochMetrics>? onEpoch = null,
        TimeSpan? minInterval = null,
        TimeProvider? time = null)
    {
        const string op = "NotebookProgress.TrainingStatus";
        if (name is null)
            throw new ArgumentNullException(nameof(name), $"{op}: name must be the label of the status line, got null");
        if (string.IsNullOrWhiteSpace(name))
            throw new ArgumentException($"{op}: name must be the label of the status line, got \"{name}\"", nameof(name));
        if (show is null)
            throw new ArgumentNullException(nameof(show), $"{op}: show must be an action that shows a line (e.g. a display handle's Update), got null");
        TimeSpan interval = minInterval ?? DefaultStatusInterval;
        if (interval <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(minInterval), interval, $"{op}: minInterval must be positive, got {interval}");
        return new TrainingStatusLine(name, show, onEpoch, interval, time ?? TimeProvider.System);
    }

    private sealed class InlineProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }

    private sealed class TrainingStatusLine(
        string name, Action<string> show, Action<EpochMetrics>? onEpoch, TimeSpan minInterval, TimeProvider time)
        : IProgress<TrainingProgress>
    {
        private readonly long _start = time.GetTimestamp();
        private long? _lastShown;

        public void Report(TrainingProgress value)
        {
            ArgumentNullException.ThrowIfNull(value);
            long now = time.GetTimestamp();
            double seconds = time.GetElapsedTime(_start, now).TotalSeconds;
            if (value.Phase == TrainingPhase.Batch)
            {
                if (_lastShown is long last && time.GetElapsedTime(last, now) < minInterval) return;
                _lastShown = now;
                show($"{name}: epoch {value.Epoch}/{value.Epochs} · batch {value.Batch}/{value.BatchesPerEpoch} · " +
                     $"batch loss {value.BatchLoss:F2} per image · {seconds:F1} s");
                return;
            }

            EpochMetrics metrics = value.Metrics ?? throw new ArgumentException(
                $"NotebookProgress.TrainingStatus: the report for the end of epoch {value.Epoch} carries no metrics", nameof(value));
            _lastShown = now;
            show($"{name}: epoch {value.Epoch}/{value.Epochs} done · train {metrics.TrainLoss:F2} · " +
                 $"test {metrics.TestLoss:F2} per image · {seconds:F1} s");
            onEpoch?.Invoke(metrics);
        }
    }
}
