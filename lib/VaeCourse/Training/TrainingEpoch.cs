using MiniTorch;
using VaeCourse.Models;
using static MiniTorch.torch;

namespace VaeCourse.Training;

/// <summary>
/// One pass of Adam steps over the training images: what <see cref="Trainer"/> repeats every epoch and <c>vae bench</c>
/// times. Each step runs in a <see cref="DisposeScope"/>, so the step's tensors go back to the engine's buffer pool
/// when it ends and the next step reuses their memory instead of allocating.
/// </summary>
internal static class TrainingEpoch
{
    /// <summary>Loss, BCE and KL summed over the epoch's batches (each batch's sum over its images).</summary>
    public readonly record struct Sums(double Loss, double Bce, double Kl);

    /// <summary>A batch's loss: the tensor backward() runs on and, for a VAE, its two parts.</summary>
    public readonly record struct BatchLoss(Tensor Total, double Bce, double Kl);

    /// <summary>Batches in one pass over <paramref name="n"/> images (the last one keeps the remainder).</summary>
    public static int Batches(long n, int batchSize) => (int)((n + batchSize - 1) / batchSize);

    /// <summary>
    /// Shuffles (from the default generator) and takes one Adam step per batch. <paramref name="onBatch"/> receives
    /// the batch index, its size and its summed loss.
    /// </summary>
    public static Sums Run(nn.Module model, optim.Optimizer optimizer, Tensor train, int batchSize, double beta,
        Action<int, long, double>? onBatch, CancellationToken cancellationToken)
    {
        model.train();
        long n = train.size(0);
        int batches = Batches(n, batchSize);
        long[] order;
        // A fresh order every epoch; the last batch keeps the remainder (drop_last=false).
        using (Profiler.Region(OpFamily.Batching)) order = randperm(n).data<long>().ToArray();
        double lossSum = 0, bceSum = 0, klSum = 0;
        for (int b = 0; b < batches; b++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            long start = (long)b * batchSize;
            long count = Math.Min(batchSize, n - start);
            using var scope = NewDisposeScope();
            Tensor x;
            using (Profiler.Region(OpFamily.Batching))
                x = train.index_select(0, tensor(order.AsSpan((int)start, (int)count).ToArray()));   // (B,784)

            BatchLoss loss = Step(model, optimizer, x, beta);
            double batchLoss = loss.Total.item<float>();
            lossSum += batchLoss;
            bceSum += loss.Bce;
            klSum += loss.Kl;
            onBatch?.Invoke(b, count, batchLoss);
        }
        return new Sums(lossSum, bceSum, klSum);
    }

    /// <summary>One Adam step on the batch <paramref name="x"/>; returns the loss before the step.</summary>
    public static BatchLoss Step(nn.Module model, optim.Optimizer optimizer, Tensor x, double beta)
    {
        optimizer.zero_grad();
        BatchLoss loss = Loss(model, x, beta);
        loss.Total.backward();
        optimizer.step();
        // Nothing else holds the gradients: their arrays serve the next step's backward (no allocation, no zeroing).
        optimizer.ReleaseGradients();
        return loss;
    }

    /// <summary>
    /// The loss of one batch: for a VAE, BCE-sum + β·KL as the engine's fused node (the same values as
    /// <see cref="Losses.VaeLoss"/>, in one pass); for an autoencoder, <see cref="Losses.AutoencoderLoss"/>.
    /// </summary>
    public static BatchLoss Loss(nn.Module model, Tensor x, double beta)
    {
        switch (model)
        {
            case IVariationalModel vae:
                var (recon, mu, logvar) = vae.forward(x);
                if (recon.numel() != x.numel() || recon.size(0) != x.size(0))
                    throw new ArgumentException($"Trainer: reconstruction {Shape(recon)} and images {Shape(x)} must hold the same images");
                var (loss, bce, kl) = Tensor.VaeLoss(recon, x, mu, logvar, (float)beta);
                return new BatchLoss(loss, bce, kl);
            case nn.Module<Tensor, Tensor> autoencoder:
                return new BatchLoss(Losses.AutoencoderLoss(autoencoder.forward(x), x), 0, 0);
            default:
                throw new ArgumentException($"Trainer: {model.GetType().Name} is neither an IVariationalModel nor a Module<Tensor,Tensor> (autoencoder)");
        }
    }

    private static string Shape(Tensor t) => "(" + string.Join(",", t.shape) + ")";
}
