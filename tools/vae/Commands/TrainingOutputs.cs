using MiniTorch;
using VaeCourse.Charts;
using VaeCourse.Imaging;
using VaeCourse.Training;
using static MiniTorch.torch;

namespace Vae.Cli.Commands;

/// <summary>
/// The five files of a training run. Each is written to a temporary file in the same folder and renamed into place
/// (the library's Save methods), so an interrupted run never leaves a half-written file under a final name.
/// </summary>
internal static class TrainingOutputs
{
    public const string Checkpoint = "model.safetensors";
    public const string Metrics = "metrics.json";
    public const string Samples = "samples.png";
    public const string Reconstructions = "reconstructions.png";
    public const string LossChart = "loss.svg";

    /// <summary>The grid of samples: 8×8, as the PyTorch example's sample_*.png.</summary>
    public const int SampleGrid = 8;

    /// <summary>Test images shown over their reconstructions, as the PyTorch example's reconstruction_*.png.</summary>
    public const int ReconstructionCount = 8;

    /// <summary>Writes the checkpoint, the metrics and the three figures into <paramref name="folder"/>; returns their paths.</summary>
    public static IReadOnlyList<string> Write(string folder, TrainingResult<nn.Module> result, CheckpointInfo info, Tensor testImages)
    {
        nn.Module model = result.Model;
        TrainingHistory history = result.History;
        string Path(string name) => System.IO.Path.Combine(folder, name);

        ModelCheckpoint.Save(Path(Checkpoint), model, info);
        history.Save(Path(Metrics));

        // The same picture as `vae sample --seed <training seed>`: the grid is seeded, not drawn from wherever training left the generator.
        SampleCommand.Render(model, info.LatentDim, SampleGrid, info.Seed).Save(Path(Samples));

        ReconstructionFigure(model, testImages).Save(Path(Reconstructions));

        string yLabel = info.Kind.IsVariational() ? "-ELBO per image (nats)" : "squared error per image";
        LineChart.LossCurves(history.Epochs.Select(e => e.TrainLoss).ToList(), history.Epochs.Select(e => e.TestLoss).ToList(),
            title: $"{info.Kind.Name()} on {info.Dataset}: loss per epoch", yLabel: yLabel).Save(Path(LossChart));

        return [Path(Metrics), Path(Samples), Path(Reconstructions), Path(LossChart), Path(Checkpoint)];
    }

    // The first test images (top row) over their reconstructions (bottom row).
    private static PngImage ReconstructionFigure(nn.Module model, Tensor testImages)
    {
        int count = (int)Math.Min(ReconstructionCount, testImages.size(0));
        var rows = new long[count];
        for (int i = 0; i < count; i++) rows[i] = i;
        Tensor originals = testImages.index_select(0, tensor(rows));      // (8,784)
        bool wasTraining = model.training;
        model.eval();
        try
        {
            using var _ = no_grad();
            Tensor reconstructions = ModelKinds.Reconstruct(model, originals);   // (8,784) -> (8,784)
            return ImageGrid.Reconstructions(originals, reconstructions, count, scale: 1);
        }
        finally
        {
            model.train(wasTraining);
        }
    }
}
