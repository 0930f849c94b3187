using MiniTorch;
using VaeCourse.Tests.TestSupport;
using VaeCourse.Training;
using static MiniTorch.torch;

namespace VaeCourse.Tests.Training;

[Collection(SeededModelsCollection.Name)]
public class LossesTests
{
    // −[t log x + (1−t) log(1−x)] with PyTorch's clamp of each log at −100, summed, in double.
    private static double ReferenceBce(float[] recon, float[] x)
    {
        double sum = 0;
        for (int i = 0; i < x.Length; i++)
            sum -= x[i] * Math.Max(Math.Log(recon[i]), -100) + (1 - x[i]) * Math.Max(Math.Log(1 - recon[i]), -100);
        return sum;
    }

    // −½ Σ (1 + log σ² − μ² − σ²) over rows and latent dimensions, in double.
    private static double ReferenceKl(float[] mu, float[] logvar, int rows, int latent)
    {
        double sum = 0;
        for (int b = 0; b < rows; b++)
            for (int j = 0; j < latent; j++)
            {
                int i = b * latent + j;
                sum += 1 + logvar[i] - (double)mu[i] * mu[i] - Math.Exp(logvar[i]);
            }
        return -0.5 * sum;
    }

    private static (Tensor recon, Tensor x, Tensor mu, Tensor logvar) Batch(int seed)
    {
        manual_seed(seed);
        var recon = rand(4, 10) * 0.98 + 0.01;
        var x = rand(4, 10);
        return (recon, x, randn(4, 3), randn(4, 3));
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(4.0)]
    [InlineData(0.0)]
    public void Vae_loss_is_summed_bce_plus_beta_times_kl(double beta)
    {
        var (recon, x, mu, logvar) = Batch(1);
        var (loss, bce, kl) = Losses.VaeLoss(recon, x, mu, logvar, beta);

        double expectedBce = ReferenceBce(recon.ToArray(), x.ToArray());
        double expectedKl = ReferenceKl(mu.ToArray(), logvar.ToArray(), 4, 3);
        Assert.Equal(expectedBce, bce.item<float>(), expectedBce * 1e-5);
        Assert.Equal(expectedKl, kl.item<float>(), expectedKl * 1e-5);
        Assert.Equal(expectedBce + beta * expectedKl, loss.item<float>(), (expectedBce + beta * expectedKl) * 1e-5);
        Assert.Empty(loss.shape);
    }

    [Fact]
    public void Bce_clamps_each_log_at_minus_100_for_saturated_outputs()
    {
        var recon = tensor(new float[] { 0f, 1f, 1f, 0.5f }, new long[] { 1, 4 });
        var x = tensor(new float[] { 1f, 0f, 1f, 0.25f }, new long[] { 1, 4 });
        var (_, bce, _) = Losses.VaeLoss(recon, x, zeros(1, 2), zeros(1, 2));
        // 100 (log 0 → −100) + 100 + 0 + ln 2.
        Assert.Equal(200 + Math.Log(2), bce.item<float>(), 1e-3);
        Assert.Equal(ReferenceBce(recon.ToArray(), x.ToArray()), bce.item<float>(), 1e-3);
    }

    [Fact]
    public void Reconstruction_may_be_flat_while_images_are_1x28x28()
    {
        manual_seed(2);
        var recon = rand(2, 784) * 0.9 + 0.05;
        var images = rand(2, 1, 28, 28);
        var mu = randn(2, 20);
        var logvar = randn(2, 20);
        float shaped = Losses.VaeLoss(recon, images, mu, logvar).loss.item<float>();
        float flat = Losses.VaeLoss(recon, images.view(2, 784), mu, logvar).loss.item<float>();
        Assert.Equal(flat, shaped);
        var e = Assert.Throws<ArgumentException>(() => Losses.VaeLoss(recon, rand(3, 784), mu, logvar));
        Assert.Contains("(2,784)", e.Message);
        Assert.Contains("(3,784)", e.Message);
        Assert.Throws<ArgumentException>(() => Losses.KlDivergence(randn(2, 20), randn(2, 19)));
        Assert.Throws<ArgumentException>(() => Losses.VaeLoss(recon, images, mu, logvar, beta: -1));
    }

