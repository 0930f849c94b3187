using MiniTorch;
using VaeCourse.Tests.TestSupport;
using static MiniTorch.torch;

namespace VaeCourse.Tests.Engine.Ops;

/// <summary>max/min along a dimension: values and indexes against loops, ties, NaN, shapes, gradients.</summary>
public class MaxMinTests
{
    // Distinct values 0.1 apart in a shuffled order: no two within 2h of each other, so a finite difference
    // never changes which element wins.
    private static Tensor Spread(int seed, params long[] shape)
    {
        int n = (int)shape.Aggregate(1L, (a, b) => a * b);
        var random = new System.Random(seed);
        float[] values = Enumerable.Range(0, n).Select(i => i * 0.1f - 1f).OrderBy(_ => random.Next()).ToArray();
        return tensor(values, shape);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(-1)]
    [InlineData(-3)]
    public void Values_and_indexes_match_loops_along_every_dimension(long dim)
    {
        var x = Spread(1, 2, 3, 4);
        float[] data = x.ToArray();
        int d = (int)(dim < 0 ? dim + 3 : dim);
        long[] shape = { 2, 3, 4 };
        foreach (bool largest in new[] { true, false })
        {
            var (values, indexes) = largest ? x.max(dim) : x.min(dim);
            Assert.Equal(ScalarType.Int64, indexes.dtype);
            long[] expectedShape = shape.Where((_, i) => i != d).ToArray();
            Assert.Equal(expectedShape, values.shape);
            Assert.Equal(expectedShape, indexes.shape);

            float[] v = values.ToArray();
            long[] k = indexes.data<long>().ToArray();
            int slot = 0;
            for (int a = 0; a < shape[0]; a++)
                for (int b = 0; b < shape[1]; b++)
                    for (int c = 0; c < shape[2]; c++)
                    {
                        int[] at = { a, b, c };
                        if (at[d] != 0) continue;   // visit each output slot once, in row-major order
                        float best = float.NaN; int bestK = -1;
                        for (int j = 0; j < shape[d]; j++)
                        {
                            at[d] = j;
                            float value = data[at[0] * 12 + at[1] * 4 + at[2]];
                            if (bestK < 0 || (largest ? value > best : value < best)) { best = value; bestK = j; }
                        }
                        Assert.Equal(best, v[slot]);
                        Assert.Equal(bestK, k[slot]);
                        slot++;
                    }
        }
    }

    [Fact]
    public void Keepdim_keeps_a_size_one_dimension()
    {
        var x = Spread(2, 2, 3, 4);
        Assert.Equal(new long[] { 2, 1, 4 }, x.max(1, keepdim: true).values.shape);
        Assert.Equal(new long[] { 2, 1, 4 }, x.min(-2, keepdim: true).indexes.shape);
        Assert.Equal(x.max(1).values.ToArray(), x.max(1, keepdim: true).values.ToArray());
    }

    [Fact]
    public void Ties_pick_the_first_index_and_nan_wins()
    {
        var x = tensor(new[] { 1f, 3f, 3f, -2f, 0f, -2f, 5f, float.NaN, 9f }, new long[] { 3, 3 });
        var (maxValues, maxIndexes) = x.max(1);
        var (minValues, minIndexes) = torch.min(x, 1);
        Assert.Equal(new long[] { 1, 1, 1 }, maxIndexes.data<long>().ToArray());
        Assert.Equal(new long[] { 0, 0, 1 }, minIndexes.data<long>().ToArray());
        Assert.Equal(new[] { 3f, 0f }, maxValues.ToArray()[..2]);
        Assert.True(float.IsNaN(maxValues.ToArray()[2]) && float.IsNaN(minValues.ToArray()[2]));
    }

    [Fact]
    public void The_gradient_goes_to_the_first_of_tied_elements_only()
    {
        var x = tensor(new[] { 1f, 3f, 3f, 2f }, requires_grad: true);
        x.max(0).values.backward();
        Assert.Equal(new[] { 0f, 1f, 0f, 0f }, x.grad!.ToArray());
    }

    [Fact] public void Max_dim1_gradient() => GradCheck.Verify(t => t[0].max(1).values, new[] { Spread(3, 3, 4) });
    [Fact] public void Min_dim0_keepdim_gradient() => GradCheck.Verify(t => t[0].min(0, keepdim: true).values, new[] { Spread(4, 3, 4) });
    [Fact] public void Max_last_dim_3d_gradient() => GradCheck.Verify(t => torch.max(t[0], -1).values, new[] { Spread(5, 2, 3, 4) });

    [Fact]
    public void A_gradient_sent_to_the_wrong_element_is_caught()
    {
        // The planted bug: the value of max, but its gradient always to element 0 of each row.
        static Tensor MaxWithGradientToFirst(Tensor x)
        {
            var values = x.max(1).values.detach().clone();
            if (!Tensor.NeedsGrad(x)) return values;
            return Tensor.Record(values, "max_under_test", new[] { x }, g =>
            {
                var gx = new float[x.numel()];
                for (int r = 0; r < g.numel(); r++) gx[r * (int)x.shape[1]] = g.ToArray()[r];
                x.AccumulateGrad(gx, owned: true);
            });
        }
        Assert.False(GradCheck.Run(t => MaxWithGradientToFirst(t[0]), new[] { Spread(6, 3, 4) }).Passed);
    }

    [Fact]
    public void Errors_name_the_op()
    {
        Assert.Equal("max: dimension 2 is out of range for a tensor of rank 2",
            Assert.Throws<ArgumentException>(() => zeros(2, 3).max(2)).Message);
        Assert.Contains("min: dimension 1 of (2,0) has size 0", Assert.Throws<ArgumentException>(() => zeros(2, 0).min(1)).Message);
    }
}
