using System.Diagnostics;
using MiniTorch;
using VaeCourse.Models;
using static MiniTorch.torch;

namespace VaeCourse.Training;

/// <summary>
/// The training loop of pytorch/examples/vae: shuffle, batch, Adam step on the summed loss, then a test pass.
/// Works for any <see cref="IVariationalModel"/> (loss: BCE + β·KL) and for a plain autoencoder
/// (<c>Module&lt;Tensor,Tensor&gt;</c>, loss: squared error). Never writes to the console: progress goes to the
/// <see cref="IProgress{T}"/> the caller passes.
/// </summary>
public static class Trainer
{
    /// <summary>
    /// Seeds the default generator, builds the model with <paramref name="createModel"/> (so its initial weights are
    /// reproducible), and trains it with Adam on <paramref name="train"/>, evaluating on <paramref name="test"/> after
    /// every epoch. The same seed, data and thread count give bit-identical metrics.
    /// </summary>
    /// <param name="createModel">Builds the model; called once, right after seeding.</param>
    /// <param name="train">Training images (N,784) (or (N,1,28,28)), values in [0,1].</param>
    /// <param name="test">Test images of the same per-image shape, values in [0,1].</param>
    /// <param name="options">Hyper-parameters; null uses the defaults.</param>
    /// <param name="progress">Receives a report after every batch and every epoch (synchronously).</param>
    /// <param name="cancellationToken">Checked between batches.</param>
    public static TrainingResult<TModel> Train<TModel>(
        Func<TModel> createModel,
        Tensor train,
        Tensor test,
        TrainingOptions? options = null,
        IProgress<TrainingProgress>? progress = null,
        CancellationToken cancellationToken = default)
        where TModel : nn.Module
    {
        ArgumentNullException.ThrowIfNull(createModel);
        options ??= new TrainingOptions();
        options.Validate();
        CheckImages(train, "training");
        CheckImages(test, "test");
        if (!train.shape.AsSpan(1).SequenceEqual(test.shape.AsSpan(1)))
            throw new ArgumentException($"Trainer: training images {Shape(train)} and test images {Shape(test)} differ in shape per image");

        int previousThreads = get_num_threads();
        if (options.Threads is int threads) set_num_threads(threads);
        try
        {
            return Run(createModel, train, test, options, progress, cancellationToken);
        }
        finally
        {
            set_num_threads(previousThreads);
        }
    }

    private static TrainingResult<TModel> Run<TModel>(Func<TModel> createModel, Tensor train, Tensor test,
        TrainingOptions options, IProgress<TrainingProgress>? progress, CancellationToken cancellationToken)
        where TModel : nn.Module
    {
        var total = Stopwatch.StartNew();
        manual_seed(options.Seed);
        TModel model = createModel() ?? throw new InvalidOperationException("Trainer: createModel returned null");
        if (model is not IVariationalModel && model is not nn.Module<Tensor, Tensor>)
            throw new ArgumentException($"Trainer: {model.GetType().Name} is neither an IVariationalModel nor a Module<Tensor,Tensor> (autoencoder)");
        var optimizer = optim.Adam(model.parameters(), lr: options.LearningRate);

        long n = train.size(0);
        int batchesPerEpoch = TrainingEpoch.Batches(n, options.BatchSize);
        var epochs = new List<EpochMetrics>(options.Epochs);
        for (int epoch = 1; epoch <= options.Epochs; epoch++)
        {
            var clock = Stopwatch.StartNew();
            int current = epoch;
            TrainingEpoch.Sums sums = TrainingEpoch.Run(model, optimizer, train, options.BatchSize, options.Beta,
                (batch, count, batchLoss) => progress?.Report(new TrainingProgress(TrainingPhase.Batch, current, options.Epochs,
                    batch + 1, batchesPerEpoch, batchLoss / count, null)),
                cancellationToken);

            double testLoss = Evaluate(model, test, options.BatchSize, options.Beta);
            var metrics = new EpochMetrics(epoch, sums.Loss / n, testLoss, sums.Bce / n, sums.Kl / n, clock.Elapsed.TotalSeconds);
            epochs.Add(metrics);
            progress?.Report(new TrainingProgress(TrainingPhase.Epoch, epoch, options.Epochs, batchesPerEpoch, batchesPerEpoch,
                metrics.TrainLoss, metrics));
        }

        var history = new TrainingHistory(options.ModelName ?? model.GetName(), options.Dataset, options.Seed, get_num_threads(),
            epochs, epochs[^1].TestLoss, total.Elapsed.TotalSeconds);
        return new TrainingResult<TModel>(model, history);
    }

    /// <summary>
    /// The loss per image on <paramref name="images"/> in evaluation mode without gradients. For a VAE, z is still
    /// sampled (from the default generator), so this is the same one-sample −ELBO estimate as the training loss.
    /// </summary>
    public static double Evaluate(nn.Module model, Tensor images, int batchSize = 128, double beta = 1.0)
    {
        ArgumentNullException.ThrowIfNull(model);
        CheckImages(images, "evaluation");
        if (batchSize < 1) throw new ArgumentException($"Trainer.Evaluate: batch size must be at least 1, got {batchSize}");
        bool wasTraining = model.training;
        model.eval();
        try
        {
            using var _ = no_grad();
            long n = images.size(0);
            double sum = 0;
            for (long start = 0; start < n; start += batchSize)
            {
                using var scope = NewDisposeScope();
                Tensor batch = images.narrow(0, start, Math.Min(batchSize, n - start));
                sum += TrainingEpoch.Loss(model, batch, beta).Total.item<float>();
            }
            return sum / n;
        }
        finally
        {
            model.train(wasTraining);
        }
    }

    private static void CheckImages(Tensor images, string which)
    {
        ArgumentNullException.ThrowIfNull(images);
        if (images.dtype != ScalarType.Float32 || images.dim() < 2 || images.size(0) == 0)
            throw new ArgumentException($"Trainer: {which} images must be a non-empty Float32 tensor (N,784), got {images.dtype} {Shape(images)}");
        ReadOnlySpan<float> values = images.Span;
        long perImage = images.numel() / images.size(0);
        for (int i = 0; i < values.Length; i++)
            if (!(values[i] >= 0f && values[i] <= 1f))
                throw new ArgumentException($"Trainer: {which} images must lie in [0,1] (Bernoulli targets); found {values[i]} in image {i / perImage}");
    }

    private static string Shape(Tensor t) => "(" + string.Join(",", t.shape) + ")";
}
