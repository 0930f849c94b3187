using System.Globalization;
using System.Text.RegularExpressions;
using MiniTorch;
using VaeCourse.Checkpoints;
using VaeCourse.Data;
using VaeCourse.Models;
using VaeCourse.Training;
using Vae.Cli.Commands;
using static MiniTorch.torch;

namespace Vae.Cli.Tests.Commands;

[Collection(VerbCollection.Name)]
public sealed partial class EvalCommandTests(TrainedRun run) : IDisposable
{
    private const int Images = 200, K = 20, Seed = 4;

    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [RequiresMnistFact]
    public void Eval_prints_the_test_elbo_and_the_iw_bound_computed_as_the_library_computes_them()
    {
        VerbResult result = VaeTool.Run("eval", "--checkpoint", run.File("model.safetensors"), "--data", TestMnist.RequiredFolder,
            "--limit", $"{Images}", "--iw-samples", $"{K}", "--seed", $"{Seed}", "--threads", "1");

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains($"test set: {Images} mnist images", result.Stdout);   // the data set recorded in the checkpoint
        double elbo = Number(ElboLine().Match(result.Stdout));
        double logLikelihood = Number(IwLine().Match(result.Stdout));

        // Independently: the checkpoint's weights, the same seed, the ELBO then the bound in batches of 100.
        var model = new VaeCourse.Models.Vae(784, 400, TrainedRun.LatentDim);
        SafeTensors.LoadInto(run.File("model.safetensors"), model.state_dict());
        Tensor test = Mnist.Load(MnistDataset.Mnist, Split.Test, TestMnist.RequiredFolder, Images).Images;
        double expectedElbo, expectedLogLikelihood;
        int threads = get_num_threads();
        set_num_threads(1);
        try
        {
            manual_seed(Seed);
            expectedElbo = -Trainer.Evaluate(model, test, 128, 1.0);
            expectedLogLikelihood = ImportanceWeightedBound.MeanLogLikelihood(model, test, K, 100);
        }
        finally
        {
            set_num_threads(threads);
        }
        Assert.Equal(expectedElbo, elbo, 0.006);
        Assert.Equal(expectedLogLikelihood, logLikelihood, 0.006);
        // L_K ≥ L_1 = ELBO in expectation; over 200 images with K = 20 the gap is several nats.
        Assert.True(logLikelihood > elbo, $"IW bound {logLikelihood} not above the ELBO {elbo}");
        Assert.True(logLikelihood < 0);
        Assert.Contains($"IW bound, K={K}, images: {Images}/{Images}", result.Stdout);   // plain progress lines
    }

    [RequiresMnistFact]
    public void Dataset_option_overrides_the_checkpoints_data_set()
    {
        VerbResult result = VaeTool.Run(VaeTool.OnlyTheFolder, "eval", "--checkpoint", run.File("model.safetensors"), "--dataset", "fashion-mnist",
            "--data", DataSources.DebianFashionMnistFolder, "--limit", "100", "--iw-samples", "2");

        if (!File.Exists(Path.Combine(DataSources.DebianFashionMnistFolder, "t10k-images-idx3-ubyte.gz")))
        {
            Assert.Equal(ExitCodes.Failure, result.ExitCode);   // without Fashion-MNIST, at least the override was followed
            Assert.Contains("Fashion-MNIST test split not found", result.Stderr);
            return;
        }
        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("test set: 100 fashion-mnist images", result.Stdout);
        // A digit model is a poor model of clothes: its ELBO there is far below its MNIST ELBO (about -200 after 2 short epochs).
        Assert.True(Number(ElboLine().Match(result.Stdout)) < -250);
    }

    [RequiresMnistFact]
    public void Autoencoder_checkpoint_reports_its_squared_error_and_that_it_has_no_likelihood()
    {
        string checkpoint = _temp.File("ae.safetensors");
        manual_seed(5);
        ModelCheckpoint.Save(checkpoint, new Autoencoder(), new CheckpointInfo(ModelKind.Autoencoder, 784, 128, 64, "mnist", 5, 1));

        VerbResult result = VaeTool.Run("eval", "--checkpoint", checkpoint, "--data", TestMnist.RequiredFolder, "--limit", "50");

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Matches(@"test loss: \d+\.\d\d \(squared error per image\)", result.Stdout);
        Assert.Contains("not defined for an autoencoder", result.Stdout);
        Assert.DoesNotContain("IW log-likelihood (K=", result.Stdout);
    }

    [Fact]
    public void Missing_data_lists_the_places_looked_at()
    {
        string checkpoint = _temp.File("vae.safetensors");
        ModelCheckpoint.Save(checkpoint, new VaeCourse.Models.Vae(), new CheckpointInfo(ModelKind.Vae, 784, 400, 20, "fashion-mnist", 1, 1));
        string empty = _temp.File("empty");
        Directory.CreateDirectory(empty);

        VerbResult result = VaeTool.Run(VaeTool.OnlyTheFolder, "eval", "--checkpoint", checkpoint, "--data", empty);

        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        Assert.Contains("Fashion-MNIST test split not found", result.Stderr);   // the data set from the metadata
        Assert.Contains($"{empty} (folder argument): missing t10k-images-idx3-ubyte[.gz]", result.Stderr);
        Assert.Contains(Path.Combine(empty, "fashion-mnist"), result.Stderr);
    }

    [Theory]
    [InlineData(new[] { "eval" }, "Option '--checkpoint' is required")]
    [InlineData(new[] { "eval", "--checkpoint", "x", "--iw-samples", "0" }, "--iw-samples must be an integer of at least 1, got 0")]
    [InlineData(new[] { "eval", "--checkpoint", "x", "--limit", "0" }, "--limit must be an integer of at least 1, got 0")]
    [InlineData(new[] { "eval", "--checkpoint", "x", "--dataset", "svhn" }, "'svhn' not recognized")]
    public void Bad_arguments_exit_non_zero_naming_the_problem(string[] args, string message)
    {
        VerbResult result = VaeTool.Run(VaeTool.OnlyTheFolder, args);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(message, result.Stderr);
    }

    private static double Number(Match match)
    {
        Assert.True(match.Success, "line not printed");
        return double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"test ELBO: (-?\d+\.\d\d) nats per image")]
    private static partial Regex ElboLine();

    [GeneratedRegex(@"IW log-likelihood \(K=\d+\): (-?\d+\.\d\d) nats per image")]
    private static partial Regex IwLine();
}
