using System.Diagnostics;
using System.Runtime.ExceptionServices;

namespace MiniTorch.Kernels;

/// <summary>
/// The engine's own worker threads, which run <see cref="Parallelism.For"/>'s parts. Thread t (0 = the caller, t ≥ 1 =
/// worker t) owns a fixed contiguous range of the parts and runs it first, in order, so the part of a buffer one core
/// wrote in one call is the part it reads in the next; a thread that runs out steals from the back of another's range,
/// so a worker that starts late (its core busy with another program) delays nothing. On CPUs where a cache line takes
/// hundreds of nanoseconds to move between cores (measured: up to 300 ns round trip between the two vCPUs of the
/// course's reference VM), the thread pool's arbitrary assignment of chunks to threads kept moving the optimizer's state
/// between cores: its step took 0.5–0.85 s per MNIST epoch on two threads against 0.13–0.2 s with owned ranges
/// (docs/perf.md). Workers spin briefly before they block, in case the next call comes right away.
/// </summary>
/// <remarks>
/// One job at a time: a call made while another thread's job runs, or from inside a part, runs its parts itself, in
/// order, with the same boundaries — same results, no deadlock. An exception in any part is rethrown to the caller
/// once every part has finished.
/// </remarks>
internal static class WorkerTeam
{
    // How long a worker (or the caller) spins before it blocks. Short: on the reference VM, 0, 20 and 100 µs gave the
    // same epoch times within noise (the host's scheduling dominated), and spinning burns a core others could use.
    private static long _spinTicks = Stopwatch.Frequency / 50_000;   // 20 µs

    /// <summary>How long an idle thread spins before it blocks (tests set 0 to exercise the blocking path).</summary>
    internal static TimeSpan Spin
    {
        get => TimeSpan.FromSeconds((double)Volatile.Read(ref _spinTicks) / Stopwatch.Frequency);
        set => Volatile.Write(ref _spinTicks, (long)(Math.Max(0, value.TotalSeconds) * Stopwatch.Frequency));
    }

    private static readonly object Gate = new();
    private static readonly List<Worker> Workers = new();
    private static readonly SemaphoreSlim CallerWake = new(0);
    private static Job? _current;

    [ThreadStatic] private static bool t_inPart;

    /// <summary>Runs body over <paramref name="parts"/> equal parts of [0, n) on <paramref name="threads"/> threads.</summary>
    public static void Run(int n, int parts, int threads, Action<int, int> body)
    {
        if (t_inPart || !Monitor.TryEnter(Gate))
        {
            for (int p = 0; p < parts; p++) body(Parallelism.ChunkStart(n, parts, p), Parallelism.ChunkStart(n, parts, p + 1));
            return;
        }
        try
        {
            EnsureWorkers(threads - 1);
            var job = new Job(body, n, parts, threads, (_current?.Generation ?? 0) + 1);
            Volatile.Write(ref _current, job);
            for (int w = 0; w < threads - 1; w++)
                if (Interlocked.Exchange(ref Workers[w].Sleeping, 0) == 1) Workers[w].Wake.Release();

            job.Work(0);
            WaitUntilDone(job);
            job.Error?.Throw();
        }
        finally
        {
            Monitor.Exit(Gate);
        }
    }

    private static void WaitUntilDone(Job job)
    {
        long start = Stopwatch.GetTimestamp();
        while (!job.Finished)
        {
            if (Stopwatch.GetTimestamp() - start < Volatile.Read(ref _spinTicks)) { Thread.SpinWait(16); continue; }
            // A full fence between raising the flag and re-reading: the last part's thread does the reverse (count, then
            // read the flag).
            Interlocked.Exchange(ref job.CallerSleeping, 1);
            if (job.Finished)
            {
                // Finished meanwhile: take the flag back, or consume the wake-up already sent.
                if (Interlocked.Exchange(ref job.CallerSleeping, 0) == 0) CallerWake.Wait();
                return;
            }
            CallerWake.Wait();
        }
    }

    private static void EnsureWorkers(int count)
    {
        while (Workers.Count < count)
        {
            var worker = new Worker(Workers.Count + 1);
            Workers.Add(worker);
            new Thread(worker.Loop) { IsBackground = true, Name = $"MiniTorch worker {worker.Index}" }.Start();
        }
    }

    private sealed class Job(Action<int, int> body, int n, int parts, int threads, long generation)
    {
        public readonly long Generation = generation;
        public readonly int Threads = threads;
        // The owner-first, steal-from-the-back queue SGEMM uses for its strips.
        private readonly SgemmStripQueue _queue = new(parts, threads);
        private int _done;
        public int CallerSleeping;
        public ExceptionDispatchInfo? Error;

        public bool Finished => Volatile.Read(ref _done) == parts;

        // Runs parts until none is left: thread t's own first, then stolen ones.
        public void Work(int thread)
        {
            t_inPart = true;
            try
            {
                while (_queue.TryTake(thread, out int p))
                {
                    try
                    {
                        body(Parallelism.ChunkStart(n, parts, p), Parallelism.ChunkStart(n, parts, p + 1));
                    }
                    catch (Exception e)
                    {
                        Interlocked.CompareExchange(ref Error, ExceptionDispatchInfo.Capture(e), null);
                    }
                    if (Interlocked.Increment(ref _done) == parts && Interlocked.Exchange(ref CallerSleeping, 0) == 1)
                        CallerWake.Release();
                }
            }
            finally
            {
                t_inPart = false;
            }
        }
    }

    private sealed class Worker(int index)
    {
        public readonly int Index = index;
        public readonly SemaphoreSlim Wake = new(0);
        public int Sleeping;
        private long _seen;

        public void Loop()
        {
            while (true)
            {
                Job job = NextJob();
                _seen = job.Generation;
                if (Index < job.Threads) job.Work(Index);
            }
        }

        // The next job not yet seen: spin for a while, then sleep until Run wakes this worker.
        private Job NextJob()
        {
            long start = Stopwatch.GetTimestamp();
            while (true)
            {
                Job? job = Volatile.Read(ref _current);
                if (job is not null && job.Generation != _seen) return job;
                if (Stopwatch.GetTimestamp() - start < Volatile.Read(ref _spinTicks)) { Thread.SpinWait(16); continue; }
                // A full fence between raising the flag and re-reading: Run does the reverse (publish, then read the flag).
                Interlocked.Exchange(ref Sleeping, 1);
                job = Volatile.Read(ref _current);
                if (job is not null && job.Generation != _seen)
                {
                    // Published meanwhile: take the flag back, or consume the wake-up Run already sent.
                    if (Interlocked.Exchange(ref Sleeping, 0) == 0) Wake.Wait();
                    return job;
                }
                Wake.Wait();
                start = Stopwatch.GetTimestamp();
            }
        }
    }
}
