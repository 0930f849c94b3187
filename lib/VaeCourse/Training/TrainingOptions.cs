namespace VaeCourse.Training;

/// <summary>
/// Hyper-parameters of <see cref="Trainer.Train{TModel}"/>. The defaults are pytorch/examples/vae's:
/// 10 epochs, batch 128, Adam with learning rate 1e-3, seed 1.
/// </summary>
public sealed record TrainingOptions
{
    /// <summary>Passes over the training set.</summary>
    public int Epochs { get; init; } = 10;

    /// <summary>Images per step; the last batch of an epoch is smaller when the set does not divide evenly.</summary>
    public int BatchSize { get; init; } = 128;

    /// <summary>Adam's learning rate.</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>Weight of the KL term (1 = the VAE; other values give a β-VAE). Ignored for the autoencoder.</summary>
    public double Beta { get; init; } = 1.0;

    /// <summary>Seeds the default generator before the model is built: initial weights, shuffles and every ε.</summary>
    public long Seed { get; init; } = 1;

    /// <summary>Threads for the engine's kernels during training (restored afterwards); null keeps the current setting.</summary>
    public int? Threads { get; init; }

    /// <summary>The model's name in the metrics; null uses the model's own name (<c>GetName()</c>).</summary>
    public string? ModelName { get; init; }

    /// <summary>The data set's name in the metrics ("mnist", "fashion-mnist", …).</summary>
    public string Dataset { get; init; } = "unspecified";

    internal void Validate()
    {
        if (Epochs < 1) throw new ArgumentException($"Trainer: epochs must be at least 1, got {Epochs}");
        if (BatchSize < 1) throw new ArgumentException($"Trainer: batch size must be at least 1, got {BatchSize}");
        if (!(LearningRate >= 0) || double.IsInfinity(LearningRate))
            throw new ArgumentException($"Trainer: learning rate must be finite and non-negative, got {LearningRate}");
        if (!(Beta >= 0) || double.IsInfinity(Beta))
            throw new ArgumentException($"Trainer: beta must be finite and non-negative, got {Beta}");
        if (Threads is < 1) throw new ArgumentException($"Trainer: threads must be at least 1 when given, got {Threads}");
        ArgumentException.ThrowIfNullOrWhiteSpace(Dataset, nameof(Dataset));
    }
}
