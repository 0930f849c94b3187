using System.Globalization;
using System.Text.Json;
using MiniTorch;
using VaeCourse.Checkpoints;
using VaeCourse.Data;
using VaeCourse.Training;
using Vae.Cli.Commands;
using static MiniTorch.torch;

namespace Vae.Cli.Tests.Commands;

[Collection(VerbCollection.Name)]
public sealed class TrainCommandTests(TrainedRun run) : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private static readonly string[] OutputFiles = ["metrics.json", "samples.png", "reconstructions.png", "loss.svg", "model.safetensors"];

    [RequiresMnistFact]
    public void Train_exits_zero_writes_the_five_files_and_prints_their_paths_and_the_final_test_loss()
    {
        VerbResult result = run.Result;

        Assert.True(result.ExitCode == 0, result.Stderr);
        foreach (string name in OutputFiles)
        {
            string path = Path.Combine(run.Output, name);
            Assert.True(File.Exists(path), $"{name} missing");
            Assert.True(new FileInfo(path).Length > 0, $"{name} empty");
            Assert.Contains(path, result.Stdout);
        }
        Assert.Empty(Directory.GetFiles(run.Output, "*.tmp"));   // atomic writes leave no temporary files
        double testLoss = JsonDocument.Parse(File.ReadAllText(run.File("metrics.json"))).RootElement.GetProperty("test_loss").GetDouble();
        Assert.Contains($"final test loss: {testLoss.ToString("F2", CultureInfo.InvariantCulture)} per image", result.Stdout);
        Assert.Contains($"{TrainedRun.Limit} training and {TrainedRun.Limit} test images", result.Stdout);
    }

    [RequiresMnistFact]
    public void Metrics_json_has_exactly_the_documented_keys_and_agrees_with_the_epoch_lines()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(run.File("metrics.json")));
        JsonElement root = document.RootElement;

        Assert.Equal(["model", "dataset", "seed", "threads", "epochs", "test_loss", "total_seconds"],
            root.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal("vae", root.GetProperty("model").GetString());
        Assert.Equal("mnist", root.GetProperty("dataset").GetString());
        Assert.Equal(TrainedRun.Seed, root.GetProperty("seed").GetInt64());
        Assert.Equal(TrainedRun.Threads, root.GetProperty("threads").GetInt32());

        JsonElement[] epochs = root.GetProperty("epochs").EnumerateArray().ToArray();
        Assert.Equal(TrainedRun.Epochs, epochs.Length);
        for (int i = 0; i < epochs.Length; i++)
        {
            JsonElement e = epochs[i];
            Assert.Equal(["epoch", "train_loss", "test_loss", "train_bce", "train_kl", "seconds"], e.EnumerateObject().Select(p => p.Name).ToArray());
            Assert.Equal(i + 1, e.GetProperty("epoch").GetInt32());
            double train = e.GetProperty("train_loss").GetDouble(), bce = e.GetProperty("train_bce").GetDouble(), kl = e.GetProperty("train_kl").GetDouble();
            // Per image, as the PyTorch example prints: a 784-pixel BCE of a barely trained model is ~100-550 nats, not a sum over 512 images.
            Assert.InRange(train, 50, 600);
            Assert.Equal(train, bce + kl, 1e-3 * train);   // beta = 1: the loss is BCE + KL
            Assert.True(kl > 0);
            string line = $"epoch {i + 1}/{TrainedRun.Epochs}  train {F(train)}  test {F(e.GetProperty("test_loss").GetDouble())}  bce {F(bce)}  kl {F(kl)}";
            Assert.Contains(line, run.Result.Stdout);
        }
        Assert.Equal(epochs[^1].GetProperty("test_loss").GetDouble(), root.GetProperty("test_loss").GetDouble());
        Assert.True(epochs[1].GetProperty("train_loss").GetDouble() < epochs[0].GetProperty("train_loss").GetDouble(), "training did not lower the loss");
    }

    [RequiresMnistFact]
    public void Pictures_are_pngs_of_torchvision_grid_sizes_and_the_chart_is_svg()
    {
        // 8×8 samples of 28×28 with 2 pixels of padding; 8 originals over 8 reconstructions.
        Assert.Equal((PngFile.GridSide(8, 28, 2), PngFile.GridSide(8, 28, 2)), PngFile.Size(run.File("samples.png")));
        Assert.Equal((242, 242), PngFile.Size(run.File("samples.png")));
        Assert.Equal((PngFile.GridSide(8, 28, 2), PngFile.GridSide(2, 28, 2)), PngFile.Size(run.File("reconstructions.png")));
        string svg = File.ReadAllText(run.File("loss.svg"));
        Assert.StartsWith("<svg", svg.TrimStart());
        Assert.Contains("vae on mnist", svg);
    }

    [RequiresMnistFact]
    public void Checkpoint_records_the_model_and_loads_back_into_a_model_with_the_reported_test_loss()
    {
        SafeTensorsFile file = SafeTensors.Read(run.File("model.safetensors"));
        Assert.Equal("vae", file.Metadata["model"]);
        Assert.Equal("784", file.Metadata["input_dim"]);
        Assert.Equal("400", file.Metadata["hidden_dim"]);
        Assert.Equal($"{TrainedRun.LatentDim}", file.Metadata["latent_dim"]);
        Assert.Equal("mnist", file.Metadata["dataset"]);
        Assert.Equal($"{TrainedRun.Seed}", file.Metadata["seed"]);
        Assert.Equal("1", file.Metadata["beta"]);

        var model = new VaeCourse.Models.Vae(784, 400, TrainedRun.LatentDim);
        SafeTensors.CopyInto(file.Tensors, model.state_dict(), "checkpoint");
        Tensor test = Mnist.Load(MnistDataset.Mnist, Split.Test, TestMnist.RequiredFolder, TrainedRun.Limit).Images;
        manual_seed(11);
        double loss = Trainer.Evaluate(model, test);
        double reported = JsonDocument.Parse(File.ReadAllText(run.File("metrics.json"))).RootElement.GetProperty("test_loss").GetDouble();
        // The same weights on the same 512 images: only the one-sample z differs (an untrained model scores ~540).
        Assert.Equal(reported, loss, 0.02 * reported);
    }

    [RequiresMnistFact]
    public void Samples_png_is_the_picture_sample_draws_with_the_training_seed()
    {
        string again = _temp.File("again.png");
        VerbResult result = VaeTool.Run("sample", "--checkpoint", run.File("model.safetensors"), "--seed", $"{TrainedRun.Seed}", "--out", again);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(File.ReadAllBytes(run.File("samples.png")), File.ReadAllBytes(again));
    }

    [RequiresMnistFact]
    public void Autoencoder_trains_with_its_default_code_size_and_notes_that_its_samples_have_no_prior()
    {
        string output = _temp.File("ae");
        VerbResult result = VaeTool.Run("train", "--model", "ae", "--data", TestMnist.RequiredFolder, "--limit", "256", "--epochs", "1",
            "--threads", "1", "--out", output);

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.All(OutputFiles, name => Assert.True(File.Exists(Path.Combine(output, name)), name));
        Assert.Contains("no prior", result.Stderr);
        var metadata = SafeTensors.Read(Path.Combine(output, "model.safetensors")).Metadata;
        Assert.Equal(("ae", "128", "64"), (metadata["model"], metadata["hidden_dim"], metadata["latent_dim"]));
        JsonElement epoch = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "metrics.json"))).RootElement.GetProperty("epochs")[0];
        Assert.Equal((0.0, 0.0), (epoch.GetProperty("train_bce").GetDouble(), epoch.GetProperty("train_kl").GetDouble()));
        Assert.Contains("256 training and 256 test images", result.Stdout);
    }

    [RequiresMnistFact]
    public void Limit_above_the_training_set_is_refused_with_the_sizes()
    {
        VerbResult result = VaeTool.Run("train", "--data", TestMnist.RequiredFolder, "--limit", "60001", "--out", _temp.File("x"));

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("60001", result.Stderr);
        Assert.Contains("60000", result.Stderr);
    }

    [Theory]
    [InlineData("--epochs", "-3", "--epochs must be an integer of at least 1, got -3")]
    [InlineData("--epochs", "0", "--epochs must be an integer of at least 1, got 0")]
    [InlineData("--batch-size", "0", "--batch-size must be an integer of at least 1")]
    [InlineData("--lr", "0", "--lr must be a finite number above 0")]
    [InlineData("--beta", "-1", "--beta must be a finite number of at least 0")]
    [InlineData("--latent-dim", "0", "--latent-dim must be an integer of at least 1")]
    [InlineData("--threads", "0", "--threads must be an integer of at least 1")]
    [InlineData("--limit", "-5", "--limit must be an integer of at least 1")]
    [InlineData("--model", "gan", "'gan' not recognized")]
    [InlineData("--dataset", "cifar", "'cifar' not recognized")]
    [InlineData("--epochs", "ten", "--epochs must be an integer of at least 1, got ten")]
    [InlineData("--lr", "fast", "--lr must be a finite number above 0, got fast")]
    public void Bad_arguments_exit_non_zero_naming_the_problem_before_any_work(string option, string value, string message)
    {
        string output = _temp.File("never");
        VerbResult result = VaeTool.Run(VaeTool.OnlyTheFolder, "train", option, value, "--out", output);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(message, result.Stderr);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void Missing_data_lists_the_places_looked_at()
    {
        string empty = _temp.File("no-data");
        Directory.CreateDirectory(empty);

        VerbResult result = VaeTool.Run(VaeTool.OnlyTheFolder, "train", "--data", empty, "--out", _temp.File("out"));

        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        Assert.Contains("MNIST train split not found", result.Stderr);
        Assert.Contains($"{empty} (folder argument): missing train-images-idx3-ubyte[.gz] and train-labels-idx1-ubyte[.gz]", result.Stderr);
        Assert.Contains(Path.Combine(empty, "mnist"), result.Stderr);
        Assert.Contains("--data DIR", result.Stderr);
        Assert.DoesNotContain("epoch", result.Stdout);
    }

    [RequiresMnistFact]
    public void Conv_vae_trains_and_its_checkpoint_is_sampled_and_evaluated()
    {
        string output = _temp.File("conv");
        VerbResult trained = VaeTool.Run("train", "--model", "conv-vae", "--data", TestMnist.RequiredFolder, "--limit", "256",
            "--epochs", "1", "--latent-dim", "6", "--threads", "1", "--out", output);

        Assert.True(trained.ExitCode == 0, trained.Stderr);
        Assert.All(OutputFiles, name => Assert.True(File.Exists(Path.Combine(output, name)), name));
        string checkpoint = Path.Combine(output, "model.safetensors");
        SafeTensorsFile file = SafeTensors.Read(checkpoint);
        Assert.Equal(("conv-vae", "784", "0", "6"), (file.Metadata["model"], file.Metadata["input_dim"], file.Metadata["hidden_dim"], file.Metadata["latent_dim"]));
        Assert.Equal(VaeCourse.Models.ConvVae.ParameterCount(6), file.Tensors.Values.Sum(t => t.numel()));
        Assert.Equal("conv-vae", JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "metrics.json"))).RootElement.GetProperty("model").GetString());
        Assert.Equal((242, 242), PngFile.Size(Path.Combine(output, "samples.png")));

        string picture = _temp.File("conv.png");
        VerbResult sampled = VaeTool.Run("sample", "--checkpoint", checkpoint, "--grid", "3", "--out", picture);
        Assert.True(sampled.ExitCode == 0, sampled.Stderr);
        Assert.Equal((PngFile.GridSide(3, 28, 2), PngFile.GridSide(3, 28, 2)), PngFile.Size(picture));

        VerbResult evaluated = VaeTool.Run("eval", "--checkpoint", checkpoint, "--data", TestMnist.RequiredFolder, "--limit", "100", "--iw-samples", "5");
        Assert.True(evaluated.ExitCode == 0, evaluated.Stderr);
        Assert.Contains("conv-vae with latent 6, trained on mnist", evaluated.Stdout);
        Assert.Matches(@"test ELBO: -\d+\.\d\d nats per image", evaluated.Stdout);
        Assert.Matches(@"IW log-likelihood \(K=5\): -\d+\.\d\d nats per image", evaluated.Stdout);
    }

    [Fact]
    public void Output_folder_that_is_a_file_is_refused()
    {
        string file = _temp.File("a-file");
        File.WriteAllText(file, "not a folder");

        VerbResult result = VaeTool.Run(VaeTool.OnlyTheFolder, "train", "--out", file);

        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        Assert.Contains($"cannot create the output folder {file}", result.Stderr);
        Assert.Equal("not a folder", File.ReadAllText(file));
    }

    private static string F(double value) => value.ToString("F2", CultureInfo.InvariantCulture);
}
