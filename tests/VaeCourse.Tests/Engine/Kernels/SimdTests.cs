using MiniTorch.Kernels;

namespace VaeCourse.Tests.Engine.Kernels;

/// <summary>Simd's loops beyond the per-operator checks: in-place use, Sum, and argument validation.</summary>
public class SimdTests
{
    [Fact]
    public void Sum_matches_a_double_sum_for_every_length_up_to_100()
    {
        var random = new System.Random(1);
        for (int n = 0; n <= 100; n++)
        {
            float[] x = Enumerable.Range(0, n).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
            double expected = x.Sum(v => (double)v);
            Assert.True(Math.Abs(Simd.Sum(x) - expected) < 1e-5, $"length {n}: {Simd.Sum(x)} vs {expected}");
        }
    }

    [Fact]
    public void Sum_is_independent_of_alignment_history()
    {
        // The same data summed twice gives bitwise the same value (fixed order of the partial sums).
        float[] x = Enumerable.Range(0, 1000).Select(i => MathF.Sin(i) * 1e3f).ToArray();
        Assert.Equal(BitConverter.SingleToInt32Bits(Simd.Sum(x)), BitConverter.SingleToInt32Bits(Simd.Sum(x.ToArray())));
    }

    [Fact]
    public void Add_in_place_adds_every_element()
    {
        for (int n = 0; n <= 40; n++)
        {
            float[] acc = Enumerable.Range(0, n).Select(i => (float)i).ToArray();
            float[] x = Enumerable.Range(0, n).Select(i => 0.5f * i).ToArray();
            Simd.AddInPlace(acc, x);
            Assert.Equal(Enumerable.Range(0, n).Select(i => 1.5f * i), acc);
        }
    }

    [Fact]
    public void Mismatched_lengths_are_rejected()
    {
        Assert.Equal("simd: input lengths 3 and 4 differ",
            Assert.Throws<ArgumentException>(() => Simd.Binary(new AddOp(), new float[3], new float[4], new float[4])).Message);
        Assert.Equal("simd: destination is shorter than the input",
            Assert.Throws<ArgumentException>(() => Simd.Unary(new AbsOp(), new float[5], new float[4])).Message);
    }
}
