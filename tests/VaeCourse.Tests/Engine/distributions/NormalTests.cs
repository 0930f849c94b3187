using MiniTorch;
using MiniTorch.Modules;
using VaeCourse.Tests.TestSupport;
using static MiniTorch.torch;

namespace VaeCourse.Tests.Engine.Distributions;

/// <summary>Normal: moments, log_prob/entropy/cdf/icdf against double formulas, broadcasting, sampling, gradients.</summary>
public class NormalTests
{
    private const double LogSqrtTwoPi = 0.91893853320467274178;

    private static double LogDensity(double x, double mu, double sigma) =>
        -(x - mu) * (x - mu) / (2 * sigma * sigma) - Math.Log(sigma) - LogSqrtTwoPi;

    [Fact]
    public void Parameters_broadcast_and_the_moments_are_loc_and_scale()
    {
        var loc = tensor(new[] { -1f, 0.5f, 2f }, new long[] { 3, 1 });
        var scale = tensor(new[] { 0.5f, 1f, 3f, 0.25f }, new long[] { 1, 4 });
        Normal normal = distributions.Normal(loc, scale);
        Assert.Equal(new long[] { 3, 4 }, normal.batch_shape);
        Assert.Equal(new long[] { 3, 4 }, normal.mean.shape);
        Assert.Equal(-1f, normal.mean.ToArray()[3]);
        Assert.Equal(3f, normal.stddev.ToArray()[6]);
        Assert.Equal(9f, normal.variance.ToArray()[6]);
        Assert.Equal(normal.mean.ToArray(), normal.mode.ToArray());
    }

    [Fact]
    public void Incompatible_shapes_name_the_op_and_both_shapes()
    {
        var error = Assert.Throws<ArgumentException>(() => distributions.Normal(zeros(3), ones(4)));
        Assert.Equal("Normal: (3) and (4): sizes 3 and 4 at dimension 0 cannot be broadcast", error.Message);
    }

    [Fact]
    public void Log_prob_matches_the_density_formula_with_value_broadcast()
    {
        float[] mu = { -1f, 0.5f, 2f }, sigma = { 0.5f, 1f, 3f };
        var normal = distributions.Normal(tensor(mu), tensor(sigma));
        var value = TestTensors.Uniform(new long[] { 2, 3 }, -4, 4, seed: 1);   // (2,3) against batch (3)
        float[] got = normal.log_prob(value).ToArray();
        float[] v = value.ToArray();
        for (int i = 0; i < 6; i++) Assert.Equal(LogDensity(v[i], mu[i % 3], sigma[i % 3]), got[i], 1e-5);
    }

    [Fact]
    public void Entropy_matches_the_closed_form_and_a_monte_carlo_estimate()
    {
        float[] sigma = { 0.2f, 1f, 4f };
        var normal = distributions.Normal(zeros(3), tensor(sigma), new Generator(11));
        float[] h = normal.entropy().ToArray();
        for (int i = 0; i < 3; i++) Assert.Equal(0.5 + LogSqrtTwoPi + Math.Log(sigma[i]), h[i], 1e-6);

        // −E[log p(z)] over 100 000 draws; the standard error of −log p is 1/√2 per draw (a χ²₁/2 spread).
        float[] logp = normal.log_prob(normal.sample(100_000)).ToArray();
        for (int i = 0; i < 3; i++)
        {
            double estimate = -Enumerable.Range(0, 100_000).Average(k => (double)logp[3 * k + i]);
            Assert.Equal(h[i], estimate, 4 * Math.Sqrt(0.5 / 100_000));
        }
    }

    [Fact]
    public void Cdf_matches_the_reference_from_tail_to_tail()
    {
        var normal = distributions.Normal(tensor(1.5f), tensor(2f));
        float[] x = { -9.5f, -5f, -2.5f, 0f, 1.5f, 2f, 4.5f, 8f, 11.5f };
        float[] got = normal.cdf(tensor(x)).ToArray();
        for (int i = 0; i < x.Length; i++)
        {
            double expected = ReferenceNormal.Cdf((x[i] - 1.5) / 2);
            // 1 + erf(…) cancels in the left tail (as in PyTorch): an absolute bound there, a relative one elsewhere.
            Assert.True(Math.Abs(got[i] - expected) <= 1.5e-7 * Math.Max(expected, 0.1), $"cdf({x[i]}) = {got[i]:R}, reference {expected:R}");
        }
    }

    [Fact]
    public void Icdf_matches_the_reference_and_inverts_cdf()
    {
        var normal = distributions.Normal(tensor(-0.5f), tensor(3f));
        float[] p = { 1e-3f, 0.025f, 0.1f, 0.3f, 0.5f, 0.8f, 0.975f, 0.999f };
        float[] got = normal.icdf(tensor(p)).ToArray();
        for (int i = 0; i < p.Length; i++)
        {
            double expected = -0.5 + 3 * Math.Sqrt(2) * ReferenceNormal.Erfinv(2.0 * p[i] - 1);
            // 2p − 1 is rounded to float first (as in PyTorch): up to 3e-8 in p, i.e. 3e-8·σ/φ(z) in x.
            double zRef = (expected + 0.5) / 3;
            double tolerance = 3 * 3e-8 * 3 / Math.Exp(-zRef * zRef / 2) * Math.Sqrt(2 * Math.PI) + 1e-6;
            Assert.True(Math.Abs(got[i] - expected) <= tolerance, $"icdf({p[i]}) = {got[i]:R}, reference {expected:R} ± {tolerance:G2}");
        }
        float[] x = { -8f, -2f, 0f, 1f, 5f };
        float[] back = normal.icdf(normal.cdf(tensor(x))).ToArray();
        for (int i = 0; i < x.Length; i++) Assert.Equal(x[i], back[i], 1e-3);
        Assert.Equal(new[] { float.NegativeInfinity, float.PositiveInfinity }, normal.icdf(tensor(new[] { 0f, 1f })).ToArray());
    }

