using System.CommandLine;
using MiniTorch;
using VaeCourse.Data;
using VaeCourse.Models;
using VaeCourse.Training;
using static MiniTorch.torch;

namespace Vae.Cli.Commands;

/// <summary>
/// <c>vae eval --checkpoint FILE [--iw-samples 100] [--dataset D] [--data DIR] [--limit N] [--seed 1] [--threads N]</c>:
/// the test-set ELBO (one z per image, as training reports it) and the importance-weighted bound L_K on the
/// log-likelihood (Burda et al. 2016), the number papers quote as the test log-likelihood.
/// </summary>
internal static class EvalCommand
{
    /// <summary>Images per importance-weighted batch (each decodes K·batch codes).</summary>
    public const int IwBatchSize = 100;

    public static Command Create(Func<string?, DataSources>? dataSources = null)
    {
        var checkpoint = new Option<string>("--checkpoint")
        {
            Description = "A model.safetensors written by `vae train`.", HelpName = "FILE", Required = true,
        };
        var samples = CliOptions.AtLeast("--iw-samples", 1, 100, "Importance samples K per test image for the log-likelihood bound L_K (K = 1 gives the ELBO).", "K");
        var data = DataOptions.Create(
            "The test set [default: the data set recorded in the checkpoint].",
            "Evaluate on the first N test images only (the bound costs K decodes per image).");
        var seed = CliOptions.Seed("Seed of the random draws (z for the ELBO, the K importance samples).");
        var threads = CliOptions.Threads();

        var command = new Command("eval", "Print the test ELBO and the importance-weighted log-likelihood bound of a trained model.")
        {
            checkpoint, samples, seed, threads,
        };
        data.AddTo(command);
        command.SetAction(parsed => Run(
            parsed.GetRequiredValue(checkpoint), parsed.GetValue(samples), parsed.GetValue(data.Dataset), parsed.GetValue(data.Folder),
            parsed.GetValue(data.Limit), parsed.GetValue(seed), CliOptions.ThreadsOrAllCores(parsed.GetValue(threads)),
            parsed.InvocationConfiguration.Output, parsed.InvocationConfiguration.Error, dataSources ?? DatasetLoader.DefaultSources));
        return command;
    }

    internal static int Run(string checkpointPath, int iwSamples, string? dataset, string? dataFolder, int? limit, long seed, int threads,
        TextWriter stdout, TextWriter stderr, Func<string?, DataSources> dataSources)
    {
        int previousThreads = get_num_threads();
        set_num_threads(threads);
        try
        {
            var (model, info) = ModelCheckpoint.Load(checkpointPath);
            stdout.WriteLine($"{checkpointPath}: {info.Describe()}");
            string name = dataset ?? info.Dataset;
            if (!DataOptions.DatasetNames.Contains(name))
                return Failure(stderr, $"{checkpointPath} records the data set '{name}', which is none of {string.Join(", ", DataOptions.DatasetNames)}; pass --dataset");

            LoadedImages test = new DatasetLoader(dataSources, stdout).Load(name, Split.Test, dataFolder, limit);
            if (test.Images.size(1) != info.InputDim)
                return Failure(stderr, $"the {name} images have {test.Images.size(1)} pixels but the model in {checkpointPath} takes {info.InputDim}");
            stdout.WriteLine($"test set: {test.Count} {name} images from {test.SourceFolder}; seed {seed}, {threads} thread{(threads == 1 ? "" : "s")}");

            manual_seed(seed);
            if (!info.Kind.IsVariational())
            {
                double squaredError = Trainer.Evaluate(model, test.Images);
                stdout.WriteLine($"test loss: {ConsoleProgress.F(squaredError, 2)} (squared error per image)");
                stdout.WriteLine("ELBO and IW log-likelihood: not defined for an autoencoder (it has no prior p(z) and no likelihood p(x|z))");
                return ExitCodes.Success;
            }

            double elbo = -Trainer.Evaluate(model, test.Images, beta: 1.0);
            stdout.WriteLine($"test ELBO: {ConsoleProgress.F(elbo, 2)} nats per image (one z per image; beta = 1 whatever the training beta)");

            double logLikelihood = ConsoleProgress.Steps(ConsoleProgress.InteractiveConsole(stdout), stdout,
                $"IW bound, K={iwSamples}, images", test.Count, done => MeanLogLikelihood(model, test.Images, iwSamples, done));
            stdout.WriteLine($"IW log-likelihood (K={iwSamples}): {ConsoleProgress.F(logLikelihood, 2)} nats per image " +
                             $"(a lower bound on log p(x); test NLL <= {ConsoleProgress.F(-logLikelihood, 2)})");
            return ExitCodes.Success;
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException or ArgumentOutOfRangeException)
        {
            // DatasetNotFoundException (an IOException) lists every place looked at and how to provide the files.
            return Failure(stderr, DatasetLoader.Explain(e));
        }
        finally
        {
            set_num_threads(previousThreads);
        }
    }

    // ImportanceWeightedBound.MeanLogLikelihood, one batch at a time so the caller can show progress.
    private static double MeanLogLikelihood(nn.Module model, Tensor images, int samples, Action<long> done)
    {
        long n = images.size(0);
        double sum = 0;
        done(0);
        for (long start = 0; start < n; start += IwBatchSize)
        {
            long count = Math.Min(IwBatchSize, n - start);
            Tensor batch = images.narrow(0, start, count);                                // (B,784)
            double[] perImage = model switch
            {
                VaeCourse.Models.Vae vae => ImportanceWeightedBound.LogLikelihood(vae, batch, samples),
                ConvVae convVae => ImportanceWeightedBound.LogLikelihood(convVae, batch, samples),
                _ => throw new InvalidDataException($"eval: no importance-weighted bound for a {model.GetType().Name}"),
            };
            foreach (double value in perImage) sum += value;
            done(start + count);
        }
        return sum / n;
    }

    private static int Failure(TextWriter stderr, string message)
    {
        stderr.WriteLine($"vae eval: {message}");
        return ExitCodes.Failure;
    }
}
