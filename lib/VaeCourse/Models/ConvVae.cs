using MiniTorch;
using MiniTorch.Modules;
using static MiniTorch.torch;

namespace VaeCourse.Models;

/// <summary>
/// A convolutional VAE for 1×28×28 images. The encoder halves the image twice with stride-2 convolutions
/// (28 → 14 → 7, 32 then 64 channels) and reads μ and log σ² off the flattened 64×7×7 features with two linear heads;
/// the decoder mirrors it: a linear layer back to 64×7×7, two stride-2 transposed convolutions (7 → 14 → 28) and a
/// sigmoid. Like <see cref="Vae"/> the outputs are Bernoulli means, so the loss (BCE + β·KL), the trainer and the
/// importance-weighted bound are shared; the reconstruction is returned flat, (B,784), exactly as <see cref="Vae"/>
/// returns it.
/// <para>
/// Kernel 4, stride 2, padding 1 halves a side exactly ((28 + 2 − 4)/2 + 1 = 14) and its transpose doubles it
/// ((14 − 1)·2 − 2 + 4 = 28) with no output_padding, and every output pixel is covered by the same number of kernel
/// taps, which avoids the checkerboard pattern of kernel 3, stride 2.
/// </para>
/// </summary>
public sealed class ConvVae : nn.Module<Tensor, (Tensor recon, Tensor mu, Tensor logvar)>, IVariationalModel
{
    /// <summary>Side of the square input images.</summary>
    public const int ImageSide = 28;

    /// <summary>Pixels per image, 28·28: the width of the flat layout (B,784) and of the reconstruction.</summary>
    public const int Pixels = ImageSide * ImageSide;

    /// <summary>Channels of the encoder's second convolution (and of the decoder's first transposed one).</summary>
    public const int FeatureChannels = 64;

    /// <summary>Side of the feature maps after two halvings: 28 → 14 → 7.</summary>
    public const int FeatureSide = ImageSide / 4;

    /// <summary>Flattened features, 64·7·7 = 3136: the input of the μ and log σ² heads.</summary>
    public const int FeatureCount = FeatureChannels * FeatureSide * FeatureSide;

    private const int FirstChannels = 32;

    // The names are the state_dict keys ("conv1.weight", "fc_mu.bias", …), in the order the data flows.
    private readonly Conv2d conv1, conv2;
    private readonly Linear fc_mu, fc_logvar, fc_decode;
    private readonly ConvTranspose2d deconv1, deconv2;
    private readonly double? _logvarClamp;

    /// <summary>A convolutional VAE for 1×28×28 images with a latent code of <paramref name="latentDim"/> numbers.</summary>
    /// <param name="latentDim">Size of z.</param>
    /// <param name="logvarClamp">
    /// Off by default. When set, <see cref="encode"/> limits log σ² to [−logvarClamp, logvarClamp], as
    /// <see cref="Vae"/>'s option of the same name does (see there for why).
    /// </param>
    public ConvVae(long latentDim = 20, double? logvarClamp = null) : base("ConvVae")
    {
        if (latentDim <= 0)
            throw new ArgumentException($"ConvVae: latentDim must be positive, got {latentDim}");
        if (logvarClamp is double c && !(c > 0))
            throw new ArgumentException($"ConvVae: logvarClamp must be positive when given, got {c}");

        LatentDim = latentDim;
        _logvarClamp = logvarClamp;

        conv1 = nn.Conv2d(1, FirstChannels, kernel_size: 4, stride: 2, padding: 1);
        conv2 = nn.Conv2d(FirstChannels, FeatureChannels, kernel_size: 4, stride: 2, padding: 1);
        fc_mu = nn.Linear(FeatureCount, latentDim);
        fc_logvar = nn.Linear(FeatureCount, latentDim);
        fc_decode = nn.Linear(latentDim, FeatureCount);
        deconv1 = nn.ConvTranspose2d(FeatureChannels, FirstChannels, kernel_size: 4, stride: 2, padding: 1);
        deconv2 = nn.ConvTranspose2d(FirstChannels, 1, kernel_size: 4, stride: 2, padding: 1);
        RegisterComponents();
    }

    /// <inheritdoc />
    public long LatentDim { get; }

    /// <summary>The log σ² limit given at construction, or null (no clamping).</summary>
    public double? LogvarClamp => _logvarClamp;

