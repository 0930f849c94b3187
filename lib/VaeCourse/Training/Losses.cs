using MiniTorch;
using static MiniTorch.torch;

namespace VaeCourse.Training;

/// <summary>
/// The training objectives. All losses are <b>sums over the batch</b> (as <c>reduction='sum'</c> in
/// pytorch/examples/vae); divide by the batch size to report them per image.
/// <para>
/// VAE: the negative evidence lower bound (Kingma &amp; Welling, "Auto-Encoding Variational Bayes", ICLR 2014),
/// −ELBO = E_q[−log p(x|z)] + β·KL(q(z|x) ‖ p(z)), estimated with one z per image:
/// </para>
/// <list type="bullet">
/// <item>reconstruction: binary cross-entropy Σᵢ −[xᵢ log x̂ᵢ + (1−xᵢ) log(1−x̂ᵢ)], summed over pixels and batch
/// (the negative Bernoulli log-likelihood of x under the decoder's means x̂);</item>
/// <item>KL in closed form for q = N(μ, diag σ²) and p = N(0, I) (the paper's Appendix B):
/// KL = −½ Σⱼ (1 + log σⱼ² − μⱼ² − σⱼ²), summed over latent dimensions and batch.</item>
/// </list>
/// β = 1 is the VAE; β ≠ 1 is the β-VAE of Higgins et al. (2017).
/// </summary>
public static class Losses
{
    /// <summary>
    /// −ELBO for a batch: BCE(reconstruction, x) + β·KL. Returns the total (what <c>backward()</c> is called on) and both
    /// parts, each a 0-D tensor summed over the batch. The reconstruction may have the images' shape or a flat one
    /// with the same number of elements ((B,784) against (B,1,28,28)).
    /// </summary>
    public static (Tensor loss, Tensor bce, Tensor kl) VaeLoss(Tensor recon, Tensor x, Tensor mu, Tensor logvar, double beta = 1.0)
    {
        ArgumentNullException.ThrowIfNull(recon);
        ArgumentNullException.ThrowIfNull(x);
        if (recon.numel() != x.numel() || recon.size(0) != x.size(0))
            throw new ArgumentException($"VaeLoss: reconstruction {Shape(recon)} and images {Shape(x)} must hold the same images");
        if (!(beta >= 0) || double.IsInfinity(beta))
            throw new ArgumentException($"VaeLoss: beta must be finite and non-negative, got {beta}");

        Tensor bce = nn.functional.binary_cross_entropy(recon, x.view(recon.shape), reduction: nn.Reduction.Sum);
        Tensor kl = KlDivergence(mu, logvar);
        return (bce + kl * beta, bce, kl);
    }

    /// <summary>
    /// KL(N(μ, diag σ²) ‖ N(0, I)) = −½ Σ (1 + log σ² − μ² − σ²), summed over every element of μ (latent dimensions
    /// and batch). Exactly 0 at μ = 0, log σ² = 0; positive elsewhere. Gradients: ∂/∂μ = μ, ∂/∂log σ² = ½(σ² − 1).
    /// </summary>
    public static Tensor KlDivergence(Tensor mu, Tensor logvar)
    {
        ArgumentNullException.ThrowIfNull(mu);
        ArgumentNullException.ThrowIfNull(logvar);
        if (!mu.shape.SequenceEqual(logvar.shape))
            throw new ArgumentException($"KlDivergence: mu {Shape(mu)} and logvar {Shape(logvar)} must have the same shape");
        return (1 + logvar - mu.pow(2) - logvar.exp()).sum() * -0.5;
    }

    /// <summary>
    /// The autoencoder's loss: squared error Σ (x̂ − x)², summed over pixels and batch — mean squared error times the
    /// number of elements, so per image it is comparable across batch sizes like the VAE's loss.
    /// </summary>
    public static Tensor AutoencoderLoss(Tensor recon, Tensor x)
    {
        ArgumentNullException.ThrowIfNull(recon);
        ArgumentNullException.ThrowIfNull(x);
        if (recon.numel() != x.numel() || recon.size(0) != x.size(0))
            throw new ArgumentException($"AutoencoderLoss: reconstruction {Shape(recon)} and images {Shape(x)} must hold the same images");
        return nn.functional.mse_loss(recon, x.view(recon.shape), reduction: nn.Reduction.Sum);
    }

    private static string Shape(Tensor t) => "(" + string.Join(",", t.shape) + ")";
}
