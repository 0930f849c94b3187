using System.Collections.Concurrent;
using MiniTorch.Kernels;
using VaeCourse.Tests.TestSupport;
using static MiniTorch.torch;

namespace VaeCourse.Tests.Engine.Kernels;

/// <summary>The engine's worker threads: every chunk runs once, on a fixed thread, whatever the timing.</summary>
[Collection(GlobalStateCollection.Name)]
public class WorkerTeamTests
{
    private static void WithThreads(int threads, TimeSpan spin, Action body)
    {
        int savedThreads = get_num_threads();
        TimeSpan savedSpin = WorkerTeam.Spin;
        try
        {
            set_num_threads(threads);
            WorkerTeam.Spin = spin;
            body();
        }
        finally
        {
            set_num_threads(savedThreads);
            WorkerTeam.Spin = savedSpin;
        }
    }

    [Fact]
    public void Chunk_zero_runs_on_the_caller_and_each_other_chunk_always_on_the_same_worker()
    {
        WithThreads(3, TimeSpan.FromMilliseconds(0.05), () =>
        {
            var threadOfChunk = new ConcurrentDictionary<int, int>();
            int caller = Environment.CurrentManagedThreadId;
            for (int call = 0; call < 200; call++)
                Parallelism.For(300, 1, (start, end) =>
                {
                    int chunk = start / 100;
                    int thread = threadOfChunk.GetOrAdd(chunk, Environment.CurrentManagedThreadId);
                    Assert.Equal(thread, Environment.CurrentManagedThreadId);
                });
            Assert.Equal(caller, threadOfChunk[0]);
            Assert.Equal(3, threadOfChunk.Values.Distinct().Count());
        });
    }

    [Fact]
    public void Thousands_of_calls_without_spinning_cover_every_index_once()
    {
        // Spin 0: every hand-over goes through the sleep/wake path, where a lost wake-up would hang.
        WithThreads(2, TimeSpan.Zero, () =>
        {
            var counts = new int[1000];
            var finished = Task.Run(() =>
            {
                for (int call = 0; call < 5000; call++)
                    Parallelism.For(1000, 1, (start, end) =>
                    {
                        for (int i = start; i < end; i++) Interlocked.Increment(ref counts[i]);
                    });
            }).Wait(TimeSpan.FromSeconds(60));
            Assert.True(finished, "Parallelism.For did not finish: a worker or the caller missed its wake-up");
            Assert.All(counts, c => Assert.Equal(5000, c));
        });
    }

    [Fact]
    public void Calls_from_two_threads_at_once_and_nested_calls_still_run_every_chunk_once()
    {
        WithThreads(2, TimeSpan.FromMilliseconds(0.05), () =>
        {
            var counts = new int[2, 400];
            Parallel.For(0, 2, caller =>
            {
                for (int call = 0; call < 200; call++)
                    Parallelism.For(400, 1, (start, end) =>
                    {
                        // A nested call from inside a chunk runs inline with the same boundaries.
                        Parallelism.For(end - start, 1, (s, e) =>
                        {
                            for (int i = start + s; i < start + e; i++) Interlocked.Increment(ref counts[caller, i]);
                        });
                    });
            });
            for (int c = 0; c < 2; c++)
                for (int i = 0; i < 400; i++) Assert.Equal(200, counts[c, i]);
        });
    }

    [Fact]
    public void An_exception_in_a_worker_chunk_reaches_the_caller_after_every_chunk_finished()
    {
        WithThreads(2, TimeSpan.FromMilliseconds(0.05), () =>
        {
            int finished = 0;
            var error = Assert.Throws<InvalidOperationException>(() => Parallelism.For(100, 1, (start, end) =>
            {
                if (start > 0) throw new InvalidOperationException("chunk 1 failed");
                Thread.Sleep(50);
                Interlocked.Increment(ref finished);
            }));
            Assert.Equal("chunk 1 failed", error.Message);
            Assert.Equal(1, finished);

            // The team still works afterwards.
            var seen = new ConcurrentBag<int>();
            Parallelism.For(100, 1, (start, end) => seen.Add(start));
            Assert.Equal(new[] { 0, 50 }, seen.OrderBy(s => s));
        });
    }
}
