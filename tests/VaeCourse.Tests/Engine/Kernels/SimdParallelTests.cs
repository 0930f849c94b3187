using MiniTorch.Kernels;
using VaeCourse.Tests.TestSupport;
using static MiniTorch.torch;

namespace VaeCourse.Tests.Engine.Kernels;

/// <summary>Long elementwise loops run on several threads; no element may change with the thread count.</summary>
[Collection(GlobalStateCollection.Name)]
public class SimdParallelTests
{
    private static float[] Inputs(int n)
    {
        var random = new System.Random(n);
        return Enumerable.Range(0, n).Select(_ => (float)((random.NextDouble() - 0.5) * 40)).ToArray();
    }

    private static int[] Run(int threads, Action<float[]> loop, int n)
    {
        int saved = get_num_threads();
        try
        {
            set_num_threads(threads);
            var destination = new float[n];
            loop(destination);
            return destination.Select(BitConverter.SingleToInt32Bits).ToArray();
        }
        finally
        {
            set_num_threads(saved);
        }
    }

    [Theory]
    [InlineData(Simd.ParallelLength)]
    [InlineData(Simd.ParallelLength + 7)]
    [InlineData(3 * Simd.ParallelLength + 29)]
    public void Split_loops_give_the_bits_of_one_pass_on_any_thread_count(int n)
    {
        // exp's vector path and its scalar tail (MathF.Exp) differ in the last bit for some inputs, so a part boundary
        // that put an element in a tail would show.
        float[] x = Inputs(n), y = Inputs(n + 1)[..n];
        Action<float[]> exp = d => Simd.Unary(new ExpOp(), x, d);
        Action<float[]> bce = d => Simd.Binary(new BceGradOp(), x.Select(v => 1f / (1f + MathF.Exp(-v))).ToArray(),
            y.Select(v => v > 0 ? 1f : 0f).ToArray(), d);
        foreach (var loop in new[] { exp, bce })
        {
            int[] one = Run(1, loop, n);
            Assert.Equal(one, Run(2, loop, n));
            Assert.Equal(one, Run(3, loop, n));
        }
    }

    [Fact]
    public void The_scalar_tail_differs_from_the_vector_path_somewhere_so_the_test_above_can_fail()
    {
        float[] x = Inputs(4096);
        var vector = new float[x.Length];
        Simd.Unary(new ExpOp(), x, vector);
        int differing = x.Where((v, i) => BitConverter.SingleToInt32Bits(MathF.Exp(v)) != BitConverter.SingleToInt32Bits(vector[i])).Count();
        Assert.True(differing > 0);
    }
}
