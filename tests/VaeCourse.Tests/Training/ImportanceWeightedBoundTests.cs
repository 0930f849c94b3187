using MiniTorch;
using VaeCourse.Models;
using VaeCourse.Tests.TestSupport;
using VaeCourse.Training;
using static MiniTorch.torch;

namespace VaeCourse.Tests.Training;

[Collection(SeededModelsCollection.Name)]
public class ImportanceWeightedBoundTests
{
    private static double LogNormal(double value, double mean, double logVariance) =>
        -0.5 * (Math.Log(2 * Math.PI) + logVariance + (value - mean) * (value - mean) / Math.Exp(logVariance));

    [Fact]
    public void One_sample_equals_minus_bce_minus_log_q_plus_log_p_at_the_forward_pass_z()
    {
        // With K = 1 the bound is the one-sample ELBO estimate log p(x|z) + log p(z) − log q(z|x) at the z that
        // forward() draws after the same seed; its BCE part is exactly the training loss's.
        manual_seed(1);
        var model = new Vae(inputDim: 784, hiddenDim: 32, latentDim: 3);
        var x = PrototypeImages.Generate(5, 784, classes: 2, flip: 0.1, seed: 1);

        manual_seed(42);
        double[] bound = ImportanceWeightedBound.LogLikelihood(model, x, samples: 1);
        manual_seed(42);
        Tensor recon, mu, logvar;
        using (no_grad()) (recon, mu, logvar) = model.forward(x);
        manual_seed(42);
        float[] eps = randn(5, 3).ToArray();

        float[] r = recon.ToArray(), t = x.ToArray(), m = mu.ToArray(), lv = logvar.ToArray();
        for (int b = 0; b < 5; b++)
        {
            double bce = 0, logQ = 0, logP = 0;
            for (int i = 0; i < 784; i++)
                bce -= t[b * 784 + i] * Math.Max(Math.Log(r[b * 784 + i]), -100) + (1 - t[b * 784 + i]) * Math.Max(Math.Log(1 - r[b * 784 + i]), -100);
            for (int j = 0; j < 3; j++)
            {
                int k = b * 3 + j;
                double z = m[k] + Math.Exp(0.5 * lv[k]) * eps[k];
                logQ += LogNormal(z, m[k], lv[k]);
                logP += LogNormal(z, 0, 0);
            }
            double expected = -bce - logQ + logP;
            Assert.True(Math.Abs(expected - bound[b]) < 1e-4 * Math.Abs(expected), $"image {b}: expected {expected}, got {bound[b]}");
        }
        Assert.True(model.training, "the call must restore training mode");
    }

    [Fact]
    public void One_sample_bound_averages_to_the_elbo_with_the_closed_form_kl()
    {
        // E_ε[L₁] = −E[BCE] − KL. With the same ε the BCE terms cancel, so L₁ + BCE + KL_closed averages to 0.
        manual_seed(2);
        var model = new Vae(inputDim: 784, hiddenDim: 32, latentDim: 3);
        model.eval();
        var x = PrototypeImages.Generate(4, 784, classes: 2, flip: 0.1, seed: 2);
        const int repeats = 2000;
        var differences = new List<double>();
        for (int rep = 0; rep < repeats; rep++)
        {
            manual_seed(1000 + rep);
            double[] bound = ImportanceWeightedBound.LogLikelihood(model, x, samples: 1);
            manual_seed(1000 + rep);
            using var _ = no_grad();
            var (recon, mu, logvar) = model.forward(x);
            for (int b = 0; b < 4; b++)
            {
                var rows = tensor(new long[] { b });
                var (_, bce, kl) = Losses.VaeLoss(recon.index_select(0, rows), x.index_select(0, rows), mu.index_select(0, rows), logvar.index_select(0, rows));
                differences.Add(bound[b] + bce.item<float>() + kl.item<float>());
            }
        }
        double mean = differences.Average();
        double se = Math.Sqrt(differences.Select(d => (d - mean) * (d - mean)).Sum() / (differences.Count - 1) / differences.Count);
        Assert.True(Math.Abs(mean) < 4 * se, $"mean difference {mean} ± {se}");
        Assert.True(differences.Any(d => Math.Abs(d) > 1e-2), "single draws should differ from the closed form");
    }

