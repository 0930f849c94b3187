using MiniTorch;
using VaeCourse.Models;
using static MiniTorch.torch;

namespace Vae.Cli.Commands;

/// <summary>The models the tool trains, by their command-line names (<c>--model vae|ae|conv-vae</c>).</summary>
internal enum ModelKind
{
    /// <summary>The 784-400-20 VAE of pytorch/examples/vae.</summary>
    Vae,

    /// <summary>The deterministic 784-128-64 autoencoder baseline (no prior, no ELBO).</summary>
    Autoencoder,

    /// <summary>The convolutional VAE (28×28 images only).</summary>
    ConvVae,
}

/// <summary>Names, defaults and construction of the <see cref="ModelKind"/>s.</summary>
internal static class ModelKinds
{
    /// <summary>The command-line names, in the order help lists them.</summary>
    public static readonly string[] Names = ["vae", "ae", "conv-vae"];

    public static string Name(this ModelKind kind) => kind switch
    {
        ModelKind.Vae => "vae",
        ModelKind.Autoencoder => "ae",
        ModelKind.ConvVae => "conv-vae",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown model kind"),
    };

    public static bool TryParse(string? name, out ModelKind kind)
    {
        switch (name)
        {
            case "vae": kind = ModelKind.Vae; return true;
            case "ae": kind = ModelKind.Autoencoder; return true;
            case "conv-vae": kind = ModelKind.ConvVae; return true;
            default: kind = default; return false;
        }
    }

    /// <summary>Whether the model has a prior p(z) = N(0, I) and an ELBO (everything but the autoencoder).</summary>
    public static bool IsVariational(this ModelKind kind) => kind != ModelKind.Autoencoder;

    /// <summary>The hidden width each model is built with (the convolutional VAE has no single hidden width: 0).</summary>
    public static long DefaultHiddenDim(this ModelKind kind) => kind switch
    {
        ModelKind.Vae => 400,
        ModelKind.Autoencoder => 128,
        _ => 0,
    };

    /// <summary>
    /// The latent size when <c>--latent-dim</c> is not given: 20 for the VAEs (the PyTorch example), 64 for the
    /// autoencoder (the course's baseline, whose code space the course compares with the VAE's).
    /// </summary>
    public static long DefaultLatentDim(this ModelKind kind) => kind == ModelKind.Autoencoder ? 64 : 20;

    /// <summary>
    /// Builds an untrained model. The convolutional VAE only takes 28×28 images and has no single hidden width
    /// (<paramref name="hiddenDim"/> 0); the others take any number of pixels.
    /// </summary>
    /// <exception cref="ArgumentException">The sizes do not fit the model.</exception>
    public static nn.Module Create(this ModelKind kind, long inputDim, long hiddenDim, long latentDim) => kind switch
    {
        ModelKind.Vae => new VaeCourse.Models.Vae(inputDim, hiddenDim, latentDim),
        ModelKind.Autoencoder => new Autoencoder(inputDim, hiddenDim, latentDim),
        ModelKind.ConvVae when inputDim != ConvVae.Pixels || hiddenDim != 0 => throw new ArgumentException(
            $"conv-vae takes {ConvVae.ImageSide}×{ConvVae.ImageSide} images ({ConvVae.Pixels} pixels) and has no hidden width (0); " +
            $"got {inputDim} pixels and hidden width {hiddenDim}"),
        ModelKind.ConvVae => new ConvVae(latentDim),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown model kind"),
    };

    /// <summary>Decodes latent codes (B,L) into images (B,pixels) in [0,1], for either kind of model.</summary>
    public static Tensor Decode(nn.Module model, Tensor codes) => model switch
    {
        IVariationalModel vae => vae.decode(codes),
        Autoencoder autoencoder => autoencoder.decode(codes),
        _ => throw new ArgumentException($"cannot decode with a {model.GetType().Name}"),
    };

    /// <summary>Reconstructs images (B,pixels): a VAE samples z from q(z|x) as its forward pass does (as the PyTorch example's figure).</summary>
    public static Tensor Reconstruct(nn.Module model, Tensor images) => model switch
    {
        IVariationalModel vae => vae.forward(images).recon,
        nn.Module<Tensor, Tensor> autoencoder => autoencoder.forward(images),
        _ => throw new ArgumentException($"cannot reconstruct with a {model.GetType().Name}"),
    };
}
