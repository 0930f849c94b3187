using MiniTorch;
using VaeCourse.Data;
using VaeCourse.Models;
using VaeCourse.Tests.TestSupport;
using VaeCourse.Tests.Training;
using VaeCourse.Training;
using static MiniTorch.torch;

namespace VaeCourse.Tests.Models;

[Collection(SeededModelsCollection.Name)]
public class ConvVaeTests
{
    [Fact]
    public void Default_model_has_the_documented_layers_in_order()
    {
        var model = new ConvVae();
        var expected = new (string, long[])[]
        {
            ("conv1.weight", new long[] { 32, 1, 4, 4 }), ("conv1.bias", new long[] { 32 }),
            ("conv2.weight", new long[] { 64, 32, 4, 4 }), ("conv2.bias", new long[] { 64 }),
            ("fc_mu.weight", new long[] { 20, 3136 }), ("fc_mu.bias", new long[] { 20 }),
            ("fc_logvar.weight", new long[] { 20, 3136 }), ("fc_logvar.bias", new long[] { 20 }),
            ("fc_decode.weight", new long[] { 3136, 20 }), ("fc_decode.bias", new long[] { 3136 }),
            ("deconv1.weight", new long[] { 64, 32, 4, 4 }), ("deconv1.bias", new long[] { 32 }),
            ("deconv2.weight", new long[] { 32, 1, 4, 4 }), ("deconv2.bias", new long[] { 1 }),
        };
        var actual = model.named_parameters().Select(p => (p.name, p.parameter.shape)).ToArray();
        Assert.Equal(expected.Select(e => e.Item1), actual.Select(a => a.name));
        for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i].Item2, actual[i].shape);
        Assert.Equal(expected.Select(e => e.Item1), model.state_dict().Keys);
        Assert.Equal(20, model.LatentDim);
        Assert.Null(model.LogvarClamp);
    }

    [Theory]
    [InlineData(20, 258_025)]   // 544 + 32,832 + 2·62,740 + 65,856 + 32,800 + 513, added up by hand
    [InlineData(2, 88_645)]     // 544 + 32,832 + 2·6,274 + 9,408 + 32,800 + 513
    public void Parameter_count_follows_the_formula(long latentDim, long expected)
    {
        var model = new ConvVae(latentDim: latentDim);
        long counted = model.parameters().Sum(p => p.numel());
        Assert.Equal(expected, counted);
        Assert.Equal(expected, ConvVae.ParameterCount(latentDim));
        Assert.Equal(9410 * latentDim + 69_825, counted);
    }

    [Fact]
    public void Both_input_layouts_give_the_same_flat_reconstruction()
    {
        manual_seed(1);
        var model = new ConvVae(latentDim: 3);
        var images = rand(5, 1, 28, 28);

        manual_seed(2);
        var (recon4d, mu4d, logvar4d) = model.forward(images);
        manual_seed(2);
        var (recon2d, mu2d, logvar2d) = model.forward(images.view(5, 784));

        Assert.Equal(new long[] { 5, 784 }, recon4d.shape);   // the layout Vae returns, so the loss code is shared
        Assert.Equal(new long[] { 5, 3 }, mu4d.shape);
        Assert.Equal(new long[] { 5, 3 }, logvar4d.shape);
        Assert.Equal(recon4d.ToArray(), recon2d.ToArray());
        Assert.Equal(mu4d.ToArray(), mu2d.ToArray());
        Assert.Equal(logvar4d.ToArray(), logvar2d.ToArray());
        Assert.All(recon4d.ToArray(), p => Assert.InRange(p, 0f, 1f));
    }

    [Fact]
    public void Encode_reparameterize_and_decode_have_the_documented_shapes()
    {
        var model = new ConvVae(latentDim: 7);
        var (mu, logvar) = model.encode(rand(3, 784));
        Assert.Equal(new long[] { 3, 7 }, mu.shape);
        Assert.Equal(new long[] { 3, 7 }, logvar.shape);
        Tensor z = ConvVae.reparameterize(mu, logvar);
        Assert.Equal(new long[] { 3, 7 }, z.shape);
        Assert.Equal(new long[] { 3, 784 }, model.decode(z).shape);
        Assert.Equal(new long[] { 1, 784 }, model.decode(randn(1, 7)).shape);
    }

    [Fact]
    public void Encode_and_decode_match_a_direct_double_precision_computation()
    {
        manual_seed(3);
        var model = new ConvVae(latentDim: 4);
        var sd = model.state_dict();
        var x = rand(2, 1, 28, 28);
        var z = randn(2, 4);
        var (mu, logvar) = model.encode(x);
        var recon = model.decode(z);

        for (int b = 0; b < 2; b++)
        {
            double[] image = x.ToArray().Skip(b * 784).Take(784).Select(v => (double)v).ToArray();
            double[] h1 = Relu(Conv2d(image, 1, 28, sd["conv1.weight"], sd["conv1.bias"]));       // 32×14×14
            double[] h2 = Relu(Conv2d(h1, 32, 14, sd["conv2.weight"], sd["conv2.bias"]));         // 64×7×7, flattened C,H,W
            AssertClose(ReferenceLayers.Linear(h2, sd["fc_mu.weight"], sd["fc_mu.bias"]), ReferenceLayers.Row(mu, b), 1e-4);
            AssertClose(ReferenceLayers.Linear(h2, sd["fc_logvar.weight"], sd["fc_logvar.bias"]), ReferenceLayers.Row(logvar, b), 1e-4);

            double[] h3 = Relu(ReferenceLayers.Linear(ReferenceLayers.Row(z, b), sd["fc_decode.weight"], sd["fc_decode.bias"]));
            double[] h4 = Relu(ConvTranspose2d(h3, 64, 7, sd["deconv1.weight"], sd["deconv1.bias"]));   // 32×14×14
            double[] pixels = ReferenceLayers.Sigmoid(ConvTranspose2d(h4, 32, 14, sd["deconv2.weight"], sd["deconv2.bias"]));
            AssertClose(pixels, ReferenceLayers.Row(recon, b), 1e-5);
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Forward_decodes_mu_plus_sigma_times_a_seeded_normal_draw_in_both_modes(bool training)
    {
        manual_seed(5);
        var model = new ConvVae(latentDim: 3);
        model.train(training);
        var x = rand(4, 784);

        manual_seed(11);
        var (recon, mu, logvar) = model.forward(x);
        manual_seed(11);
        var eps = randn(4, 3);   // what randn_like(σ) draws after the same seed

        var z = mu + eps * (0.5 * logvar).exp();
        Assert.Equal(model.decode(z).ToArray(), recon.ToArray());

        // A second pass draws a new ε: z is sampled, not set to μ, even in evaluation mode.
        var (again, _, _) = model.forward(x);
        Assert.NotEqual(recon.ToArray(), again.ToArray());
    }

    [Fact]
    public void Importance_weighted_bound_with_one_sample_is_the_elbo_of_the_forward_pass()
    {
        // The bound's contract (ImportanceWeightedBound): with K = 1 it draws the ε of forward() and returns
        // −(BCE + log q(z|x) − log p(z)), where log p(z) − log q(z|x) = ½ Σ (log σ² + ε² − z²). This holds only if
        // decode returns one row of 784 Bernoulli means per image, as the bound expects.
        manual_seed(8);
        var model = new ConvVae(latentDim: 3);
        var x = PrototypeImages.Generate(3, 784, classes: 2, flip: 0.1, seed: 8).view(3, 1, 28, 28);

        manual_seed(21);
        double[] bound = ImportanceWeightedBound.LogLikelihood(model, x, samples: 1);
        manual_seed(21);
        var (recon, mu, logvar) = model.forward(x);
        manual_seed(21);
        float[] eps = randn(3, 3).ToArray(), r = recon.ToArray(), m = mu.ToArray(), lv = logvar.ToArray(), target = x.ToArray();

        for (int b = 0; b < 3; b++)
        {
            double elbo = 0;
            for (int i = b * 784; i < (b + 1) * 784; i++)
                elbo += target[i] * Math.Max(Math.Log(r[i]), -100) + (1 - target[i]) * Math.Max(Math.Log(1 - (double)r[i]), -100);
            for (int j = b * 3; j < (b + 1) * 3; j++)
            {
                double z = m[j] + Math.Exp(0.5 * lv[j]) * eps[j];
                elbo += 0.5 * (lv[j] + (double)eps[j] * eps[j] - z * z);
            }
            Assert.True(Math.Abs(bound[b] - elbo) < 1e-3 * Math.Abs(elbo), $"image {b}: bound {bound[b]}, ELBO {elbo}");
        }
    }

    [Fact]
    public void Wrong_shapes_are_reported_with_what_was_expected_and_found()
    {
        var model = new ConvVae();
        var e1 = Assert.Throws<ArgumentException>(() => model.encode(rand(2, 100)));
        Assert.Contains("ConvVae.encode", e1.Message);
        Assert.Contains("(B,784) or (B,1,28,28)", e1.Message);
        Assert.Contains("(2,100)", e1.Message);
        var e2 = Assert.Throws<ArgumentException>(() => model.forward(rand(2, 3, 28, 28)));
        Assert.Contains("(2,3,28,28)", e2.Message);
        var e3 = Assert.Throws<ArgumentException>(() => model.decode(rand(2, 7)));
        Assert.Contains("(B,20)", e3.Message);
        Assert.Contains("(2,7)", e3.Message);
        Assert.Throws<ArgumentException>(() => new ConvVae(latentDim: 0));
        Assert.Throws<ArgumentException>(() => new ConvVae(logvarClamp: -1));
    }

    [Fact]
    public void Logvar_clamp_limits_logvar_when_set()
    {
        manual_seed(4);
        var model = new ConvVae(latentDim: 3, logvarClamp: 5);
        using (no_grad()) model.state_dict()["fc_logvar.bias"].copy_(full(new long[] { 3 }, 80.0));
        Assert.All(model.encode(rand(2, 784)).logvar.ToArray(), v => Assert.Equal(5f, v));
    }

    [Fact]
    public void One_backward_of_the_vae_loss_reaches_every_parameter_with_the_right_gradient()
    {
        manual_seed(6);
        var model = new ConvVae(latentDim: 5);
        var x = PrototypeImages.Generate(4, 784, classes: 2, flip: 0.1, seed: 6).view(4, 1, 28, 28);
        manual_seed(12);
        var (recon, mu, logvar) = model.forward(x);
        Losses.VaeLoss(recon, x, mu, logvar).loss.backward();

        // Along each parameter's own gradient g, the loss must change by g·Δ for a small step Δ. The step is
        // h·g/|g| as stored in float (the rounded values, not the intended ones, enter g·Δ), and the loss is summed in
        // double from the model's float outputs with the same ε, so what is left is the float noise of the forward pass
        // and the ReLUs' kinks. The ratio measured 0.996–1.006 for every layer at h = 0.001 (on this and another data
        // set; at h = 0.01 the kinks already cost up to 4 %). A wrong gradient of any layer (a missing term, a
        // transposed kernel, a lost bias sum) moves its ratio outside the 2 % allowed.
        const double h = 1e-3;
        float[] target = x.ToArray();
        foreach (var (name, p) in model.named_parameters())
        {
            Assert.NotNull(p.grad);
            float[] g = p.grad!.ToArray();
            Assert.All(g, v => Assert.True(float.IsFinite(v), $"{name}: non-finite gradient {v}"));
            double norm = Math.Sqrt(g.Sum(v => (double)v * v));
            Assert.True(norm > 0, $"{name}: gradient is all zero");

            float[] original = p.ToArray();
            float[] plus = original.Select((v, i) => (float)(v + h * g[i] / norm)).ToArray();
            float[] minus = original.Select((v, i) => (float)(v - h * g[i] / norm)).ToArray();
            double predicted = 0;
            for (int i = 0; i < g.Length; i++) predicted += (double)g[i] * ((double)plus[i] - minus[i]);
            double measured = LossWith(model, p, plus, x, target) - LossWith(model, p, minus, x, target);
            using (no_grad()) p.copy_(tensor(original, p.shape));
            Assert.True(Math.Abs(measured / predicted - 1) < 0.02,
                $"{name}: the loss changed by {measured:G6} where its gradient predicts {predicted:G6}");
        }
    }

    // −ELBO summed in double (BCE with logs clamped at −100, as binary_cross_entropy, plus the closed-form KL) with
    // parameter p set to the given values and the ε of seed 12.
    private static double LossWith(ConvVae model, Tensor p, float[] values, Tensor x, float[] target)
    {
        using var _ = no_grad();
        p.copy_(tensor(values, p.shape));
        manual_seed(12);
        var (recon, mu, logvar) = model.forward(x);
        float[] r = recon.ToArray(), m = mu.ToArray(), lv = logvar.ToArray();
        double loss = 0;
        for (int i = 0; i < r.Length; i++)
            loss -= target[i] * Math.Max(Math.Log(r[i]), -100) + (1 - target[i]) * Math.Max(Math.Log(1 - (double)r[i]), -100);
        for (int j = 0; j < m.Length; j++)
            loss -= 0.5 * (1 + lv[j] - (double)m[j] * m[j] - Math.Exp(lv[j]));
        return loss;
    }

    [Fact]
    public void Training_on_synthetic_images_through_the_shared_trainer_beats_the_mean_image()
    {
        // Noisy copies of a few random binary prototypes (see PrototypeImages): the mean image (453.9 nats here) is the
        // best a decoder that ignores z can do, the entropy of the noise (155.6) the best any model can do.
        var train = PrototypeImages.Generate(512, 784, classes: 4, flip: 0.05, seed: 31, prototypeSeed: 8).view(512, 1, 28, 28);
        var test = PrototypeImages.Generate(128, 784, classes: 4, flip: 0.05, seed: 32, prototypeSeed: 8).view(128, 1, 28, 28);
        double meanImage = TrainerTests.MeanImageBce(train.view(512, 784), test.view(128, 784));
        double floor = 784 * PrototypeImages.BinaryEntropy(0.05);

        var result = Trainer.Train(() => new ConvVae(latentDim: 4), train, test,
            new TrainingOptions { Epochs = 4, BatchSize = 32, Seed = 1, Threads = 2 });
        var epochs = result.History.Epochs;

        // 64 Adam steps measured 222.8–233.2 for seeds 1–3; the bound (≈274) is 40% of the way from the floor to the
        // mean image, reachable only by a model whose reconstruction depends on z.
        Assert.True(epochs[^1].TrainLoss < epochs[0].TrainLoss, $"train loss went from {epochs[0].TrainLoss:F1} to {epochs[^1].TrainLoss:F1}");
        double bound = floor + 0.4 * (meanImage - floor);
        Assert.True(result.History.TestLoss < bound,
            $"test loss {result.History.TestLoss:F1} should be below {bound:F1} (floor {floor:F1}, mean image {meanImage:F1})");
        Assert.True(result.History.TestLoss > floor - 5, $"test loss {result.History.TestLoss:F1} cannot beat the entropy floor {floor:F1}");
    }

    [Fact]
    public void Same_seed_gives_bit_identical_training_on_one_and_two_threads()
    {
        var train = PrototypeImages.Generate(96, 784, classes: 3, flip: 0.1, seed: 41);
        var test = PrototypeImages.Generate(32, 784, classes: 3, flip: 0.1, seed: 42);
        TrainingResult<ConvVae> Run(long seed, int threads) => Trainer.Train(() => new ConvVae(latentDim: 2), train, test,
            new TrainingOptions { Epochs = 1, BatchSize = 32, Seed = seed, Threads = threads });
        static double[] Figures(TrainingHistory h) =>
            h.Epochs.SelectMany(e => new[] { e.TrainLoss, e.TestLoss, e.TrainBce, e.TrainKl }).ToArray();

        var first = Run(seed: 3, threads: 1);
        var second = Run(seed: 3, threads: 2);
        var other = Run(seed: 4, threads: 1);
        Assert.Equal(Figures(first.History), Figures(second.History));   // exact equality of doubles
        foreach (var (name, p) in first.Model.named_parameters())
            Assert.Equal(p.ToArray(), second.Model.state_dict()[name].ToArray());
        Assert.NotEqual(Figures(first.History), Figures(other.History));
    }

    [RequiresMnistFact]
    public void Four_epochs_on_6000_mnist_images_use_the_latent_code()
    {
        string folder = TestData.MnistFolder!;
        DatasetSplit train = Mnist.Load(MnistDataset.Mnist, Split.Train, folder, limit: 6000);
        DatasetSplit test = Mnist.Load(MnistDataset.Mnist, Split.Test, folder, limit: 2000);
        double meanImage = TrainerTests.MeanImageBce(train.Images, test.Images);

        var result = Trainer.Train(() => new ConvVae(), train.ImagesNchw, test.ImagesNchw,
            new TrainingOptions { Epochs = 4, BatchSize = 128, Seed = 1, Threads = 2, Dataset = "mnist" });
        double testLoss = result.History.TestLoss;

        // A decoder that ignores z cannot beat the mean image (200.0 nats per image on these images; see
        // MnistTrainingTests). The conv VAE sits near it for its first ~100 steps and then drops quickly: after 188
        // Adam steps it measured 154.4–171.6 for seeds 1–4 (155.0 for seed 1). The bound, 185, leaves 13 nats above
        // the worst seed and sits 15 below the mean image; below 100 would mean a mis-scaled loss.
        Assert.InRange(meanImage, 195, 205);
        Assert.True(testLoss < 185, $"test loss per image {testLoss:F2} should be below 185 (mean image: {meanImage:F2})");
        Assert.True(testLoss > 100, $"test loss per image {testLoss:F2} is implausibly low after 188 steps");
        Assert.True(result.History.Epochs[^1].TrainLoss < result.History.Epochs[0].TrainLoss);
    }

    // conv2d of one C×S×S image by a (OC, C, 4, 4) weight, stride 2, padding 1, straight from the definition
    // y[o,i,j] = b[o] + Σ w[o,c,kh,kw]·x[c, 2i−1+kh, 2j−1+kw] (zero outside the image).
    private static double[] Conv2d(double[] x, int channels, int side, Tensor weight, Tensor bias)
    {
        float[] w = weight.ToArray(), b = bias.ToArray();
        int outChannels = (int)weight.size(0), outSide = side / 2;
        var y = new double[outChannels * outSide * outSide];
        for (int o = 0; o < outChannels; o++)
            for (int i = 0; i < outSide; i++)
                for (int j = 0; j < outSide; j++)
                {
                    double s = b[o];
                    for (int c = 0; c < channels; c++)
                        for (int kh = 0; kh < 4; kh++)
                            for (int kw = 0; kw < 4; kw++)
                            {
                                int r = 2 * i - 1 + kh, q = 2 * j - 1 + kw;
                                if (r < 0 || r >= side || q < 0 || q >= side) continue;
                                s += (double)w[((o * channels + c) * 4 + kh) * 4 + kw] * x[(c * side + r) * side + q];
                            }
                    y[(o * outSide + i) * outSide + j] = s;
                }
        return y;
    }

    // conv_transpose2d of one C×S×S map by a (C, OC, 4, 4) weight, stride 2, padding 1: every input value spreads
    // w[c,o,kh,kw]·x[c,i,j] to output (2i−1+kh, 2j−1+kw), dropped where that falls outside the 2S×2S output.
    private static double[] ConvTranspose2d(double[] x, int channels, int side, Tensor weight, Tensor bias)
    {
        float[] w = weight.ToArray(), b = bias.ToArray();
        int outChannels = (int)weight.size(1), outSide = side * 2;
        var y = new double[outChannels * outSide * outSide];
        for (int o = 0; o < outChannels; o++)
            for (int p = 0; p < outSide * outSide; p++) y[o * outSide * outSide + p] = b[o];
        for (int c = 0; c < channels; c++)
            for (int i = 0; i < side; i++)
                for (int j = 0; j < side; j++)
                    for (int o = 0; o < outChannels; o++)
                        for (int kh = 0; kh < 4; kh++)
                            for (int kw = 0; kw < 4; kw++)
                            {
                                int r = 2 * i - 1 + kh, q = 2 * j - 1 + kw;
                                if (r < 0 || r >= outSide || q < 0 || q >= outSide) continue;
                                y[(o * outSide + r) * outSide + q] += (double)w[((c * outChannels + o) * 4 + kh) * 4 + kw] * x[(c * side + i) * side + j];
                            }
        return y;
    }

    private static double[] Relu(double[] x) => ReferenceLayers.Relu(x);

    private static void AssertClose(double[] expected, double[] actual, double tolerance)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance * Math.Max(1, Math.Abs(expected[i])),
                $"element {i}: expected {expected[i]}, got {actual[i]}");
    }
}
