using MiniTorch;
using VaeCourse.Tests.TestSupport;
using static MiniTorch.torch;

namespace VaeCourse.Tests.Engine.Ops;

/// <summary>var/std: values against double two-pass sums, Bessel's correction, n = 1, shapes, gradients, accuracy.</summary>
public class MomentsTests
{
    // Variance of x[i, j] over j (rows) or over i (columns) or over everything, in double.
    private static double Variance(IEnumerable<float> values, bool unbiased)
    {
        double[] v = values.Select(f => (double)f).ToArray();
        double mean = v.Average();
        return v.Sum(a => (a - mean) * (a - mean)) / (v.Length - (unbiased ? 1 : 0));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Values_match_double_two_pass_sums(bool unbiased)
    {
        var t = TestTensors.Uniform(new long[] { 3, 5 }, -2, 3, seed: 1);
        float[] x = t.ToArray();
        IEnumerable<float> Row(int i) => x.Skip(5 * i).Take(5);
        IEnumerable<float> Column(int j) => Enumerable.Range(0, 3).Select(i => x[5 * i + j]);

        float[] rows = t.var(1, unbiased).ToArray();
        float[] columns = t.var(new long[] { 0 }, unbiased).ToArray();
        for (int i = 0; i < 3; i++) Assert.Equal(Variance(Row(i), unbiased), rows[i], 1e-5);
        for (int j = 0; j < 5; j++) Assert.Equal(Variance(Column(j), unbiased), columns[j], 1e-5);
        Assert.Equal(Variance(x, unbiased), t.var(unbiased).item<float>(), 1e-5);
        Assert.Equal(Variance(x, unbiased), t.var(new long[] { -1, 0 }, unbiased).item<float>(), 1e-5);
        Assert.Equal(Math.Sqrt(Variance(x, unbiased)), t.std(unbiased).item<float>(), 1e-5);
        float[] rowStd = torch.std(t, -1, unbiased).ToArray();
        for (int i = 0; i < 3; i++) Assert.Equal(Math.Sqrt(Variance(Row(i), unbiased)), rowStd[i], 1e-5);
    }

    [Fact]
    public void The_check_tells_n_from_n_minus_one()
    {
        var t = TestTensors.Uniform(new long[] { 8 }, -2, 3, seed: 2);
        Assert.True(Math.Abs(t.var().item<float>() - Variance(t.ToArray(), unbiased: false)) > 1e-2);
    }

    [Fact]
    public void Keepdim_and_default_shapes()
    {
        var t = TestTensors.Uniform(new long[] { 2, 3, 4 }, -1, 1, seed: 3);
        Assert.Equal(new long[] { 2, 1, 4 }, t.std(new long[] { 1 }, keepdim: true).shape);
        Assert.Equal(new long[] { 1, 3, 1 }, torch.var(t, new long[] { 0, 2 }, keepdim: true).shape);
        Assert.Equal(new long[] { 3 }, t.var(new long[] { 0, -1 }).shape);
        Assert.Equal(Array.Empty<long>(), t.std().shape);
    }

    [Fact]
    public void One_element_gives_nan_unbiased_and_zero_biased_as_pytorch()
    {
        var one = tensor(new[] { 3f, 4f }, new long[] { 2, 1 });
        Assert.All(one.var(1).ToArray(), v => Assert.True(float.IsNaN(v)));
        Assert.All(one.std(1).ToArray(), v => Assert.True(float.IsNaN(v)));
        Assert.Equal(new[] { 0f, 0f }, one.var(1, unbiased: false).ToArray());
        Assert.True(float.IsNaN(tensor(5f).var().item<float>()));
        Assert.Equal(0f, tensor(5f).std(unbiased: false).item<float>());
    }

    [Fact]
    public void Two_passes_stay_accurate_far_from_zero()
    {
        // 1000 + u, u ∈ [−1, 1): variance ≈ 1/3. The one-pass E[x²] − E[x]² cancels 10⁶ against 10⁶ in float.
        var t = TestTensors.Uniform(new long[] { 4096 }, 999, 1001, seed: 4);
        double expected = Variance(t.ToArray(), unbiased: true);
        Assert.Equal(expected, t.var().item<float>(), expected * 1e-4);
        float onePass = (t.square().mean() - t.mean().square()).item<float>() * 4096f / 4095f;
        Assert.True(Math.Abs(onePass - expected) > expected * 1e-2, $"one-pass {onePass}, expected {expected}");
    }

    [Fact] public void Var_dim_gradient() => GradCheck.Verify(t => t[0].var(1), new[] { TestTensors.Uniform(new long[] { 3, 4 }, -2, 2, seed: 5) });
    [Fact] public void Var_all_biased_gradient() => GradCheck.Verify(t => t[0].var(unbiased: false), new[] { TestTensors.Uniform(new long[] { 3, 4 }, -2, 2, seed: 6) });
    [Fact] public void Std_dims_keepdim_gradient() => GradCheck.Verify(t => t[0].std(new long[] { 0, 2 }, keepdim: true), new[] { TestTensors.Uniform(new long[] { 2, 3, 4 }, -2, 2, seed: 7) });
    [Fact] public void Std_all_gradient() => GradCheck.Verify(t => torch.std(t[0]), new[] { TestTensors.Uniform(new long[] { 3, 4 }, -2, 2, seed: 8) });

    [Fact]
    public void Errors_name_the_op()
    {
        Assert.Equal("std: dimension 2 is out of range for a tensor of rank 2", Assert.Throws<ArgumentException>(() => zeros(2, 3).std(2)).Message);
        Assert.Equal("var: dimension -2 appears twice in (0,-2)", Assert.Throws<ArgumentException>(() => zeros(2, 3).var(new long[] { 0, -2 })).Message);
    }
}
