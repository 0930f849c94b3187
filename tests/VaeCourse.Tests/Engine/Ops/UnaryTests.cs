using MiniTorch;
using VaeCourse.Tests.TestSupport;
using static MiniTorch.torch;

namespace VaeCourse.Tests.Engine.Ops;

/// <summary>Elementwise functions: gradients away from kinks, values against double-precision formulas, extremes.</summary>
public class UnaryTests
{
    private static readonly long[] Shape = { 3, 4 };
    private static Tensor U(double lo, double hi, int seed) => TestTensors.Uniform(Shape, lo, hi, seed);

    [Fact] public void Exp_gradient() => GradCheck.Verify(t => t[0].exp(), new[] { U(-2, 2, 1) });
    [Fact] public void Log_gradient() => GradCheck.Verify(t => t[0].log(), new[] { U(0.5, 3, 2) }, h: 1e-3);
    [Fact] public void Pow_2_gradient() => GradCheck.Verify(t => t[0].pow(2), new[] { U(-2, 2, 3) });
    [Fact] public void Pow_3_gradient() => GradCheck.Verify(t => t[0].pow(3), new[] { U(-1.5, 1.5, 4) }, h: 5e-3);
    [Fact] public void Pow_half_gradient() => GradCheck.Verify(t => t[0].pow(0.5), new[] { U(0.5, 3, 5) }, h: 1e-3);
    [Fact] public void Pow_negative_fraction_gradient() => GradCheck.Verify(t => t[0].pow(-1.5), new[] { U(0.5, 3, 6) }, h: 1e-3);
    [Fact] public void Square_gradient() => GradCheck.Verify(t => t[0].square(), new[] { U(-2, 2, 7) });
    [Fact] public void Sqrt_gradient() => GradCheck.Verify(t => t[0].sqrt(), new[] { U(0.5, 3, 8) }, h: 1e-3);
    [Fact] public void Sigmoid_gradient() => GradCheck.Verify(t => t[0].sigmoid(), new[] { U(-4, 4, 9) });
    [Fact] public void Tanh_gradient() => GradCheck.Verify(t => t[0].tanh(), new[] { U(-3, 3, 10) });
    [Fact] public void Softplus_gradient() => GradCheck.Verify(t => t[0].softplus(), new[] { U(-5, 5, 11) });

    // Inputs on both sides of the linear threshold (βx > 20 returns x), never within h of it.
    [Fact]
    public void Softplus_with_beta_gradient_on_both_sides_of_the_threshold() =>
        GradCheck.Verify(t => t[0].softplus(beta: 2, threshold: 20),
            new[] { TestTensors.Avoiding(Shape, -6, 14, avoid: new[] { 10.0 }, margin: 0.5, seed: 12) });

    // Kinks: relu and abs at 0, clamp at its bounds. Inputs keep ≥ 0.1 away, h = 0.01.
    [Fact] public void Relu_gradient() => GradCheck.Verify(t => t[0].relu(), new[] { TestTensors.AwayFromZero(Shape, 0.1, 2, seed: 13) });
    [Fact] public void Abs_gradient() => GradCheck.Verify(t => t[0].abs(), new[] { TestTensors.AwayFromZero(Shape, 0.1, 2, seed: 14) });

    [Fact]
    public void Clamp_both_bounds_gradient() => GradCheck.Verify(t => t[0].clamp(-0.5, 0.75),
        new[] { TestTensors.Avoiding(Shape, -2, 2, avoid: new[] { -0.5, 0.75 }, margin: 0.1, seed: 15) });

    [Fact]
    public void Clamp_min_only_gradient() => GradCheck.Verify(t => t[0].clamp_min(0.25),
        new[] { TestTensors.Avoiding(Shape, -2, 2, avoid: new[] { 0.25 }, margin: 0.1, seed: 16) });

    [Fact]
    public void Clamp_max_only_gradient() => GradCheck.Verify(t => t[0].clamp_max(-0.25),
        new[] { TestTensors.Avoiding(Shape, -2, 2, avoid: new[] { -0.25 }, margin: 0.1, seed: 17) });

    [Fact]
    public void Long_inputs_take_the_vector_path_and_still_check() =>
        // 37 elements: a Vector512 block, a Vector256 block and a scalar tail all carry gradients.
        GradCheck.Verify(t => t[0].sigmoid() * t[0].exp() + t[0].tanh().relu(), new[] { TestTensors.AwayFromZero(new long[] { 37 }, 0.1, 2, seed: 18) });

