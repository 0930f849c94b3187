using MiniTorch;
using VaeCourse.Models;

namespace Vae.Cli.Bench;

/// <summary>A model <c>vae bench</c> can time: its <c>--model</c> key, a description, and how to build it.</summary>
/// <param name="Key">The <c>--model</c> value, e.g. "vae".</param>
/// <param name="Description">What the table calls it.</param>
/// <param name="Create">Builds a fresh model (called right after seeding).</param>
/// <param name="TakesImagePlanes">True when the model reads (N,1,28,28) images rather than (N,784) rows.</param>
internal sealed record BenchModel(string Key, string Description, Func<torch.nn.Module> Create, bool TakesImagePlanes);

/// <summary>The models <c>vae bench</c> knows, in the order it runs them (the MLP VAE first, so its peak memory is its own).</summary>
internal static class BenchModels
{
    /// <summary>Every model; adding one is one line here.</summary>
    public static readonly IReadOnlyList<BenchModel> All =
    [
        new("vae", "MLP VAE 784-400-20", () => new VaeCourse.Models.Vae(), TakesImagePlanes: false),
        new("ae", "autoencoder 784-128-64-128-784", () => new Autoencoder(), TakesImagePlanes: false),
        new("conv-vae", "conv VAE 1x28x28 -> 32x14x14 -> 64x7x7 -> 20", () => new ConvVae(), TakesImagePlanes: true),
    ];

    /// <summary>The models named by a <c>--model</c> value ("all" or one key), or null when the value names none.</summary>
    public static IReadOnlyList<BenchModel>? Select(string key) =>
        key == "all" ? All : All.Where(m => m.Key == key).ToArray() is { Length: > 0 } one ? one : null;
}
