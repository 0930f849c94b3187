using MiniTorch.Kernels;

namespace VaeCourse.Tests.Engine.Kernels;

public class StreamingSumTests
{
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
    public void Fed_in_pieces_it_gives_exactly_the_bits_of_Simd_Sum()
    {
        var random = new System.Random(7);
        for (int n = 0; n <= 257; n++)
        {
            float[] x = Values(n, 1000 + n);
            var sum = new StreamingSum();
            int done = 0, blocks = n / 32 * 32;
            while (done < blocks)
            {
                int piece = 32 * random.Next(0, (blocks - done) / 32 + 1);
                sum.AddBlocks(x.AsSpan(done, piece));
                done += piece;
            }
            Assert.Equal(BitConverter.SingleToInt32Bits(Simd.Sum(x)), BitConverter.SingleToInt32Bits(sum.Finish(x.AsSpan(blocks))));
        }
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
    public void Pieces_that_are_not_whole_blocks_are_rejected()
    {
        var sum = new StreamingSum();
        Assert.Throws<ArgumentException>(() => sum.AddBlocks(new float[33]));
    }
}
