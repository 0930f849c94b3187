using System.Collections.Concurrent;
using MiniTorch;
using MiniTorch.Kernels;
using VaeCourse.Tests.TestSupport;
using static MiniTorch.torch;

namespace VaeCourse.Tests.Engine.Kernels;

/// <summary>Thread count changes only speed, never results. Run alone: the thread count is process-wide.</summary>
[Collection(GlobalStateCollection.Name)]
public class ParallelismTests
{
    [Fact]
    public void For_covers_every_index_once_in_contiguous_parts_of_at_least_min_chunk()
    {
        int saved = get_num_threads();
        try
        {
            set_num_threads(3);
            var ranges = new ConcurrentBag<(int start, int end)>();
            Parallelism.For(100, 8, (s, e) => ranges.Add((s, e)));
            var sorted = ranges.OrderBy(r => r.start).ToArray();
            Assert.Equal(12, sorted.Length);                       // 4 parts per thread, each ≥ 8 long
            Assert.Equal(0, sorted[0].start);
            Assert.Equal(100, sorted[^1].end);
            for (int i = 1; i < sorted.Length; i++) Assert.Equal(sorted[i - 1].end, sorted[i].start);
            Assert.All(sorted, r => Assert.True(r.end - r.start >= 8));

            ranges.Clear();
            Parallelism.For(10, 8, (s, e) => ranges.Add((s, e)));   // too little work to split
            Assert.Equal(new[] { (0, 10) }, ranges.ToArray());
        }
        finally
        {
            set_num_threads(saved);
        }
    }

    [Fact]
    public void Mlp_forward_and_backward_are_bitwise_identical_on_1_and_2_threads()
    {
        int saved = get_num_threads();
        try
        {
            manual_seed(17);
            var model = nn.Sequential(nn.Linear(64, 48), nn.ReLU(), nn.Linear(48, 33), nn.Tanh(), nn.Linear(33, 10));
            var x = randn(96, 64);
            var target = rand(96, 10);

            (float[] output, float[][] grads) Run(int threads)
            {
                set_num_threads(threads);
                Assert.Equal(threads, get_num_threads());
                model.zero_grad();
                Tensor y = model.forward(x);
                nn.functional.binary_cross_entropy_with_logits(y, target).backward();
                return (y.ToArray(), model.parameters().Select(p => p.grad!.ToArray()).ToArray());
            }

            var one = Run(1);
            var two = Run(2);
            Assert.Equal(Bits(one.output), Bits(two.output));
            Assert.Equal(one.grads.Length, two.grads.Length);
            for (int i = 0; i < one.grads.Length; i++) Assert.Equal(Bits(one.grads[i]), Bits(two.grads[i]));
            Assert.Contains(one.grads, g => g.Any(v => v != 0f));
        }
        finally
        {
            set_num_threads(saved);
        }
    }

    [Fact]
    public void Thread_count_must_be_positive()
    {
        Assert.Equal("set_num_threads: expected at least 1 thread, got 0",
            Assert.Throws<ArgumentException>(() => set_num_threads(0)).Message);
    }

    private static int[] Bits(float[] values) => values.Select(BitConverter.SingleToInt32Bits).ToArray();
}
