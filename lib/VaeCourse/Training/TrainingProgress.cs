namespace VaeCourse.Training;

/// <summary>Which event a <see cref="TrainingProgress"/> reports.</summary>
public enum TrainingPhase
{
    /// <summary>An optimisation step finished.</summary>
    Batch,

    /// <summary>An epoch finished, including its test-set evaluation.</summary>
    Epoch,
}

/// <summary>
/// One progress report from <see cref="Trainer.Train{TModel}"/>, delivered synchronously on the training thread
/// after every batch and after every epoch. Losses are per image.
/// </summary>
/// <param name="Phase">Batch or epoch end.</param>
/// <param name="Epoch">The epoch, from 1.</param>
/// <param name="Epochs">Epochs in the run.</param>
/// <param name="Batch">Batches finished in this epoch (equals <paramref name="BatchesPerEpoch"/> at epoch end).</param>
/// <param name="BatchesPerEpoch">Batches per epoch (the last may be smaller).</param>
/// <param name="BatchLoss">Loss per image of the last batch.</param>
/// <param name="Metrics">The epoch's metrics at epoch end; null for batch reports.</param>
public sealed record TrainingProgress(
    TrainingPhase Phase,
    int Epoch,
    int Epochs,
    int Batch,
    int BatchesPerEpoch,
    double BatchLoss,
    EpochMetrics? Metrics);
