using MiniTorch.Kernels;

namespace VaeCourse.Tests.Engine.Kernels;

public class SgemmStripQueueTests
{
    [Fact]
    public void A_worker_takes_its_own_range_in_order_then_steals_from_the_back_of_the_others()
    {
        var queue = new SgemmStripQueue(10, 3); // ranges [0,3), [3,6), [6,10)
        var taken = new List<int>();
        while (queue.TryTake(1, out int strip)) taken.Add(strip);
        Assert.Equal([3, 4, 5, 9, 8, 7, 6, 2, 1, 0], taken);
        Assert.False(queue.TryTake(0, out _));
    }

    [Fact]
    public void Concurrent_workers_get_every_strip_exactly_once()
    {
        const int strips = 20_000, workers = 4;
        var queue = new SgemmStripQueue(strips, workers);
        var counts = new int[strips];
        Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, worker =>
        {
            while (queue.TryTake(worker, out int strip)) Interlocked.Increment(ref counts[strip]);
        });
        Assert.All(counts, count => Assert.Equal(1, count));
    }
}
