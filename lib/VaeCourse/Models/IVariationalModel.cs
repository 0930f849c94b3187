using MiniTorch;

namespace VaeCourse.Models;

/// <summary>
/// What the trainer, the losses and the likelihood estimate need from a variational autoencoder: the encoder
/// q(z|x) as (μ, log σ²), the decoder p(x|z) as Bernoulli means, and one forward pass that samples z.
/// <see cref="Vae"/> implements it; so does any other model with the same signature (a convolutional VAE).
/// </summary>
public interface IVariationalModel
{
    /// <summary>Size of the latent code z.</summary>
    long LatentDim { get; }

    /// <summary>The parameters of q(z|x) = N(μ, diag σ²): images (B,…) -> μ (B,L), log σ² (B,L).</summary>
    (Tensor mu, Tensor logvar) encode(Tensor x);

    /// <summary>Bernoulli means p(x|z) in [0,1]: z (B,L) -> (B,…).</summary>
    Tensor decode(Tensor z);

    /// <summary>encode, sample z = μ + σ·ε, decode: returns (reconstruction, μ, log σ²).</summary>
    (Tensor recon, Tensor mu, Tensor logvar) forward(Tensor x);
}