    // ---- values against formulas computed here in double ----

    [Fact]
    public void Values_match_double_precision_formulas()
    {
        float[] x = { -3f, -0.5f, 0.1f, 0.5f, 1f, 2.5f, 7f, -1.25f, 0.75f, 4f, -6f, 1.5f, 3f, -2f, 0.3f, 5f, -4f, 0.9f };
        float[] positive = x.Select(Math.Abs).ToArray();
        var t = tensor(x);
        var p = tensor(positive);
        AssertClose(x.Select(v => Math.Exp(v)), t.exp(), 2e-7);
        AssertClose(positive.Select(v => Math.Log(v)), p.log(), 2e-7);
        AssertClose(positive.Select(v => Math.Sqrt(v)), p.sqrt(), 2e-7);
        AssertClose(positive.Select(v => Math.Pow(v, 1.7)), p.pow(1.7), 5e-7);
        AssertClose(x.Select(v => Math.Pow(v, 3)), t.pow(3), 2e-7);
        AssertClose(x.Select(v => 1 / (1 + Math.Exp(-v))), t.sigmoid(), 5e-7);
        AssertClose(x.Select(v => Math.Tanh(v)), t.tanh(), 5e-7);
        AssertClose(x.Select(v => Math.Max(v, 0.0)), t.relu(), 0);
        AssertClose(x.Select(v => (double)Math.Abs(v)), t.abs(), 0);
        AssertClose(x.Select(v => Math.Clamp(v, -1.0, 2.0)), t.clamp(-1, 2), 0);
    }

    [Fact]
    public void Softplus_backward_in_the_far_left_tail_behaves_as_pytorch()
    {
        // PyTorch's rule g·z/(z+1) with z = e^{βx}: at x = −95, z is a tiny subnormal, so an infinite upstream
        // gradient stays ∞ (PyTorch 1.13 prints inf); g·sigmoid(x) computed as g/(1 + e^{−x}) would give ∞/∞ = NaN.
        var x = tensor(new float[] { -95f, -50f, 0f, 30f }, requires_grad: true);
        x.softplus().backward(tensor(new[] { float.PositiveInfinity, 1f, 1f, 1f }));
        float[] g = x.grad!.ToArray();
        Assert.Equal(float.PositiveInfinity, g[0]);
        Assert.Equal(Math.Exp(-50) / (1 + Math.Exp(-50)), g[1], 1e-27);   // sigmoid(−50) ≈ 1.93e−22
        Assert.Equal(0.5f, g[2]);
        Assert.Equal(1f, g[3]);                                           // linear beyond the threshold
    }

    [Fact]
    public void Softplus_matches_log1p_exp_across_the_range()
    {
        float[] x = { -100f, -88f, -40f, -20f, -10f, -3f, -0.5f, 0f, 0.5f, 3f, 10f, 19.5f, 20.5f, 40f, 100f };
        float[] y = tensor(x).softplus().ToArray();
        for (int i = 0; i < x.Length; i++)
        {
            double expected = SoftplusReference(x[i]);
            Assert.True(float.IsFinite(y[i]), $"softplus({x[i]}) = {y[i]}");
            double error = Math.Abs(y[i] - expected);
            Assert.True(error <= 1e-6 * expected || error <= 1e-45,
                $"softplus({x[i]}) = {y[i]:R}, expected {expected:R} (relative error {error / expected:G3})");
        }
        Assert.Equal(100f, y[^1]);               // linear beyond the threshold
        Assert.True(y[0] >= 0f && y[0] < 1e-40f); // e⁻¹⁰⁰ ≈ 3.7e-44: zero or that tiny denormal
    }

    [Fact]
    public void Softplus_with_beta_matches_its_definition()
    {
        float[] x = { -4f, -1f, 0f, 1f, 4f, 12f };
        float[] y = tensor(x).softplus(beta: 2, threshold: 20).ToArray();
        for (int i = 0; i < x.Length; i++)
        {
            double expected = 2 * x[i] > 20 ? x[i] : SoftplusReference(2.0 * x[i]) / 2;
            Assert.True(Math.Abs(y[i] - expected) <= 1e-6 * expected, $"softplus_β=2({x[i]}) = {y[i]}, expected {expected}");
        }
    }

    private static double SoftplusReference(double x) => ReferenceMath.Softplus(x);

