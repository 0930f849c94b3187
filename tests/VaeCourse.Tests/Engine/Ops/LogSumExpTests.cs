using MiniTorch;
using VaeCourse.Tests.TestSupport;
using static MiniTorch.torch;

namespace VaeCourse.Tests.Engine.Ops;

/// <summary>logsumexp: values against double sums, overflow and infinities as PyTorch, shapes, gradient = softmax.</summary>
public class LogSumExpTests
{
    // log Σⱼ exp(x[i,j]) in double for a (rows, cols) array: exp in double does not overflow below 709.
    private static double[] RowLogSumExp(float[] x, int rows, int cols) =>
        Enumerable.Range(0, rows).Select(i =>
        {
            double max = Enumerable.Range(0, cols).Max(j => (double)x[i * cols + j]);
            return max + Math.Log(Enumerable.Range(0, cols).Sum(j => Math.Exp(x[i * cols + j] - max)));
        }).ToArray();

    private static double MaxError(float[] got, double[] expected) =>
        got.Zip(expected, (g, e) => Math.Abs(g - e) / Math.Max(1, Math.Abs(e))).Max();

    [Fact] public void Gradient_dim1() => GradCheck.Verify(t => t[0].logsumexp(1), new[] { TestTensors.Uniform(new long[] { 3, 4 }, -3, 3, seed: 1) });
    [Fact] public void Gradient_dim0_keepdim() => GradCheck.Verify(t => t[0].logsumexp(0, keepdim: true), new[] { TestTensors.Uniform(new long[] { 3, 4 }, -3, 3, seed: 2) });
    [Fact] public void Gradient_middle_dim_of_3d() => GradCheck.Verify(t => torch.logsumexp(t[0], -2), new[] { TestTensors.Uniform(new long[] { 2, 3, 4 }, -3, 3, seed: 3) });

    [Fact]
    public void Values_match_a_double_computation_including_magnitudes_that_overflow_exp()
    {
        // Row 1 would overflow a naive float exp (e^100 > 3.4e38), row 2 underflow it to log(0).
        float[] x = { 0.5f, -1f, 2f, 0f, 100f, 99f, 101.5f, 100f, -200f, -201f, -199.5f, -250f };
        var t = tensor(x, new long[] { 3, 4 });
        double[] expected = RowLogSumExp(x, 3, 4);
        Assert.True(MaxError(t.logsumexp(1).ToArray(), expected) < 1e-6);

        float[] naive = t.exp().sum(1).log().ToArray();
        Assert.Equal(float.PositiveInfinity, naive[1]);
        Assert.Equal(float.NegativeInfinity, naive[2]);
    }

    [Fact]
    public void A_forgotten_shift_is_caught_by_the_value_check()
    {
        // The planted bug: log Σ exp(x − m) without adding m back.
        var t = TestTensors.Uniform(new long[] { 4, 5 }, -3, 3, seed: 4);
        var (m, _) = t.max(1, keepdim: true);
        float[] wrong = (t - m).exp().sum(1).log().ToArray();
        Assert.True(MaxError(wrong, RowLogSumExp(t.ToArray(), 4, 5)) > 1e-2);
        Assert.True(MaxError(t.logsumexp(1).ToArray(), RowLogSumExp(t.ToArray(), 4, 5)) < 1e-6);
    }

    [Fact]
    public void Infinite_and_nan_slices_follow_pytorch()
    {
        float ninf = float.NegativeInfinity, inf = float.PositiveInfinity;
        var t = tensor(new[] { ninf, ninf, ninf, ninf, 0f, ninf, inf, 1f, 2f, ninf, inf, 0f, float.NaN, 1f, 2f }, new long[] { 5, 3 });
        float[] r = t.logsumexp(1).ToArray();
        Assert.Equal(ninf, r[0]);                              // all −∞: −∞, not NaN
        Assert.Equal(Math.Log(1.0), r[1], 1e-7);               // −∞ entries add nothing
        Assert.Equal(inf, r[2]);
        Assert.Equal(inf, r[3]);                               // +∞ with −∞: +∞
        Assert.True(float.IsNaN(r[4]));
    }

    [Fact]
    public void Shapes_follow_keepdim_and_negative_dims()
    {
        var t = TestTensors.Uniform(new long[] { 2, 3, 4 }, -1, 1, seed: 5);
        Assert.Equal(new long[] { 2, 4 }, t.logsumexp(1).shape);
        Assert.Equal(new long[] { 2, 3, 1 }, t.logsumexp(-1, keepdim: true).shape);
        Assert.Equal(t.logsumexp(2).ToArray(), t.logsumexp(-1).ToArray());
        Assert.Equal("logsumexp: dimension 3 is out of range for a tensor of rank 3",
            Assert.Throws<ArgumentException>(() => t.logsumexp(3)).Message);
    }

    [Fact]
    public void The_gradient_is_softmax_even_where_exp_would_overflow()
    {
        float[] x = { 300f, 301f, 299f, 0f, -1f, 2f };
        var t = tensor(x, new long[] { 2, 3 }, requires_grad: true);
        t.logsumexp(1).sum().backward();
        float[] grad = t.grad!.ToArray();
        for (int i = 0; i < 2; i++)
        {
            double max = x.Skip(3 * i).Take(3).Max();
            double z = x.Skip(3 * i).Take(3).Sum(v => Math.Exp(v - max));
            for (int j = 0; j < 3; j++)
                Assert.Equal(Math.Exp(x[3 * i + j] - max) / z, grad[3 * i + j], 1e-6);
        }
    }
}