    [Fact]
    public void Many_samples_converge_to_the_exact_likelihood_of_a_one_dimensional_latent_model()
    {
        // With one latent dimension, log p(x) = log ∫ p(x|z) N(z; 0, 1) dz is a 1-D integral: compute it by the
        // trapezoidal rule on [−10, 10] (the prior's mass outside is < 1e-22) and compare.
        manual_seed(3);
        var model = new Vae(inputDim: 12, hiddenDim: 16, latentDim: 1);
        // Sharpen the decoder so p(x|z) depends strongly on z: then q(z|x) (an untrained encoder) is far from the true
        // posterior and the ELBO lies well below log p(x).
        using (no_grad())
            foreach (string name in new[] { "fc3.weight", "fc4.weight" })
                model.state_dict()[name].copy_(model.state_dict()[name] * 3);
        var x = PrototypeImages.Generate(3, 12, classes: 2, flip: 0.2, seed: 3);
        float[] t = x.ToArray();

        const int points = 8001;
        var grid = new float[points];
        for (int i = 0; i < points; i++) grid[i] = (float)(-10 + 20.0 * i / (points - 1));
        float[] probabilities;
        using (no_grad()) probabilities = model.decode(tensor(grid, new long[] { points, 1 })).ToArray();

        manual_seed(4);
        double[] large = ImportanceWeightedBound.LogLikelihood(model, x, samples: 20000);
        manual_seed(5);
        double[] single = Enumerable.Range(0, 200).Select(_ => ImportanceWeightedBound.LogLikelihood(model, x, samples: 1))
            .Aggregate(new double[3], (acc, v) => acc.Zip(v, (a, b) => a + b / 200).ToArray());

        for (int b = 0; b < 3; b++)
        {
            double integral = 0, h = 20.0 / (points - 1);
            for (int i = 0; i < points; i++)
            {
                double logLik = 0;
                for (int d = 0; d < 12; d++)
                {
                    double p = probabilities[i * 12 + d];
                    // Logs clamped at −100, as the bound's Bernoulli likelihood (and BCE) define them.
                    logLik += t[b * 12 + d] * Math.Max(Math.Log(p), -100) + (1 - t[b * 12 + d]) * Math.Max(Math.Log(1 - p), -100);
                }
                double weight = i == 0 || i == points - 1 ? 0.5 : 1;
                integral += weight * h * Math.Exp(logLik + LogNormal(grid[i], 0, 0));
            }
            double exact = Math.Log(integral);
            // One K=20000 estimate scatters by about 0.01 nats around log p(x) here (measured over seeds); a wrong
            // constant (log 2π, log K) or sign would move it by a nat or more.
            Assert.True(Math.Abs(large[b] - exact) < 0.05, $"image {b}: K=20000 gives {large[b]}, exact log p(x) = {exact}");
            Assert.True(single[b] < exact - 0.1, $"image {b}: the ELBO {single[b]} must lie below log p(x) = {exact}");
        }
    }

    [Fact]
    public void Bound_grows_with_k_for_a_trained_model()
    {
        var train = PrototypeImages.Generate(1024, 784, classes: 10, flip: 0.05, seed: 31, prototypeSeed: 7);
        var test = PrototypeImages.Generate(200, 784, classes: 10, flip: 0.05, seed: 32, prototypeSeed: 7);
        var model = Trainer.Train(() => new Vae(hiddenDim: 64, latentDim: 4), train, test,
            new TrainingOptions { Epochs = 4, BatchSize = 32, Seed = 3 }).Model;

        var means = new Dictionary<int, double>();
        foreach (int k in new[] { 1, 10, 100 })
        {
            manual_seed(50 + k);
            means[k] = ImportanceWeightedBound.MeanLogLikelihood(model, test, samples: k);
        }
        // Burda et al. (2016), Theorem 1: E[L_K] is non-decreasing in K and bounded by log p(x).
        Assert.True(means[10] > means[1] && means[100] > means[10], $"L1 {means[1]:F2}, L10 {means[10]:F2}, L100 {means[100]:F2}");
        double floor = 784 * PrototypeImages.BinaryEntropy(0.05);
        Assert.True(-means[100] > floor, $"−L100 = {-means[100]:F2} cannot beat the noise entropy {floor:F2}");
    }

    [Fact]
    public void Invalid_arguments_are_rejected()
    {
        var model = new Vae(hiddenDim: 8, latentDim: 2);
        Assert.Contains("at least 1", Assert.Throws<ArgumentException>(() => ImportanceWeightedBound.LogLikelihood(model, rand(2, 784), 0)).Message);
        Assert.Throws<ArgumentException>(() => ImportanceWeightedBound.MeanLogLikelihood(model, rand(2, 784), 1, batchSize: 0));
        Assert.Throws<ArgumentException>(() => ImportanceWeightedBound.LogLikelihood(model, rand(2, 100), 1));
    }
}
