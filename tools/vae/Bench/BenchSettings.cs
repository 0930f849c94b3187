namespace Vae.Cli.Bench;

/// <summary>What <c>vae bench</c> measures and how.</summary>
/// <param name="Models">The models to time, in order.</param>
/// <param name="Threads">Threads for the engine's parallel kernels.</param>
/// <param name="Epochs">Timed epochs per model (the table reports their median, min and max).</param>
/// <param name="WarmupEpochs">Untimed epochs first (JIT compilation, buffer pool, caches).</param>
/// <param name="DataFolder">Where MNIST is (null: VAE_DATA, then the repository's data/).</param>
/// <param name="SyntheticImages">When set, this many random images replace MNIST (tests; no data needed).</param>
/// <param name="QuickGemm">Fewer, shorter GEMM timing runs (tests).</param>
internal sealed record BenchSettings(
    IReadOnlyList<BenchModel> Models,
    int Threads,
    int Epochs,
    int WarmupEpochs,
    string? DataFolder,
    int? SyntheticImages,
    bool QuickGemm)
{
    /// <summary>Images per batch, as pytorch/examples/vae.</summary>
    public const int BatchSize = 128;

    /// <summary>Adam's learning rate, as pytorch/examples/vae.</summary>
    public const double LearningRate = 1e-3;

    /// <summary>Seed of the default generator before each model is built.</summary>
    public const long Seed = 1;
}
