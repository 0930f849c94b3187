using System.CommandLine;
using MiniTorch;
using VaeCourse.Imaging;
using static MiniTorch.torch;

namespace Vae.Cli.Commands;

/// <summary>
/// <c>vae sample --checkpoint FILE [--grid 8] [--seed 1] [--threads N] --out FILE.png</c>: decodes grid² codes
/// z ~ N(0, I) with a trained model and writes them as one grid picture (8×8 of 28×28 with 2 pixels of padding:
/// 242×242, as torchvision's <c>save_image</c> in the PyTorch example).
/// </summary>
/// <remarks>
/// An autoencoder has no prior, so "sampling" it means decoding codes it was never trained to expect: the verb still
/// does it (the picture shows why a VAE is needed) but warns on stderr.
/// </remarks>
internal static class SampleCommand
{
    public const string NoPriorWarning =
        "an autoencoder has no prior p(z) to sample from: decoding z ~ N(0, I) anyway, and most pictures will not look like data " +
        "(its codes do not follow N(0, I); train --model vae for a model you can sample)";

    public static Command Create()
    {
        var checkpoint = new Option<string>("--checkpoint")
        {
            Description = "A model.safetensors written by `vae train`.", HelpName = "FILE", Required = true,
        };
        var grid = CliOptions.AtLeast("--grid", 1, 8, "Pictures per side of the grid (grid² samples).");
        var seed = CliOptions.Seed("Seed of the random codes.");
        var threads = CliOptions.Threads();
        var output = new Option<string>("--out") { Description = "The PNG file to write.", HelpName = "FILE.png", Required = true };

        var command = new Command("sample", "Decode random codes z ~ N(0, I) with a trained model into a grid picture.")
        {
            checkpoint, grid, seed, threads, output,
        };
        command.SetAction(parsed => Run(
            parsed.GetRequiredValue(checkpoint), parsed.GetValue(grid), parsed.GetValue(seed),
            CliOptions.ThreadsOrAllCores(parsed.GetValue(threads)), parsed.GetRequiredValue(output),
            parsed.InvocationConfiguration.Output, parsed.InvocationConfiguration.Error));
        return command;
    }

    internal static int Run(string checkpointPath, int grid, long seed, int threads, string outputPath, TextWriter stdout, TextWriter stderr)
    {
        string target = Path.GetFullPath(outputPath);
        if (Directory.Exists(target))
            return Failure(stderr, $"--out {outputPath} is a folder; name the PNG file to write");
        string folder = Path.GetDirectoryName(target)!;

        int previousThreads = get_num_threads();
        set_num_threads(threads);
        try
        {
            var (model, info) = ModelCheckpoint.Load(checkpointPath);
            stdout.WriteLine($"{checkpointPath}: {info.Describe()}");
            if (!info.Kind.IsVariational()) stderr.WriteLine($"vae sample: warning: {NoPriorWarning}");

            PngImage picture = Render(model, info.LatentDim, grid, seed);
            Directory.CreateDirectory(folder);
            picture.Save(target);
            stdout.WriteLine($"wrote {target} ({grid}×{grid} samples, seed {seed}, {picture.Width}×{picture.Height} pixels)");
            return ExitCodes.Success;
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            return Failure(stderr, e.Message);
        }
        finally
        {
            set_num_threads(previousThreads);
        }
    }

    /// <summary>
    /// Seeds the default generator, draws grid² codes (grid², L) ~ N(0, I) and decodes them into a grid picture.
    /// <c>train</c> writes its samples.png with this, so <c>sample</c> with the training seed redraws the same picture.
    /// </summary>
    public static PngImage Render(nn.Module model, long latentDim, int grid, long seed)
    {
        bool wasTraining = model.training;
        model.eval();
        try
        {
            using var _ = no_grad();
            manual_seed(seed);
            Tensor codes = randn(grid * grid, latentDim);                 // (grid²,L)
            Tensor images = ModelKinds.Decode(model, codes);              // (grid²,L) -> (grid²,784)
            return ImageGrid.Samples(images, nrow: grid, scale: 1);       // 8×8 of 28×28, padding 2 -> 242×242
        }
        finally
        {
            model.train(wasTraining);
        }
    }

    private static int Failure(TextWriter stderr, string message)
    {
        stderr.WriteLine($"vae sample: {message}");
        return ExitCodes.Failure;
    }
}
