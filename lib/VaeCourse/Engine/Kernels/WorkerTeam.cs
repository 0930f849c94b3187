using System.Diagnostics;
using System.Runtime.ExceptionServices;

namespace MiniTorch.Kernels;

/// <summary>
/// The engine's own worker threads. Chunk c of every <see cref="Parallelism.For"/> runs on the same thread (chunk 0 on
/// the caller, chunk c on worker c), so the part of a buffer one core wrote in one call is the part it reads in the
/// next: on CPUs where a cache line takes hundreds of nanoseconds to move between cores (measured: 300 ns round trip
/// between the two vCPUs of the course's reference VM at times), the thread pool's arbitrary assignment of chunks to
/// threads kept moving the optimizer's state between cores: its step took 0.5–0.85 s per MNIST epoch on two threads
/// against 0.13–0.2 s with fixed threads (docs/perf.md). Workers spin briefly after a chunk before they block, in
/// case the next parallel call comes right away.
/// </summary>
/// <remarks>
/// One job at a time: a call made while another thread's job runs, or from inside a chunk, runs its chunks itself, in
/// order, with the same boundaries — same results, no deadlock. An exception in any chunk is rethrown to the caller
/// once every chunk has finished.
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

    [ThreadStatic] private static bool t_inChunk;

    public static void Run(int n, int chunks, Action<int, int> body)
    {
        if (t_inChunk || !Monitor.TryEnter(Gate))
        {
            RunInline(n, chunks, body);
            return;
        }
        try
        {
            EnsureWorkers(chunks - 1);
            var job = new Job(body, n, chunks, (_current?.Generation ?? 0) + 1);
            Volatile.Write(ref _current, job);
            for (int w = 0; w < chunks - 1; w++)
                if (Interlocked.Exchange(ref Workers[w].Sleeping, 0) == 1) Workers[w].Wake.Release();

            job.RunChunk(0);
            WaitForWorkers(job);
            job.Error?.Throw();
        }
        finally
        {
            Monitor.Exit(Gate);
        }
    }

    private static void RunInline(int n, int chunks, Action<int, int> body)
    {
        for (int c = 0; c < chunks; c++)
            body(Parallelism.ChunkStart(n, chunks, c), Parallelism.ChunkStart(n, chunks, c + 1));
    }

    private static void WaitForWorkers(Job job)
    {
        long start = Stopwatch.GetTimestamp();
        while (Volatile.Read(ref job.Pending) != 0)
        {
            if (Stopwatch.GetTimestamp() - start < Volatile.Read(ref _spinTicks)) { Thread.SpinWait(16); continue; }
            // A full fence between raising the flag and re-reading: the worker does the reverse (decrement, then read the flag).
            Interlocked.Exchange(ref job.CallerSleeping, 1);
            if (Volatile.Read(ref job.Pending) == 0)
            {
                // Finished meanwhile: take the flag back, or consume the wake-up the last worker already sent.
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
            new Thread(worker.Loop) { IsBackground = true, Name = $"MiniTorch worker {worker.Chunk}" }.Start();
        }
    }

    private sealed class Job(Action<int, int> body, int n, int chunks, long generation)
    {
        public readonly long Generation = generation;
        public readonly int Chunks = chunks;
        public int Pending = chunks - 1;
        public int CallerSleeping;
        public ExceptionDispatchInfo? Error;

        public void RunChunk(int c)
        {
            t_inChunk = true;
            try
            {
                body(Parallelism.ChunkStart(n, Chunks, c), Parallelism.ChunkStart(n, Chunks, c + 1));
            }
            catch (Exception e)
            {
                Interlocked.CompareExchange(ref Error, ExceptionDispatchInfo.Capture(e), null);
            }
            finally
            {
                t_inChunk = false;
            }
        }

        public void Finish()
        {
            if (Interlocked.Decrement(ref Pending) == 0 && Interlocked.Exchange(ref CallerSleeping, 0) == 1) CallerWake.Release();
        }
    }

    private sealed class Worker(int chunk)
    {
        public readonly int Chunk = chunk;
        public readonly SemaphoreSlim Wake = new(0);
        public int Sleeping;
        private long _seen;

        public void Loop()
        {
            while (true)
            {
                Job job = NextJob();
                _seen = job.Generation;
                if (Chunk < job.Chunks)
                {
                    job.RunChunk(Chunk);
                    job.Finish();
                }
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
