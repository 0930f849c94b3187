using MiniTorch;
using MiniTorch.Modules;
using static MiniTorch.torch;

namespace VaeCourse.Models;

/// <summary>
/// The variational autoencoder of Kingma &amp; Welling (2014), layer for layer as pytorch/examples/vae:
/// encoder 784 → 400 (ReLU) → μ, log σ² (20 each); decoder 20 → 400 (ReLU) → 784 (sigmoid).
/// The decoder's outputs are the means of independent Bernoulli pixels, which is why the reconstruction
/// loss is binary cross-entropy.
/// </summary>
public sealed class Vae : nn.Module<Tensor, (Tensor recon, Tensor mu, Tensor logvar)>, IVariationalModel
{
    // The names are the state_dict keys ("fc1.weight", …), the same as in the PyTorch example.
    private readonly Linear fc1, fc21, fc22, fc3, fc4;
    private readonly double? _logvarClamp;

    /// <summary>
    /// A VAE for images of <paramref name="inputDim"/> pixels (784 = 28×28).
    /// </summary>
    /// <param name="inputDim">Pixels per image.</param>
    /// <param name="hiddenDim">Width of the one hidden layer on each side.</param>
    /// <param name="latentDim">Size of z.</param>
    /// <param name="logvarClamp">
    /// Off by default, as in the PyTorch example. When set, <see cref="encode"/> limits log σ² to
    /// [−logvarClamp, logvarClamp], so σ = exp(½ log σ²) cannot overflow or vanish when training diverges (a large
    /// learning rate, a large β). Clamping in the encoder rather than in the loss keeps the sampled z and the KL term
    /// about the same distribution. Outside the range the gradient of log σ² is zero.
    /// </param>
    public Vae(long inputDim = 784, long hiddenDim = 400, long latentDim = 20, double? logvarClamp = null) : base("Vae")
    {
        if (inputDim <= 0 || hiddenDim <= 0 || latentDim <= 0)
            throw new ArgumentException($"Vae: sizes must be positive, got input {inputDim}, hidden {hiddenDim}, latent {latentDim}");
        if (logvarClamp is double c && !(c > 0))
            throw new ArgumentException($"Vae: logvarClamp must be positive when given, got {c}");

        InputDim = inputDim;
        HiddenDim = hiddenDim;
        LatentDim = latentDim;
        _logvarClamp = logvarClamp;

        fc1 = nn.Linear(inputDim, hiddenDim);
        fc21 = nn.Linear(hiddenDim, latentDim);
        fc22 = nn.Linear(hiddenDim, latentDim);
        fc3 = nn.Linear(latentDim, hiddenDim);
        fc4 = nn.Linear(hiddenDim, inputDim);
        RegisterComponents();
    }

    /// <summary>Pixels per image.</summary>
    public long InputDim { get; }

    /// <summary>Width of the hidden layers.</summary>
    public long HiddenDim { get; }

    /// <inheritdoc />
    public long LatentDim { get; }

    /// <summary>The log σ² limit given at construction, or null (no clamping).</summary>
    public double? LogvarClamp => _logvarClamp;

    /// <summary>q(z|x): images (B,784) -> μ (B,20), log σ² (B,20).</summary>
    public (Tensor mu, Tensor logvar) encode(Tensor x)
    {
        CheckRows(x, InputDim, "encode", "images");
        Tensor h1 = nn.functional.relu(fc1.forward(x));     // (B,784) -> (B,400)
        Tensor mu = fc21.forward(h1);                        // (B,400) -> (B,20)
        Tensor logvar = fc22.forward(h1);                    // (B,400) -> (B,20)
        if (_logvarClamp is double c) logvar = logvar.clamp(-c, c);
        return (mu, logvar);
    }

    /// <summary>
    /// The reparameterization trick: z = μ + σ·ε with σ = exp(½ log σ²) and ε ~ N(0, I) from the default generator
    /// (<c>torch.manual_seed</c> makes it reproducible). z is a differentiable function of μ and log σ², so the
    /// gradient of the loss reaches the encoder.
    /// </summary>
    public static Tensor reparameterize(Tensor mu, Tensor logvar)
    {
        ArgumentNullException.ThrowIfNull(mu);
        ArgumentNullException.ThrowIfNull(logvar);
        if (!mu.shape.SequenceEqual(logvar.shape))
            throw new ArgumentException($"Vae.reparameterize: mu {Shape(mu)} and logvar {Shape(logvar)} must have the same shape");
        Tensor std = (0.5 * logvar).exp();                   // σ
        Tensor eps = randn_like(std);                        // ε ~ N(0, I)
        return mu + eps * std;                               // (B,20)
    }

    /// <summary>p(x|z): z (B,20) -> Bernoulli means (B,784) in [0,1].</summary>
    public Tensor decode(Tensor z)
    {
        CheckRows(z, LatentDim, "decode", "latent codes");
        Tensor h3 = nn.functional.relu(fc3.forward(z));      // (B,20) -> (B,400)
        return nn.functional.sigmoid(fc4.forward(h3));       // (B,400) -> (B,784)
    }

    /// <summary>
    /// Encodes, samples z and decodes: (B,784) (or (B,1,28,28)) -> (reconstruction (B,784), μ (B,20), log σ² (B,20)).
    /// z is sampled in evaluation mode too, so the test loss is the same stochastic ELBO as the training loss.
    /// </summary>
    public override (Tensor recon, Tensor mu, Tensor logvar) forward(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.dim() < 2 || x.numel() != x.size(0) * InputDim)
            throw new ArgumentException($"Vae.forward: expected images of {InputDim} pixels each, (B,{InputDim}), got {Shape(x)}");
        var (mu, logvar) = encode(x.view(-1, InputDim));     // (B,784) -> (B,20), (B,20)
        Tensor z = reparameterize(mu, logvar);               // (B,20)
        return (decode(z), mu, logvar);
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"Vae(input={InputDim}, hidden={HiddenDim}, latent={LatentDim}{(_logvarClamp is double c ? $", logvar_clamp={c}" : "")})";

    private static void CheckRows(Tensor t, long width, string method, string what)
    {
        ArgumentNullException.ThrowIfNull(t);
        if (t.dim() != 2 || t.size(1) != width)
            throw new ArgumentException($"Vae.{method}: expected {what} of shape (B,{width}), got {Shape(t)}");
    }

    private static string Shape(Tensor t) => "(" + string.Join(",", t.shape) + ")";
}
