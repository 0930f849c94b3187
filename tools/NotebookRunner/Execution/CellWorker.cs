namespace NotebookRunner.Execution;

/// <summary>
/// Runs a cell on its own background thread and waits at most the time limit. .NET cannot abort a thread, so a
/// cell that blocks or loops past the limit is abandoned (it is a background thread, so it never keeps the
/// process alive) and the run reports the time-out.
/// </summary>
internal static class CellWorker
{
    // Course code may recurse deeply (e.g. through autograd graphs); give it more than the 1.5 MB default.
    private const int StackSize = 16 * 1024 * 1024;

    /// <summary>
    /// True with the result when <paramref name="work"/> finished in time; false when it timed out. An exception
    /// thrown by the work is rethrown here, with its original stack trace.
    /// </summary>
    public static bool TryRun<T>(Func<T> work, TimeSpan limit, string threadName, out T? result)
    {
        var completion = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try { completion.SetResult(work()); }
            catch (Exception e) { completion.SetException(e); }
        }, StackSize)
        {
            IsBackground = true,
            Name = threadName,
        };
        thread.Start();

        bool finished;
        try { finished = completion.Task.Wait(limit); }
        catch (AggregateException) { finished = true; }

        if (!finished)
        {
            result = default;
            return false;
        }
        result = completion.Task.GetAwaiter().GetResult();
        return true;
    }
}