    [Fact]
    public void Seeded_samples_repeat_and_have_the_right_shape()
    {
        var loc = tensor(new[] { -1f, 2f });
        var scale = tensor(new[] { 0.5f, 3f });
        float[] first = distributions.Normal(loc, scale, new Generator(5)).sample(4, 3).ToArray();
        float[] again = distributions.Normal(loc, scale, new Generator(5)).sample(4, 3).ToArray();
        float[] other = distributions.Normal(loc, scale, new Generator(6)).sample(4, 3).ToArray();
        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
        Assert.Equal(new long[] { 4, 3, 2 }, distributions.Normal(loc, scale).sample(4, 3).shape);
        Assert.Equal(new long[] { 2 }, distributions.Normal(loc, scale).rsample().shape);
    }

    [Fact]
    public void Sample_moments_match_loc_and_scale()
    {
        const int N = 200_000;
        float[] mu = { -1f, 2f }, sigma = { 0.5f, 3f };
        var normal = distributions.Normal(tensor(mu), tensor(sigma), new Generator(21));
        float[] z = normal.sample(N).ToArray();   // (N, 2)
        for (int j = 0; j < 2; j++)
        {
            double[] column = Enumerable.Range(0, N).Select(k => (double)z[2 * k + j]).ToArray();
            double mean = column.Average();
            double sd = Math.Sqrt(column.Sum(v => (v - mean) * (v - mean)) / (N - 1));
            Assert.Equal(mu[j], mean, 4 * sigma[j] / Math.Sqrt(N));
            Assert.Equal(sigma[j], sd, 4 * sigma[j] / Math.Sqrt(2.0 * N));
        }
    }

    [Fact]
    public void Sample_has_no_gradient_but_rsample_does()
    {
        var loc = tensor(new[] { 0.5f, -0.5f }, requires_grad: true);
        var scale = tensor(new[] { 1f, 2f }, requires_grad: true);
        Assert.False(distributions.Normal(loc, scale, new Generator(3)).sample(5).requires_grad);
        Tensor z = distributions.Normal(loc, scale, new Generator(3)).rsample(5);
        Assert.True(z.requires_grad);

        // z = loc + ε·scale, with ε the same seed's draws: ∂Σz/∂loc = 5 per column, ∂Σz/∂scale = Σ ε.
        float[] eps = randn(new long[] { 5, 2 }, new Generator(3)).ToArray();
        z.sum().backward();
        Assert.Equal(new[] { 5f, 5f }, loc.grad!.ToArray());
        Assert.Equal(Enumerable.Range(0, 5).Sum(k => eps[2 * k]), scale.grad!.ToArray()[0], 1e-5);
        Assert.Equal(Enumerable.Range(0, 5).Sum(k => eps[2 * k + 1]), scale.grad!.ToArray()[1], 1e-5);
    }

    [Fact]
    public void Rsample_gradient() => GradCheck.Verify(
        t => distributions.Normal(t[0], t[1], new Generator(7)).rsample(3),   // a fresh, equally seeded generator per call
        new[] { TestTensors.Uniform(new long[] { 2 }, -1, 1, seed: 2), TestTensors.Uniform(new long[] { 2 }, 0.5, 2, seed: 3) });

    [Fact]
    public void Log_prob_gradient() => GradCheck.Verify(
        t => distributions.Normal(t[0], t[1]).log_prob(t[2]),
        new[]
        {
            TestTensors.Uniform(new long[] { 3 }, -1, 1, seed: 4),
            TestTensors.Uniform(new long[] { 3 }, 0.5, 2, seed: 5),
            TestTensors.Uniform(new long[] { 2, 3 }, -2, 2, seed: 6),
        }, h: 1e-3);

    [Fact]
    public void Cdf_and_icdf_gradients() => GradCheck.Verify(
        t => distributions.Normal(t[0], t[1]).cdf(t[2]) + distributions.Normal(t[0], t[1]).icdf(t[3]),
        new[]
        {
            TestTensors.Uniform(new long[] { 3 }, -1, 1, seed: 7),
            TestTensors.Uniform(new long[] { 3 }, 0.5, 2, seed: 8),
            TestTensors.Uniform(new long[] { 3 }, -2, 2, seed: 9),
            TestTensors.Uniform(new long[] { 3 }, 0.1, 0.9, seed: 10),
        }, h: 1e-3);

    [Fact]
    public void Scalar_factories_build_a_standard_normal()
    {
        Normal standard = distributions.Normal(0.0, 1.0);
        Assert.Equal(Array.Empty<long>(), standard.batch_shape);
        Assert.Equal(1.959964, standard.icdf(tensor(0.975f)).item<float>(), 1e-5);
        Assert.Equal(0.5, distributions.Normal(2f).cdf(tensor(2f)).item<float>(), 1e-7);
        Assert.Equal(Math.Exp(0.5 + LogSqrtTwoPi), standard.perplexity().item<float>(), 1e-5);
    }
}