    /// <summary>
    /// The number of parameters for a given latent size: 9410·L + 69825 (258,025 for L = 20). The convolutions hold
    /// 66,689 of them whatever L is; the three linear layers 3136·L + L each way for the heads and L·3136 + 3136 for
    /// the decoder's first layer.
    /// </summary>
    public static long ParameterCount(long latentDim) =>
        (1 * FirstChannels * 16 + FirstChannels)                       // conv1
        + (FirstChannels * FeatureChannels * 16 + FeatureChannels)     // conv2
        + 2 * (FeatureCount * latentDim + latentDim)                   // fc_mu, fc_logvar
        + (latentDim * FeatureCount + FeatureCount)                    // fc_decode
        + (FeatureChannels * FirstChannels * 16 + FirstChannels)       // deconv1
        + (FirstChannels * 1 * 16 + 1);                                // deconv2

    /// <summary>q(z|x): images (B,784) or (B,1,28,28) -> μ (B,20), log σ² (B,20).</summary>
    public (Tensor mu, Tensor logvar) encode(Tensor x)
    {
        Tensor images = AsImages(x, "encode");                        // (B,784) -> (B,1,28,28)
        Tensor h1 = nn.functional.relu(conv1.forward(images));        // (B,1,28,28) -> (B,32,14,14)
        Tensor h2 = nn.functional.relu(conv2.forward(h1));            // (B,32,14,14) -> (B,64,7,7)
        Tensor features = h2.flatten(1);                              // (B,64,7,7) -> (B,3136)
        Tensor mu = fc_mu.forward(features);                          // (B,3136) -> (B,20)
        Tensor logvar = fc_logvar.forward(features);                  // (B,3136) -> (B,20)
        if (_logvarClamp is double c) logvar = logvar.clamp(-c, c);
        return (mu, logvar);
    }

    /// <summary>
    /// The reparameterization trick z = μ + σ·ε, ε ~ N(0, I) from the default generator: the same function as
    /// <see cref="Vae.reparameterize"/>, so both models draw the same ε after the same seed.
    /// </summary>
    public static Tensor reparameterize(Tensor mu, Tensor logvar) => Vae.reparameterize(mu, logvar);

    /// <summary>p(x|z): z (B,20) -> Bernoulli means (B,784) in [0,1], the layout <see cref="Vae.decode"/> returns.</summary>
    public Tensor decode(Tensor z)
    {
        ArgumentNullException.ThrowIfNull(z);
        if (z.dim() != 2 || z.size(1) != LatentDim)
            throw new ArgumentException($"ConvVae.decode: expected latent codes of shape (B,{LatentDim}), got {Shape(z)}");
        Tensor h3 = nn.functional.relu(fc_decode.forward(z));                      // (B,20) -> (B,3136)
        Tensor maps = h3.unflatten(1, new long[] { FeatureChannels, FeatureSide, FeatureSide });   // (B,3136) -> (B,64,7,7)
        Tensor h4 = nn.functional.relu(deconv1.forward(maps));                     // (B,64,7,7) -> (B,32,14,14)
        Tensor logits = deconv2.forward(h4);                                       // (B,32,14,14) -> (B,1,28,28)
        return nn.functional.sigmoid(logits).view(-1, Pixels);                     // (B,1,28,28) -> (B,784)
    }

    /// <summary>
    /// Encodes, samples z and decodes: (B,784) or (B,1,28,28) -> (reconstruction (B,784), μ (B,20), log σ² (B,20)).
    /// z is sampled in evaluation mode too, so the test loss is the same stochastic ELBO as the training loss.
    /// </summary>
    public override (Tensor recon, Tensor mu, Tensor logvar) forward(Tensor x)
    {
        var (mu, logvar) = encode(x);                                 // (B,784) -> (B,20), (B,20)
        Tensor z = reparameterize(mu, logvar);                        // (B,20)
        return (decode(z), mu, logvar);                               // (B,20) -> (B,784)
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"ConvVae(image=1x{ImageSide}x{ImageSide}, channels={FirstChannels},{FeatureChannels}, latent={LatentDim}{(_logvarClamp is double c ? $", logvar_clamp={c}" : "")})";

    // Both layouts the course uses: flat rows (B,784), as the data sets and Vae take them, or images (B,1,28,28).
    private static Tensor AsImages(Tensor x, string method)
    {
        ArgumentNullException.ThrowIfNull(x);
        ReadOnlySpan<long> s = x.shape;
        bool flat = s.Length == 2 && s[1] == Pixels;
        bool image = s.Length == 4 && s[1] == 1 && s[2] == ImageSide && s[3] == ImageSide;
        if (!flat && !image)
            throw new ArgumentException($"ConvVae.{method}: expected images of shape (B,{Pixels}) or (B,1,{ImageSide},{ImageSide}), got {Shape(x)}");
        return flat ? x.view(-1, 1, ImageSide, ImageSide) : x;
    }

    private static string Shape(Tensor t) => "(" + string.Join(",", t.shape) + ")";
}
