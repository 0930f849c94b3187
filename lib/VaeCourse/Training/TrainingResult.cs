using static MiniTorch.torch;

namespace VaeCourse.Training;

/// <summary>What <see cref="Trainer.Train{TModel}"/> returns: the trained model and the metrics of its run.</summary>
/// <param name="Model">The model after the last epoch (in training mode).</param>
/// <param name="History">Per-epoch metrics, serialisable as metrics.json.</param>
public sealed record TrainingResult<TModel>(TModel Model, TrainingHistory History) where TModel : nn.Module;
