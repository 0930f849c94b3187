using System.CommandLine;
using NotebookRunner;
using VaeCourse.Data;
using VaeCourse.Training;
using static MiniTorch.torch;

namespace Vae.Cli.Commands;

/// <summary>What <c>vae train</c> was asked to do, after parsing and range checks.</summary>
internal sealed record TrainSettings(
    ModelKind Model, string Dataset, string? DataFolder, int Epochs, int BatchSize, double LearningRate,
    long? LatentDim, double Beta, long Seed, int Threads, int? Limit, string? OutputFolder);

/// <summary>
/// <c>vae train [--model vae|ae|conv-vae] [--dataset mnist|fashion-mnist] [--data DIR] [--epochs 10]
/// [--batch-size 128] [--lr 0.001] [--latent-dim 20] [--beta 1] [--seed 1] [--threads N] [--limit N] [--out DIR]</c>:
/// the course's main job. Trains with the PyTorch example's recipe and writes metrics.json, samples.png,
/// reconstructions.png, loss.svg and model.safetensors to <c>--out</c> (default runs/&lt;model&gt; in the repository).
/// </summary>
internal static class TrainCommand
{
    public static Command Create(Func<string?, DataSources>? dataSources = null)
    {
        var model = new Option<string>("--model")
        {
            Description = "vae: the 784-400-20 VAE of the PyTorch example; ae: the 784-128-64 autoencoder baseline; conv-vae: the convolutional VAE.",
            HelpName = "vae|ae|conv-vae",
            DefaultValueFactory = _ => "vae",
        };
        model.AcceptOnlyFromAmong(ModelKinds.Names);
        var data = DataOptions.Create(
            "The data set [default: mnist].",
            "Train on the first N training images only, and test on the first min(N, 10000) test images (quick runs).");
        var epochs = CliOptions.AtLeast("--epochs", 1, 10, "Passes over the training set.");
        var batchSize = CliOptions.AtLeast("--batch-size", 1, 128, "Images per optimisation step.");
        var learningRate = CliOptions.NonNegative("--lr", 1e-3, "Adam's learning rate.", strictlyPositive: true);
        var latentDim = CliOptions.OptionalAtLeast("--latent-dim", 1, "Size of the latent code [default: 20 for the VAEs, 64 for the autoencoder].");
        var beta = CliOptions.NonNegative("--beta", 1.0, "Weight of the KL term (1: the VAE; other values: a beta-VAE). Ignored by the autoencoder.");
        var seed = CliOptions.Seed("Seed of the default generator: initial weights, shuffles and every random draw.");
        var threads = CliOptions.Threads();
        var output = new Option<string?>("--out")
        {
            Description = "Folder for the outputs, created if missing [default: runs/<model> in the repository].",
            HelpName = "DIR",
        };

        var command = new Command("train", "Train a model and write metrics.json, samples.png, reconstructions.png, loss.svg and model.safetensors.")
        {
            model, epochs, batchSize, learningRate, latentDim, beta, seed, threads, output,
        };
        data.AddTo(command);
        command.SetAction(parsed =>
        {
            ModelKinds.TryParse(parsed.GetValue(model), out ModelKind kind);
            var settings = new TrainSettings(kind, parsed.GetValue(data.Dataset) ?? "mnist", parsed.GetValue(data.Folder),
                parsed.GetValue(epochs), parsed.GetValue(batchSize), parsed.GetValue(learningRate), parsed.GetValue(latentDim),
                parsed.GetValue(beta), parsed.GetValue(seed), CliOptions.ThreadsOrAllCores(parsed.GetValue(threads)),
                parsed.GetValue(data.Limit), parsed.GetValue(output));
            return Run(settings, parsed.InvocationConfiguration.Output, parsed.InvocationConfiguration.Error,
                dataSources ?? DatasetLoader.DefaultSources);
        });
        return command;
    }

