using MiniTorch;
using VaeCourse.Tests.TestSupport;
using static MiniTorch.torch;

namespace VaeCourse.Tests.Engine.Ops;

/// <summary>sum/mean (all, over dims, keepdim), argmax, max, min.</summary>
public class ReductionsTests
{
    private static Tensor U(int seed, params long[] shape) => TestTensors.Uniform(shape, -2, 2, seed);

    [Fact] public void Sum_all_gradient() => GradCheck.Verify(t => t[0].sum(), new[] { U(1, 3, 4) });
    [Fact] public void Sum_dim0_gradient() => GradCheck.Verify(t => t[0].sum(0), new[] { U(2, 3, 4) });
    [Fact] public void Sum_dim1_gradient() => GradCheck.Verify(t => t[0].sum(1), new[] { U(3, 3, 4) });
    [Fact] public void Sum_last_dim_keepdim_gradient() => GradCheck.Verify(t => t[0].sum(-1, keepdim: true), new[] { U(4, 2, 3, 4) });
    [Fact] public void Sum_two_dims_gradient() => GradCheck.Verify(t => t[0].sum(new long[] { 0, 2 }), new[] { U(5, 2, 3, 4) });
    [Fact] public void Mean_all_gradient() => GradCheck.Verify(t => t[0].mean(), new[] { U(6, 3, 4) });
    [Fact] public void Mean_dim_gradient() => GradCheck.Verify(t => t[0].mean(new long[] { 1 }), new[] { U(7, 3, 4) });
    [Fact] public void Mean_dim_keepdim_gradient() => GradCheck.Verify(t => t[0].mean(new long[] { 0 }, keepdim: true), new[] { U(8, 3, 4) });
    [Fact] public void Torch_sum_and_mean_gradient() => GradCheck.Verify(t => torch.sum(t[0]) * torch.mean(t[0]), new[] { U(9, 2, 3) });

    [Fact]
    public void Column_sums_over_many_rows_keep_float_precision()
    {
        // 20 000 rows, each column one repeated value: adding them row after row in float drifts by ~1e-4 relative
        // (the rounding is the same at every step); the sum over dim 0 must be right to float precision, and so
        // must a reduction over two dims.
        const int rows = 20_000, cols = 5;
        float[] values = Enumerable.Range(0, rows * cols).Select(i => 0.1f + 0.013f * (i % cols)).ToArray();
        var x = tensor(values, new long[] { rows, cols });
        float[] sums = x.sum(0).ToArray();
        float[] plainFloat = new float[cols];
        for (int i = 0; i < values.Length; i++) plainFloat[i % cols] += values[i];
        for (int j = 0; j < cols; j++)
        {
            double exact = Enumerable.Range(0, rows).Sum(i => (double)values[i * cols + j]);
            Assert.True(Math.Abs(sums[j] - exact) <= 1e-6 * exact, $"column {j}: {sums[j]} vs exact {exact}");
            Assert.True(Math.Abs(plainFloat[j] - exact) > 1e-5 * exact, "float accumulation should lose digits here, or the test shows nothing");
        }

        var cube = x.view(100, 200, cols);                          // reduce dims 0 and 1: 20 000 rows per output
        float[] both = cube.sum(new long[] { 0, 1 }).ToArray();
        for (int j = 0; j < cols; j++) Assert.Equal(sums[j], both[j], 1e-6 * sums[j]);
        Assert.Equal(values.Select(v => (double)v).Sum() / values.Length, x.mean(new long[] { 0, 1 }).item<float>(), 1e-7);
    }

    [Fact]
    public void Column_sums_over_a_batch_are_the_rows_added_in_order()
    {
        // Up to FloatRowsLimit rows (every training batch) the sum is the plain row-by-row float sum, bit for bit, so
        // gradients such as a bias's do not change with the limit.
        int rows = Tensor.FloatRowsLimit, cols = 7;
        var random = new System.Random(4);
        float[] values = Enumerable.Range(0, rows * cols).Select(_ => (float)(random.NextDouble() * 10 - 5)).ToArray();
        float[] expected = new float[cols];
        for (int i = 0; i < values.Length; i++) expected[i % cols] += values[i];
        float[] sums = tensor(values, new long[] { rows, cols }).sum(0).ToArray();
        Assert.Equal(expected.Select(BitConverter.SingleToInt32Bits), sums.Select(BitConverter.SingleToInt32Bits));
    }

    [Fact]
    public void Sum_and_mean_values_match_loops()
    {
        // x[i,j,k] with distinct values; every reduction is recomputed here by explicit loops.
        var values = new float[24];
        for (int n = 0; n < 24; n++) values[n] = n * 0.5f - 3f;
        var x = tensor(values, new long[] { 2, 3, 4 });
        float At(int i, int j, int k) => values[i * 12 + j * 4 + k];

        Assert.Equal(values.Sum(), x.sum().item<float>(), 1e-4);
        Assert.Equal(values.Average(), x.mean().item<float>(), 1e-5);

        var overJ = x.sum(1);   // (2,3,4) -> (2,4)
        Assert.Equal(new long[] { 2, 4 }, overJ.shape);
        for (int i = 0; i < 2; i++) for (int k = 0; k < 4; k++)
            Assert.Equal(At(i, 0, k) + At(i, 1, k) + At(i, 2, k), overJ.ToArray()[i * 4 + k], 1e-5);

        var keep = x.sum(1, keepdim: true);
        Assert.Equal(new long[] { 2, 1, 4 }, keep.shape);
        Assert.Equal(overJ.ToArray(), keep.ToArray());

        var overIK = x.mean(new long[] { 0, -1 });   // (2,3,4) -> (3)
        Assert.Equal(new long[] { 3 }, overIK.shape);
        for (int j = 0; j < 3; j++)
        {
            float expected = 0;
            for (int i = 0; i < 2; i++) for (int k = 0; k < 4; k++) expected += At(i, j, k);
            Assert.Equal(expected / 8, overIK.ToArray()[j], 1e-5);
        }
        Assert.Equal(Array.Empty<long>(), x.sum().shape);
    }

    [Fact]
    public void Sum_of_many_elements_is_accurate()
    {
        // 10 001 copies of 0.1 plus a tail: the vector accumulators and the tail both count.
        var x = full(new long[] { 10001 }, 0.1f);
        Assert.Equal(1000.1, x.sum().item<float>(), 0.01);
        Assert.Equal(0.1, x.mean().item<float>(), 1e-6);
    }

    [Fact]
    public void Argmax_max_and_min()
    {
        var x = tensor(new float[] { 1, 5, 3, 9, -2, 4 }, new long[] { 2, 3 });
        Assert.Equal(new long[] { 1, 0 }, x.argmax(1).data<long>().ToArray());
        Assert.Equal(new long[] { 1, 0, 1 }, x.argmax(0).data<long>().ToArray());
        Assert.Equal(9f, x.max().item<float>());
        Assert.Equal(-2f, x.min().item<float>());
        Assert.True(float.IsNaN(tensor(new[] { 1f, float.NaN, 2f }).max().item<float>()));
    }

    [Fact]
    public void Dimension_out_of_range_names_the_op()
    {
        Assert.Equal("sum: dimension 2 is out of range for a tensor of rank 2",
            Assert.Throws<ArgumentException>(() => zeros(2, 3).sum(2)).Message);
        Assert.Equal("mean: dimension -3 is out of range for a tensor of rank 2",
            Assert.Throws<ArgumentException>(() => zeros(2, 3).mean(new long[] { -3 })).Message);
    }
}
