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

    private static float[] Values(int n, int seed)
    {
        var random = new System.Random(seed);
        // Mixed magnitudes make the rounding depend on the summation order.
        return Enumerable.Range(0, n).Select(_ => (float)((random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-3, 4)))).ToArray();
    }

    // Simd.Sum's order written out plainly: 32 lane-wise partial sums in four groups of eight, the groups combined as
    // ((a0 + a1) + (a2 + a3)), the lanes of that in order, then the scalar tail.
    private static float Reference(float[] x)
    {
        int n = x.Length, i = 0;
        float total = 0;
        if (n >= 8)
        {
            var acc = new float[4, 8];
            for (; i <= n - 32; i += 32)
                for (int g = 0; g < 4; g++)
                    for (int l = 0; l < 8; l++) acc[g, l] += x[i + 8 * g + l];
            for (; i <= n - 8; i += 8)
                for (int l = 0; l < 8; l++) acc[0, l] += x[i + l];
            var lanes = new float[8];
            for (int l = 0; l < 8; l++) lanes[l] = (acc[0, l] + acc[1, l]) + (acc[2, l] + acc[3, l]);
            // Vector256.Sum adds the lanes pairwise: ((0+1)+(2+3)) + ((4+5)+(6+7)).
            total = ((lanes[0] + lanes[1]) + (lanes[2] + lanes[3])) + ((lanes[4] + lanes[5]) + (lanes[6] + lanes[7]));
        }
        for (; i < n; i++) total += x[i];
        return total;
    }

    [Fact]
    public void Sum_is_the_documented_fixed_order_for_every_length_up_to_257()
    {
        for (int n = 0; n <= 257; n++)
        {
            float[] x = Values(n, n);
            Assert.Equal(BitConverter.SingleToInt32Bits(Reference(x)), BitConverter.SingleToInt32Bits(Simd.Sum(x)));
        }
    }

    [Fact]
    public void Long_sums_are_float_blocks_added_in_double()
    {
        // Lengths around and across the block size: each block in the documented float order, the blocks in double.
        foreach (int n in new[] { Simd.SumBlock - 1, Simd.SumBlock, Simd.SumBlock + 1, 3 * Simd.SumBlock + 17 })
        {
            float[] x = Values(n, n);
            double blocks = 0;
            for (int start = 0; start < n; start += Simd.SumBlock)
                blocks += Reference(x[start..Math.Min(n, start + Simd.SumBlock)]);
            float expected = n <= Simd.SumBlock ? Reference(x) : (float)blocks;
            Assert.Equal(BitConverter.SingleToInt32Bits(expected), BitConverter.SingleToInt32Bits(Simd.Sum(x)));
        }
    }

    [Fact]
    public void Ten_million_terms_keep_float_precision()
    {
        // 10⁷ × 0.1f: float accumulation in 32 lanes loses 0.3 % here; the sum must be right to float precision.
        var x = new float[10_000_000];
        Array.Fill(x, 0.1f);
        double exact = x.Length * (double)0.1f;
        Assert.True(Math.Abs(Simd.Sum(x) - exact) <= 1e-6 * exact, $"sum {Simd.Sum(x)} vs exact {exact}");

        // Mixed magnitudes and signs, a sum far from 0.
        float[] y = Enumerable.Range(0, 3_000_000).Select(i => (float)(1 + Math.Sin(i)) * (i % 7 == 0 ? 1000f : 0.01f)).ToArray();
        double exactY = y.Sum(v => (double)v);
        Assert.True(Math.Abs(Simd.Sum(y) - exactY) <= 1e-6 * exactY, $"sum {Simd.Sum(y)} vs exact {exactY}");
    }

    [Fact]
    public void The_order_matters_so_the_comparison_is_meaningful()
    {
        // A plain left-to-right sum differs in the last bits for most of these inputs.
        int differing = Enumerable.Range(32, 200).Count(n =>
        {
            float[] x = Values(n, n);
            float plain = 0;
            foreach (float v in x) plain += v;
            return plain != Simd.Sum(x);
        });
        Assert.True(differing > 50, $"only {differing} of 200 lengths differ");
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
