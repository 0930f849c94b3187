using System.Text.Json;
using System.Text.Json.Serialization;

namespace VaeCourse.Training;

/// <summary>
/// The metrics of one epoch. Losses are per image (sums over the set divided by its size, as the PyTorch example
/// reports them): the training figures average over the epoch's batches while the model was still learning; the test
/// figure is measured after the epoch in evaluation mode. For the autoencoder the loss is the squared error and both
/// parts are 0.
/// </summary>
/// <param name="Epoch">The epoch, from 1.</param>
/// <param name="TrainLoss">Mean training loss per image (BCE + β·KL for a VAE).</param>
/// <param name="TestLoss">Test loss per image after the epoch.</param>
/// <param name="TrainBce">Reconstruction part of <paramref name="TrainLoss"/> (binary cross-entropy) per image.</param>
/// <param name="TrainKl">KL part per image, before weighting by β.</param>
/// <param name="Seconds">Wall-clock time of the epoch: training plus the test evaluation.</param>
public sealed record EpochMetrics(
    [property: JsonPropertyName("epoch")] int Epoch,
    [property: JsonPropertyName("train_loss")] double TrainLoss,
    [property: JsonPropertyName("test_loss")] double TestLoss,
    [property: JsonPropertyName("train_bce")] double TrainBce,
    [property: JsonPropertyName("train_kl")] double TrainKl,
    [property: JsonPropertyName("seconds")] double Seconds);

/// <summary>
/// What a training run produced, in the shape the <c>vae</c> tool writes as metrics.json:
/// <c>{"model", "dataset", "seed", "threads", "epochs": [...], "test_loss", "total_seconds"}</c>.
/// </summary>
/// <param name="Model">The model's name.</param>
/// <param name="Dataset">The data set's name.</param>
/// <param name="Seed">The seed of the default generator.</param>
/// <param name="Threads">Kernel threads used (results are reproducible for a given seed and thread count).</param>
/// <param name="Epochs">Per-epoch metrics, in order.</param>
/// <param name="TestLoss">Test loss per image after the last epoch.</param>
/// <param name="TotalSeconds">Wall-clock time of the whole run.</param>
public sealed record TrainingHistory(
    [property: JsonPropertyName("model")] string Model,
    [property: JsonPropertyName("dataset")] string Dataset,
    [property: JsonPropertyName("seed")] long Seed,
    [property: JsonPropertyName("threads")] int Threads,
    [property: JsonPropertyName("epochs")] IReadOnlyList<EpochMetrics> Epochs,
    [property: JsonPropertyName("test_loss")] double TestLoss,
    [property: JsonPropertyName("total_seconds")] double TotalSeconds)
{
    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true };

    /// <summary>The metrics as indented JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    /// <summary>Reads metrics written by <see cref="ToJson"/>.</summary>
    public static TrainingHistory FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return JsonSerializer.Deserialize<TrainingHistory>(json, JsonOptions)
               ?? throw new JsonException("TrainingHistory.FromJson: the document is null");
    }

    /// <summary>
    /// Writes the JSON to <paramref name="path"/> through a temporary file in the same folder, so an existing file is
    /// replaced whole or not at all.
    /// </summary>
    public void Save(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string full = Path.GetFullPath(path);
        string temp = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            File.WriteAllText(temp, ToJson());
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }
}