    internal static int Run(TrainSettings settings, TextWriter stdout, TextWriter stderr, Func<string?, DataSources> dataSources)
    {
        string folder = Path.GetFullPath(settings.OutputFolder ?? DefaultOutputFolder(settings.Model));
        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Failure(stderr, $"cannot create the output folder {folder}: {e.Message}");
        }

        LoadedImages train, test;
        try
        {
            var loader = new DatasetLoader(dataSources, stdout);
            train = loader.Load(settings.Dataset, Split.Train, settings.DataFolder, settings.Limit);
            test = loader.LoadAtMost(settings.Dataset, Split.Test, settings.DataFolder, settings.Limit);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException or ArgumentOutOfRangeException)
        {
            // DatasetNotFoundException (an IOException) lists every place looked at and how to provide the files.
            return Failure(stderr, DatasetLoader.Explain(e));
        }

        ModelKind kind = settings.Model;
        long inputDim = train.Images.size(1), hiddenDim = kind.DefaultHiddenDim();
        long latentDim = settings.LatentDim ?? kind.DefaultLatentDim();
        var info = new CheckpointInfo(kind, inputDim, hiddenDim, latentDim, settings.Dataset, settings.Seed, settings.Beta);
        var options = new TrainingOptions
        {
            Epochs = settings.Epochs,
            BatchSize = settings.BatchSize,
            LearningRate = settings.LearningRate,
            Beta = settings.Beta,
            Seed = settings.Seed,
            Threads = settings.Threads,
            ModelName = kind.Name(),
            Dataset = settings.Dataset,
        };

        stdout.WriteLine($"training {info.ModelSummary} on {info.Dataset} ({info.Hyperparameters})");
        stdout.WriteLine($"  {train.Count} training and {test.Count} test images from {train.SourceFolder}");
        stdout.WriteLine($"  {settings.Epochs} epoch{(settings.Epochs == 1 ? "" : "s")}, batch {settings.BatchSize}, Adam lr {settings.LearningRate}, {settings.Threads} thread{(settings.Threads == 1 ? "" : "s")}");

        int previousThreads = get_num_threads();
        set_num_threads(settings.Threads);
        try
        {
            TrainingResult<nn.Module> result = ConsoleProgress.Training(ConsoleProgress.InteractiveConsole(stdout), stdout, kind.IsVariational(),
                progress => Trainer.Train(() => kind.Create(inputDim, hiddenDim, latentDim), train.Images, test.Images, options, progress));

            if (!kind.IsVariational()) stderr.WriteLine($"vae train: note: samples.png: {SampleCommand.NoPriorWarning}");
            IReadOnlyList<string> written = TrainingOutputs.Write(folder, result, info, test.Images);

            stdout.WriteLine($"final test loss: {ConsoleProgress.F(result.History.TestLoss, 2)} per image " +
                             $"({(kind.IsVariational() ? "one-sample -ELBO, nats" : "squared error")}); " +
                             $"{ConsoleProgress.F(result.History.TotalSeconds, 1)} s in all");
            stdout.WriteLine("wrote:");
            foreach (string path in written) stdout.WriteLine($"  {path}");
            return ExitCodes.Success;
        }
        catch (ArgumentException e) when (e is not ArgumentOutOfRangeException)
        {
            // The model does not fit the data (conv-vae on images that are not 28×28).
            return Failure(stderr, e.Message);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Failure(stderr, $"cannot write the outputs to {folder}: {e.Message}");
        }
        finally
        {
            set_num_threads(previousThreads);
        }
    }

    /// <summary>runs/&lt;model&gt; in the repository around the current folder (or the tool's), else in the current folder.</summary>
    internal static string DefaultOutputFolder(ModelKind kind)
    {
        string root = NotebookDiscovery.FindRepositoryRoot(Environment.CurrentDirectory)
                      ?? NotebookDiscovery.FindRepositoryRoot(AppContext.BaseDirectory)
                      ?? Environment.CurrentDirectory;
        return Path.Combine(root, "runs", kind.Name());
    }

    private static int Failure(TextWriter stderr, string message)
    {
        stderr.WriteLine($"vae train: {message}");
        return ExitCodes.Failure;
    }
}
