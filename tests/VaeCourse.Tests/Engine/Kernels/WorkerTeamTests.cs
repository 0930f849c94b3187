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
    public void The_caller_starts_with_the_first_part_and_takes_over_the_parts_of_a_slow_worker()
    {
        WithThreads(2, TimeSpan.FromMilliseconds(0.05), () =>
        {
            int caller = Environment.CurrentManagedThreadId;
            var threadOfPart = new ConcurrentDictionary<int, int>();
            var order = new ConcurrentQueue<int>();
            // 8 parts: the caller owns 0-3, the worker 4-7. The worker's first part takes long, as if its core were busy.
            Parallelism.For(8, 1, (start, end) =>
            {
                order.Enqueue(start);
                threadOfPart[start] = Environment.CurrentManagedThreadId;
                Thread.Sleep(Environment.CurrentManagedThreadId == caller ? 10 : 300);
            });

            Assert.Equal(Enumerable.Range(0, 8), threadOfPart.Keys.Order());
            Assert.Equal(0, order.First(p => threadOfPart[p] == caller));
            // Without stealing the caller would run its own 4 parts only; the worker runs at most the one it slept in.
            Assert.True(threadOfPart.Values.Count(t => t == caller) >= 7,
                $"the caller ran parts {string.Join(",", threadOfPart.Where(kv => kv.Value == caller).Select(kv => kv.Key).Order())}");
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
    public void An_exception_in_a_part_reaches_the_caller_after_every_other_part_ran()
    {
        WithThreads(2, TimeSpan.FromMilliseconds(0.05), () =>
        {
            int finished = 0;
            // 8 parts of [0, 80); the first part of the worker's range fails.
            var error = Assert.Throws<InvalidOperationException>(() => Parallelism.For(80, 10, (start, end) =>
            {
                if (start == 40) throw new InvalidOperationException("part 4 failed");
                Thread.Sleep(5);
                Interlocked.Increment(ref finished);
            }));
            Assert.Equal("part 4 failed", error.Message);
            Assert.Equal(7, finished);

            // The team still works afterwards.
            var seen = new ConcurrentBag<int>();
            Parallelism.For(80, 10, (start, end) => seen.Add(start));
            Assert.Equal(Enumerable.Range(0, 8).Select(p => 10 * p), seen.Order());
        });
    }
}