    [Fact]
    public void Kl_is_exactly_zero_at_the_prior_and_positive_elsewhere()
    {
        Assert.Equal(0f, Losses.KlDivergence(zeros(3, 5), zeros(3, 5)).item<float>());

        var mu = new float[] { 0f, 0.1f, 0f, -2f, 1e-2f };
        var logvar = new float[] { 0.1f, 0f, -3f, 0f, 1e-2f };
        for (int i = 0; i < mu.Length; i++)
        {
            float kl = Losses.KlDivergence(tensor(new[] { mu[i] }, new long[] { 1, 1 }), tensor(new[] { logvar[i] }, new long[] { 1, 1 })).item<float>();
            Assert.True(kl > 0, $"KL at μ={mu[i]}, log σ²={logvar[i]} should be positive, got {kl}");
            Assert.Equal(ReferenceKl(new[] { mu[i] }, new[] { logvar[i] }, 1, 1), kl, 1e-6);
        }
    }

    [Fact]
    public void Kl_closed_form_agrees_with_a_monte_carlo_estimate()
    {
        double[] mu = { 0.5, -1.0, 2.0 };
        double[] logvar = { Math.Log(0.3), Math.Log(2.0), 0.0 };
        double closed = Losses.KlDivergence(
            tensor(mu.Select(v => (float)v).ToArray(), new long[] { 1, 3 }),
            tensor(logvar.Select(v => (float)v).ToArray(), new long[] { 1, 3 })).item<float>();

        // KL = E_q[log q(z) − log p(z)], z ~ q = N(μ, σ²), with draws from System.Random (Box–Muller), not the engine.
        var random = new Random(12345);
        const int draws = 400_000;
        double sum = 0, sumSq = 0;
        for (int n = 0; n < draws; n++)
        {
            double logRatio = 0;
            for (int j = 0; j < 3; j++)
            {
                double eps = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
                double sigma = Math.Exp(0.5 * logvar[j]);
                double z = mu[j] + sigma * eps;
                double logQ = -0.5 * (Math.Log(2 * Math.PI) + logvar[j] + eps * eps);
                double logP = -0.5 * (Math.Log(2 * Math.PI) + z * z);
                logRatio += logQ - logP;
            }
            sum += logRatio;
            sumSq += logRatio * logRatio;
        }
        double mean = sum / draws;
        double standardError = Math.Sqrt((sumSq / draws - mean * mean) / draws);
        Assert.True(Math.Abs(mean - closed) < 4 * standardError,
            $"closed form {closed}, Monte Carlo {mean} ± {standardError} (4 SE allowed)");
        Assert.True(standardError < 0.01, $"the estimate should be sharp enough to mean something, SE = {standardError}");
    }

    [Fact]
    public void Kl_gradients_are_mu_and_half_of_sigma_squared_minus_one()
    {
        manual_seed(9);
        var mu = randn(new long[] { 4, 3 }, requires_grad: true);
        var logvar = randn(new long[] { 4, 3 }, requires_grad: true);
        Losses.KlDivergence(mu, logvar).backward();
        float[] m = mu.ToArray(), lv = logvar.ToArray(), gMu = mu.grad!.ToArray(), gLv = logvar.grad!.ToArray();
        for (int i = 0; i < m.Length; i++)
        {
            Assert.Equal(m[i], gMu[i], 6);
            Assert.Equal(0.5 * (Math.Exp(lv[i]) - 1), gLv[i], 5);
        }
    }

    [Fact]
    public void Beta_scales_only_the_kl_gradient()
    {
        var (recon, x, mu, logvar) = Batch(4);
        recon.requires_grad = true;
        mu.requires_grad = true;
        Losses.VaeLoss(recon, x, mu, logvar, beta: 3.0).loss.backward();
        float[] r = recon.ToArray(), t = x.ToArray(), gRecon = recon.grad!.ToArray(), m = mu.ToArray(), gMu = mu.grad!.ToArray();
        // ∂BCE/∂x̂ = (x̂ − x) / (x̂(1 − x̂)); ∂(β KL)/∂μ = β μ.
        for (int i = 0; i < r.Length; i++) Assert.Equal((r[i] - t[i]) / (r[i] * (1.0 - r[i])), gRecon[i], 3);
        for (int i = 0; i < m.Length; i++) Assert.Equal(3.0 * m[i], gMu[i], 5);
    }

    [Fact]
    public void Autoencoder_loss_is_the_summed_squared_error()
    {
        var (recon, x, _, _) = Batch(6);
        float[] r = recon.ToArray(), t = x.ToArray();
        double expected = r.Select((v, i) => (double)(v - t[i]) * (v - t[i])).Sum();
        Assert.Equal(expected, Losses.AutoencoderLoss(recon, x).item<float>(), expected * 1e-5);
        Assert.Throws<ArgumentException>(() => Losses.AutoencoderLoss(recon, rand(4, 11)));
    }
}
