using MiniTorch;
using VaeCourse.Tests.TestSupport;
using static MiniTorch.torch;

namespace VaeCourse.Tests.Engine.Distributions;

/// <summary>kl_divergence(Normal, Normal): the closed form, a Monte-Carlo estimate, the VAE's KL term, gradients.</summary>
public class KullbackLeiblerTests
{
    private static readonly float[] MuP = { 0.5f, -1f, 2f }, SigmaP = { 1f, 0.3f, 2f };
    private static readonly float[] MuQ = { 0f, 0.5f, 1.5f }, SigmaQ = { 1.5f, 1f, 0.8f };

    // KL(N(a, s²) ‖ N(b, t²)) = log(t/s) + (s² + (a − b)²)/(2t²) − ½, in double.
    private static double ClosedForm(double a, double s, double b, double t) =>
        Math.Log(t / s) + (s * s + (a - b) * (a - b)) / (2 * t * t) - 0.5;

    [Fact]
    public void Matches_the_closed_form_and_is_zero_for_equal_distributions()
    {
        var p = distributions.Normal(tensor(MuP), tensor(SigmaP));
        var q = distributions.Normal(tensor(MuQ), tensor(SigmaQ));
        float[] kl = distributions.kl_divergence(p, q).ToArray();
        for (int i = 0; i < 3; i++) Assert.Equal(ClosedForm(MuP[i], SigmaP[i], MuQ[i], SigmaQ[i]), kl[i], 1e-5);
        Assert.All(distributions.kl_divergence(p, p).ToArray(), v => Assert.Equal(0f, v, 1e-6));
    }

    [Fact]
    public void Matches_a_monte_carlo_estimate_which_rejects_the_reversed_divergence()
    {
        const int N = 200_000;
        var p = distributions.Normal(tensor(MuP), tensor(SigmaP), new Generator(17));
        var q = distributions.Normal(tensor(MuQ), tensor(SigmaQ));
        Tensor z = p.sample(N);                                   // (N, 3)
        float[] logRatio = (p.log_prob(z) - q.log_prob(z)).ToArray();
        float[] kl = distributions.kl_divergence(p, q).ToArray();
        float[] reversed = distributions.kl_divergence(q, p).ToArray();   // the planted bug: KL(q‖p)
        for (int i = 0; i < 3; i++)
        {
            double[] r = Enumerable.Range(0, N).Select(k => (double)logRatio[3 * k + i]).ToArray();
            double mean = r.Average();
            double standardError = Math.Sqrt(r.Sum(v => (v - mean) * (v - mean)) / (N - 1) / N);
            Assert.True(Math.Abs(kl[i] - mean) < 4 * standardError, $"KL {kl[i]} vs Monte Carlo {mean} ± {standardError}");
            Assert.True(Math.Abs(reversed[i] - mean) > 4 * standardError, $"reversed KL {reversed[i]} was not rejected");
        }
    }

    [Fact]
    public void Equals_the_vae_kl_term_against_the_standard_normal()
    {
        // The VAE's −½(1 + log σ² − μ² − σ²) for q = N(μ, σ²), p = N(0, 1).
        float[] mu = { 0.3f, -1.2f }, logvar = { -0.5f, 0.7f };
        var q = distributions.Normal(tensor(mu), tensor(logvar).mul(0.5).exp());
        float[] kl = distributions.kl_divergence(q, distributions.Normal(zeros(2), ones(2))).ToArray();
        for (int i = 0; i < 2; i++)
            Assert.Equal(-0.5 * (1 + logvar[i] - mu[i] * mu[i] - Math.Exp(logvar[i])), kl[i], 1e-5);
    }

    [Fact]
    public void Gradient_in_all_four_parameters() => GradCheck.Verify(
        t => distributions.kl_divergence(distributions.Normal(t[0], t[1]), distributions.Normal(t[2], t[3])),
        new[]
        {
            TestTensors.Uniform(new long[] { 3 }, -1, 1, seed: 1), TestTensors.Uniform(new long[] { 3 }, 0.5, 2, seed: 2),
            TestTensors.Uniform(new long[] { 3 }, -1, 1, seed: 3), TestTensors.Uniform(new long[] { 3 }, 0.5, 2, seed: 4),
        }, h: 1e-3);
}