    [Fact]
    public void Sigmoid_saturates_without_nan_or_inf()
    {
        float[] x = { -1000f, -88f, 0f, 88f, 1000f, float.NegativeInfinity, float.PositiveInfinity };
        // 8 copies so the vector path sees every value too.
        float[] many = Enumerable.Repeat(x, 8).SelectMany(v => v).ToArray();
        float[] y = tensor(many).sigmoid().ToArray();
        for (int k = 0; k < 8; k++)
        {
            int o = k * x.Length;
            Assert.Equal(0f, y[o]);
            Assert.True(y[o + 1] > 0f && y[o + 1] < 1e-37f, $"σ(−88) = {y[o + 1]}");
            Assert.Equal(0.5f, y[o + 2]);
            Assert.Equal(1f, y[o + 3]);
            Assert.Equal(1f, y[o + 4]);
            Assert.Equal(0f, y[o + 5]);
            Assert.Equal(1f, y[o + 6]);
        }
        var input = tensor(many, requires_grad: true);
        input.sigmoid().sum().backward();
        Assert.All(input.grad!.ToArray(), g => Assert.True(float.IsFinite(g) && g >= 0f && g <= 0.25f, $"σ' = {g}"));
    }

    [Fact]
    public void Exp_overflows_to_infinity_and_log_of_zero_is_minus_infinity()
    {
        float[] big = Enumerable.Repeat(100f, 20).ToArray();   // vector and scalar paths
        Assert.All(tensor(big).exp().ToArray(), v => Assert.Equal(float.PositiveInfinity, v));
        Assert.Equal(0f, tensor(new[] { -200f }).exp().item<float>());
        Assert.Equal(float.NegativeInfinity, tensor(new[] { 0f }).log().item<float>());
        Assert.True(float.IsNaN(tensor(new[] { -1f }).log().item<float>()));
    }

    [Fact]
    public void Tanh_is_finite_at_the_extremes()
    {
        float[] y = tensor(new[] { -1000f, -20f, 20f, 1000f }).tanh().ToArray();
        Assert.Equal(new[] { -1f, -1f, 1f, 1f }, y);
    }

    [Fact]
    public void Relu_and_clamp_keep_nan()
    {
        float[] x = Enumerable.Repeat(float.NaN, 19).ToArray();
        Assert.All(tensor(x).relu().ToArray(), v => Assert.True(float.IsNaN(v)));
        Assert.All(tensor(x).clamp(0, 1).ToArray(), v => Assert.True(float.IsNaN(v)));
    }

    // ---- derivatives at the kinks follow PyTorch's conventions ----

    [Fact]
    public void Derivatives_at_kinks_follow_pytorch()
    {
        var x = tensor(new[] { 0f, 0f, -1f, 2f }, requires_grad: true);
        x.relu().sum().backward();
        Assert.Equal(new[] { 0f, 0f, 0f, 1f }, x.grad!.ToArray());   // relu'(0) = 0

        x.grad = null;
        x.abs().sum().backward();
        Assert.Equal(new[] { 0f, 0f, -1f, 1f }, x.grad!.ToArray());  // sign(0) = 0

        var c = tensor(new[] { -1f, 0f, 1f, 2f }, requires_grad: true);
        c.clamp(0, 1).sum().backward();
        Assert.Equal(new[] { 0f, 1f, 1f, 0f }, c.grad!.ToArray());  // the bounds pass the gradient
    }

    [Fact]
    public void Pow_zero_has_zero_gradient_even_at_zero()
    {
        var x = tensor(new[] { 0f, 2f, -3f }, requires_grad: true);
        var y = x.pow(0);
        Assert.Equal(new[] { 1f, 1f, 1f }, y.ToArray());
        y.sum().backward();
        Assert.Equal(new[] { 0f, 0f, 0f }, x.grad!.ToArray());
    }

    [Fact]
    public void Clamp_without_bounds_is_an_error()
    {
        Assert.Equal("clamp: at least one of min and max must be given",
            Assert.Throws<ArgumentException>(() => zeros(2).clamp()).Message);
    }

    private static void AssertClose(IEnumerable<double> expected, Tensor actual, double relative)
    {
        double[] e = expected.ToArray();
        float[] a = actual.ToArray();
        Assert.Equal(e.Length, a.Length);
        for (int i = 0; i < e.Length; i++)
        {
            // Float32 rounding alone is 6e-8 relative; 'relative' adds the op's own error on top.
            double tolerance = (relative + 6e-8) * Math.Abs(e[i]);
            Assert.True(Math.Abs(a[i] - e[i]) <= tolerance, $"element {i}: {a[i]:R}, expected {e[i]:R}");
        }
    }
}
