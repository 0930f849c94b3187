using MiniTorch;
using VaeCourse.Models;
using static MiniTorch.torch;

namespace VaeCourse.Training;

/// <summary>
/// The importance-weighted lower bound on the log-likelihood (Burda, Grosse &amp; Salakhutdinov, "Importance Weighted
/// Autoencoders", ICLR 2016):
/// <code>
/// log p(x) ≥ L_K = E[ log (1/K) Σₖ wₖ ],   wₖ = p(x|zₖ) p(zₖ) / q(zₖ|x),   zₖ ~ q(z|x).
/// </code>
/// L₁ is the ELBO; L_K never decreases with K in expectation and tends to log p(x) as K → ∞, so with a large K it is
/// the usual way to report a VAE's test log-likelihood. Everything after the decoder is computed in double, and the
/// average over k uses log-sum-exp, because the wₖ themselves under- or overflow (log wₖ ≈ −100 nats on MNIST).
/// </summary>
public static class ImportanceWeightedBound
{
    private const int MaxDecodedFloats = 1 << 22;   // caps one decode call at 16 MiB of outputs

    /// <summary>
    /// L_K for each image of <paramref name="x"/> (B,…), in nats: one estimate per image from K fresh draws.
    /// z = μ + σ·εₖ with ε drawn from the default generator in the order (k, image, latent), so with K = 1 the draws
    /// are exactly those of the model's <c>forward</c> after the same seed. The model is put in evaluation mode for
    /// the call and runs without gradients.
    /// </summary>
    /// <remarks>
    /// log p(x|z) is the Bernoulli log-likelihood Σᵢ xᵢ log x̂ᵢ + (1−xᵢ) log(1−x̂ᵢ) with each log clamped at −100 as in
    /// binary cross-entropy, so L₁ = −(BCE + log q(z|x) − log p(z)) for the same z. The Gaussian constants cancel in
    /// log p(z) − log q(z|x) = ½ Σⱼ (log σⱼ² + εⱼ² − zⱼ²).
    /// </remarks>
    public static double[] LogLikelihood<TModel>(TModel model, Tensor x, int samples)
        where TModel : nn.Module, IVariationalModel
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(x);
        if (samples < 1) throw new ArgumentException($"ImportanceWeightedBound: samples (K) must be at least 1, got {samples}");
        if (x.dim() < 2 || x.size(0) == 0)
            throw new ArgumentException($"ImportanceWeightedBound: expected a non-empty batch of images (B,784), got {Shape(x)}");

        bool wasTraining = model.training;
        model.eval();
        try
        {
            using var _ = no_grad();
            return Estimate(model, x, samples);
        }
        finally
        {
            model.train(wasTraining);
        }
    }

    /// <summary>
    /// The mean of <see cref="LogLikelihood{TModel}"/> over a whole set of images, taken <paramref name="batchSize"/>
    /// images at a time. Report −result as the test negative log-likelihood in nats per image.
    /// </summary>
    public static double MeanLogLikelihood<TModel>(TModel model, Tensor images, int samples, int batchSize = 100)
        where TModel : nn.Module, IVariationalModel
    {
        ArgumentNullException.ThrowIfNull(images);
        if (batchSize < 1) throw new ArgumentException($"ImportanceWeightedBound: batch size must be at least 1, got {batchSize}");
        if (images.dim() < 2 || images.size(0) == 0)
            throw new ArgumentException($"ImportanceWeightedBound: expected a non-empty set of images (N,784), got {Shape(images)}");
        long n = images.size(0);
        double sum = 0;
        for (long start = 0; start < n; start += batchSize)
        {
            foreach (double value in LogLikelihood(model, images.narrow(0, start, Math.Min(batchSize, n - start)), samples)) sum += value;
        }
        return sum / n;
    }

    private static double[] Estimate(IVariationalModel model, Tensor x, int samples)
    {
        int batch = (int)x.size(0);
        int pixels = (int)(x.numel() / batch);
        float[] target = x.data<float>().ToArray();                        // (B,D)
        var (mu, logvar) = model.encode(x);                                // (B,L), (B,L)
        int latent = (int)mu.size(1);
        Tensor std = (0.5 * logvar).exp();
        float[] logvars = logvar.data<float>().ToArray();

        var logWeights = new double[samples, batch];
        int chunk = Math.Clamp(MaxDecodedFloats / Math.Max(batch * pixels, 1), 1, samples);
        for (int k0 = 0; k0 < samples; k0 += chunk)
        {
            int kc = Math.Min(chunk, samples - k0);
            // ε and z as (kc,B,L): chunk-major draws, so k = 0 uses the first B·L numbers as forward() would.
            Tensor eps = randn(kc, batch, latent);
            Tensor z = mu.unsqueeze(0) + eps * std.unsqueeze(0);           // (kc,B,L)
            float[] probabilities = model.decode(z.view(kc * batch, latent)).data<float>().ToArray();   // (kc·B, D)
            if (probabilities.Length != kc * batch * pixels)
                throw new InvalidOperationException($"ImportanceWeightedBound: decode returned {probabilities.Length / Math.Max(kc * batch, 1)} values per image, the images have {pixels}");
            float[] epsValues = eps.data<float>().ToArray(), zValues = z.data<float>().ToArray();

            for (int k = 0; k < kc; k++)
                for (int b = 0; b < batch; b++)
                {
                    int row = k * batch + b;
                    logWeights[k0 + k, b] =
                        BernoulliLogLikelihood(target.AsSpan(b * pixels, pixels), probabilities.AsSpan(row * pixels, pixels))
                        + LogPriorOverPosterior(epsValues.AsSpan(row * latent, latent), zValues.AsSpan(row * latent, latent),
                                                logvars.AsSpan(b * latent, latent));
                }
        }

        var result = new double[batch];
        for (int b = 0; b < batch; b++)
        {
            // log (1/K) Σ exp(ℓₖ) = m + log Σ exp(ℓₖ − m) − log K, with m = max ℓₖ.
            double max = double.NegativeInfinity;
            for (int k = 0; k < samples; k++) max = Math.Max(max, logWeights[k, b]);
            double sum = 0;
            for (int k = 0; k < samples; k++) sum += Math.Exp(logWeights[k, b] - max);
            result[b] = max + Math.Log(sum) - Math.Log(samples);
        }
        return result;
    }

    // log p(x|z) = Σ x log x̂ + (1−x) log(1−x̂), logs clamped at −100 as in binary_cross_entropy.
    private static double BernoulliLogLikelihood(ReadOnlySpan<float> x, ReadOnlySpan<float> probability)
    {
        double sum = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double p = probability[i];
            sum += x[i] * Math.Max(Math.Log(p), -100.0) + (1.0 - x[i]) * Math.Max(Math.Log(1.0 - p), -100.0);
        }
        return sum;
    }

    // log p(z) − log q(z|x) = Σ −½(z² + log 2π) + ½(ε² + log σ² + log 2π) = ½ Σ (log σ² + ε² − z²).
    private static double LogPriorOverPosterior(ReadOnlySpan<float> eps, ReadOnlySpan<float> z, ReadOnlySpan<float> logvar)
    {
        double sum = 0;
        for (int j = 0; j < z.Length; j++)
            sum += logvar[j] + (double)eps[j] * eps[j] - (double)z[j] * z[j];
        return 0.5 * sum;
    }

    private static string Shape(Tensor t) => "(" + string.Join(",", t.shape) + ")";
}
