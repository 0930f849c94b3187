using MiniTorch;
using MiniTorch.Modules;
using static MiniTorch.torch;

namespace VaeCourse.Models;

/// <summary>
/// The course's baseline: a plain (deterministic) autoencoder, 784 → 128 → 64 → 128 → 784, trained to reproduce its
/// input with mean squared error. Hidden layers use ReLU; the output uses a sigmoid so pixels stay in [0,1].
/// The 64-number code is linear (no ReLU on it): the course compares this code space with the VAE's latent space,
/// and a ReLU there would make the code non-negative and let units die.
/// </summary>
public sealed class Autoencoder : nn.Module<Tensor, Tensor>
{
    private readonly Sequential encoder, decoder;

    /// <summary>An autoencoder for images of <paramref name="inputDim"/> pixels.</summary>
    public Autoencoder(long inputDim = 784, long hiddenDim = 128, long codeDim = 64) : base("Autoencoder")
    {
        if (inputDim <= 0 || hiddenDim <= 0 || codeDim <= 0)
            throw new ArgumentException($"Autoencoder: sizes must be positive, got input {inputDim}, hidden {hiddenDim}, code {codeDim}");
        InputDim = inputDim;
        HiddenDim = hiddenDim;
        CodeDim = codeDim;

        encoder = nn.Sequential(
            nn.Linear(inputDim, hiddenDim), nn.ReLU(),       // (B,784) -> (B,128)
            nn.Linear(hiddenDim, codeDim));                  // (B,128) -> (B,64)
        decoder = nn.Sequential(
            nn.Linear(codeDim, hiddenDim), nn.ReLU(),        // (B,64) -> (B,128)
            nn.Linear(hiddenDim, inputDim), nn.Sigmoid());   // (B,128) -> (B,784)
        RegisterComponents();
    }

    /// <summary>Pixels per image.</summary>
    public long InputDim { get; }

    /// <summary>Width of the hidden layers.</summary>
    public long HiddenDim { get; }

    /// <summary>Size of the code.</summary>
    public long CodeDim { get; }

    /// <summary>Images (B,784) -> codes (B,64).</summary>
    public Tensor encode(Tensor x)
    {
        CheckRows(x, InputDim, "encode", "images");
        return encoder.forward(x);
    }

    /// <summary>Codes (B,64) -> reconstructions (B,784) in [0,1].</summary>
    public Tensor decode(Tensor code)
    {
        CheckRows(code, CodeDim, "decode", "codes");
        return decoder.forward(code);
    }

    /// <summary>Reconstructs (B,784) (or (B,1,28,28)) images as (B,784).</summary>
    public override Tensor forward(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.dim() < 2 || x.numel() != x.size(0) * InputDim)
            throw new ArgumentException($"Autoencoder.forward: expected images of {InputDim} pixels each, (B,{InputDim}), got {Shape(x)}");
        return decode(encode(x.view(-1, InputDim)));
    }

    /// <inheritdoc />
    public override string ToString() => $"Autoencoder(input={InputDim}, hidden={HiddenDim}, code={CodeDim})";

    private static void CheckRows(Tensor t, long width, string method, string what)
    {
        ArgumentNullException.ThrowIfNull(t);
        if (t.dim() != 2 || t.size(1) != width)
            throw new ArgumentException($"Autoencoder.{method}: expected {what} of shape (B,{width}), got {Shape(t)}");
    }

    private static string Shape(Tensor t) => "(" + string.Join(",", t.shape) + ")";
}
