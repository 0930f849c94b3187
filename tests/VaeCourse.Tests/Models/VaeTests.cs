using MiniTorch;
using VaeCourse.Models;
using VaeCourse.Tests.TestSupport;
using static MiniTorch.torch;
using static VaeCourse.Tests.TestSupport.ReferenceLayers;

namespace VaeCourse.Tests.Models;

[Collection(SeededModelsCollection.Name)]
public class VaeTests
{
    [Fact]
    public void Default_model_has_the_pytorch_example_layers_in_order()
    {
        var model = new Vae();
        var expected = new (string, long[])[]
        {
            ("fc1.weight", new long[] { 400, 784 }), ("fc1.bias", new long[] { 400 }),
            ("fc21.weight", new long[] { 20, 400 }), ("fc21.bias", new long[] { 20 }),
            ("fc22.weight", new long[] { 20, 400 }), ("fc22.bias", new long[] { 20 }),
            ("fc3.weight", new long[] { 400, 20 }), ("fc3.bias", new long[] { 400 }),
            ("fc4.weight", new long[] { 784, 400 }), ("fc4.bias", new long[] { 784 }),
        };
        var actual = model.named_parameters().Select(p => (p.name, p.parameter.shape)).ToArray();
        Assert.Equal(expected.Select(e => e.Item1), actual.Select(a => a.name));
        for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i].Item2, actual[i].shape);
        Assert.Equal(20, model.LatentDim);
        Assert.Null(model.LogvarClamp);
    }

    [Fact]
    public void Hidden_and_latent_sizes_are_configurable()
    {
        var model = new Vae(hiddenDim: 64, latentDim: 2);
        var sd = model.state_dict();
        Assert.Equal(new long[] { 64, 784 }, sd["fc1.weight"].shape);
        Assert.Equal(new long[] { 2, 64 }, sd["fc22.weight"].shape);
        Assert.Equal(new long[] { 64, 2 }, sd["fc3.weight"].shape);
        var (recon, mu, logvar) = model.forward(rand(3, 784));
        Assert.Equal(new long[] { 3, 784 }, recon.shape);
        Assert.Equal(new long[] { 3, 2 }, mu.shape);
        Assert.Equal(new long[] { 3, 2 }, logvar.shape);
    }

    [Fact]
    public void Encode_and_decode_match_a_hand_computed_network()
    {
        manual_seed(3);
        var model = new Vae(inputDim: 6, hiddenDim: 5, latentDim: 3);
        var sd = model.state_dict();
        var x = rand(4, 6);
        var z = randn(4, 3);
        var (mu, logvar) = model.encode(x);
        var recon = model.decode(z);
        for (int b = 0; b < 4; b++)
        {
            double[] h1 = Relu(Linear(Row(x, b), sd["fc1.weight"], sd["fc1.bias"]));
            AssertClose(Linear(h1, sd["fc21.weight"], sd["fc21.bias"]), Row(mu, b), 1e-5);
            AssertClose(Linear(h1, sd["fc22.weight"], sd["fc22.bias"]), Row(logvar, b), 1e-5);
            double[] h3 = Relu(Linear(Row(z, b), sd["fc3.weight"], sd["fc3.bias"]));
            AssertClose(Sigmoid(Linear(h3, sd["fc4.weight"], sd["fc4.bias"])), Row(recon, b), 1e-6);
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Forward_decodes_mu_plus_sigma_times_a_seeded_normal_draw_in_both_modes(bool training)
    {
        manual_seed(5);
        var model = new Vae(inputDim: 6, hiddenDim: 5, latentDim: 3);
        model.train(training);
        var sd = model.state_dict();
        var x = rand(4, 6);

        manual_seed(11);
        var (recon, mu, logvar) = model.forward(x);
        manual_seed(11);
        var eps = randn(4, 3);   // what randn_like(σ) draws after the same seed

        for (int b = 0; b < 4; b++)
        {
            double[] m = Row(mu, b), lv = Row(logvar, b), e = Row(eps, b);
            double[] z = m.Select((v, j) => v + Math.Exp(0.5 * lv[j]) * e[j]).ToArray();
            double[] h3 = Relu(Linear(z, sd["fc3.weight"], sd["fc3.bias"]));
            AssertClose(Sigmoid(Linear(h3, sd["fc4.weight"], sd["fc4.bias"])), Row(recon, b), 1e-5);
        }

        // A second pass draws a new ε: z is sampled, not set to μ, even in evaluation mode.
        var (again, _, _) = model.forward(x);
        Assert.NotEqual(recon.ToArray(), again.ToArray());
    }

    [Fact]
    public void Forward_accepts_images_shaped_1x28x28()
    {
        var model = new Vae();
        var (recon, mu, _) = model.forward(rand(2, 1, 28, 28));
        Assert.Equal(new long[] { 2, 784 }, recon.shape);
        Assert.Equal(new long[] { 2, 20 }, mu.shape);
        Assert.All(recon.ToArray(), p => Assert.InRange(p, 0f, 1f));
    }

    [Fact]
    public void Wrong_input_sizes_are_reported_with_both_shapes()
    {
        var model = new Vae();
        var e1 = Assert.Throws<ArgumentException>(() => model.encode(rand(2, 100)));
        Assert.Contains("Vae.encode", e1.Message);
        Assert.Contains("(B,784)", e1.Message);
        Assert.Contains("(2,100)", e1.Message);
        var e2 = Assert.Throws<ArgumentException>(() => model.decode(rand(2, 7)));
        Assert.Contains("(B,20)", e2.Message);
        var e3 = Assert.Throws<ArgumentException>(() => model.forward(rand(3, 700)));
        Assert.Contains("(3,700)", e3.Message);
        Assert.Throws<ArgumentException>(() => new Vae(latentDim: 0));
    }

    [Fact]
    public void Reparameterized_z_has_the_requested_mean_and_variance()
    {
        double[] means = { 0.5, -2.0, 3.0 };
        double[] variances = { 4.0, 0.25, 1.0 };
        const int n = 200_000;
        var mu = new float[n * 3];
        var logvar = new float[n * 3];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < 3; j++) { mu[i * 3 + j] = (float)means[j]; logvar[i * 3 + j] = (float)Math.Log(variances[j]); }

        manual_seed(17);
        float[] z = Vae.reparameterize(tensor(mu, new long[] { n, 3 }), tensor(logvar, new long[] { n, 3 })).ToArray();

        for (int j = 0; j < 3; j++)
        {
            double sum = 0, sumSq = 0;
            for (int i = 0; i < n; i++) { double v = z[i * 3 + j]; sum += v; sumSq += v * v; }
            double mean = sum / n, variance = (sumSq - n * mean * mean) / (n - 1);
            // Standard errors of a normal sample: σ/√n for the mean, σ²·√(2/(n−1)) for the variance.
            double seMean = Math.Sqrt(variances[j] / n), seVariance = variances[j] * Math.Sqrt(2.0 / (n - 1));
            Assert.True(Math.Abs(mean - means[j]) < 4 * seMean, $"dim {j}: mean {mean}, expected {means[j]} ± {4 * seMean}");
            Assert.True(Math.Abs(variance - variances[j]) < 4 * seVariance, $"dim {j}: variance {variance}, expected {variances[j]} ± {4 * seVariance}");
        }
    }

    [Fact]
    public void Gradient_flows_to_mu_and_logvar_through_z()
    {
        manual_seed(2);
        var mu = randn(new long[] { 5, 4 }, requires_grad: true);
        var logvar = randn(new long[] { 5, 4 }, requires_grad: true);
        var w = randn(5, 4);
        var z = Vae.reparameterize(mu, logvar);
        (z * w).sum().backward();

        // z = μ + exp(½ log σ²)·ε  ⇒  ∂z/∂μ = 1,  ∂z/∂log σ² = ½ σ ε = ½ (z − μ).
        float[] zv = z.ToArray(), mv = mu.ToArray(), wv = w.ToArray();
        float[] gMu = mu.grad!.ToArray(), gLogvar = logvar.grad!.ToArray();
        for (int i = 0; i < 20; i++)
        {
            Assert.Equal(wv[i], gMu[i], 6);
            Assert.Equal(wv[i] * 0.5 * (zv[i] - mv[i]), gLogvar[i], 4);
        }
        Assert.Contains(gLogvar, g => Math.Abs(g) > 1e-3);
    }

    [Fact]
    public void Logvar_clamp_is_off_by_default_and_limits_logvar_when_set()
    {
        foreach (double bias in new[] { 50.0, -50.0 })
        {
            manual_seed(4);
            var plain = new Vae(inputDim: 6, hiddenDim: 5, latentDim: 3);
            manual_seed(4);
            var clamped = new Vae(inputDim: 6, hiddenDim: 5, latentDim: 3, logvarClamp: 10);
            using (no_grad())
                foreach (var model in new[] { plain, clamped }) model.state_dict()["fc22.bias"].copy_(full(new long[] { 3 }, bias));
            var x = rand(2, 6);

            float[] free = plain.encode(x).logvar.ToArray();
            float[] limited = clamped.encode(x).logvar.ToArray();
            Assert.All(free, v => Assert.True(Math.Abs(v) > 40, $"unclamped log σ² should follow the bias, got {v}"));
            Assert.All(limited, v => Assert.Equal(Math.Sign(bias) * 10f, v));
            Assert.Equal(plain.encode(x).mu.ToArray(), clamped.encode(x).mu.ToArray());
        }
        Assert.Throws<ArgumentException>(() => new Vae(logvarClamp: 0));
    }

    private static void AssertClose(double[] expected, double[] actual, double tolerance)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance * Math.Max(1, Math.Abs(expected[i])),
                $"element {i}: expected {expected[i]}, got {actual[i]}");
    }
}
