using MiniTorch;
using VaeCourse.Checkpoints;
using VaeCourse.Imaging;
using VaeCourse.Models;
using Vae.Cli.Commands;
using static MiniTorch.torch;

namespace Vae.Cli.Tests.Commands;

[Collection(VerbCollection.Name)]
public sealed class SampleCommandTests(TrainedRun run) : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [RequiresMnistFact]
    public void Sample_decodes_seeded_normal_codes_into_a_grid_of_the_requested_size()
    {
        string output = _temp.File("nested/folder/grid.png");
        VerbResult result = VaeTool.Run("sample", "--checkpoint", run.File("model.safetensors"), "--grid", "4", "--seed", "7",
            "--threads", "1", "--out", output);

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal((PngFile.GridSide(4, 28, 2), PngFile.GridSide(4, 28, 2)), PngFile.Size(output));
        Assert.Contains($"wrote {output}", result.Stdout);
        Assert.Equal("", result.Stderr);

        // The same picture built by hand from the checkpoint: seed 7, 16 codes z ~ N(0, I), decoded, tiled 4 per row.
        var model = new VaeCourse.Models.Vae(784, 400, TrainedRun.LatentDim);
        SafeTensors.LoadInto(run.File("model.safetensors"), model.state_dict());
        byte[] expected;
        int threads = get_num_threads();
        set_num_threads(1);
        try
        {
            using var _ = no_grad();
            manual_seed(7);
            Tensor images = model.decode(randn(16, TrainedRun.LatentDim));
            expected = ImageGrid.Make(images, nrow: 4, padding: 2).ToPngBytes();
        }
        finally
        {
            set_num_threads(threads);
        }
        Assert.Equal(expected, File.ReadAllBytes(output));
    }

    [RequiresMnistFact]
    public void Different_seeds_give_different_pictures_and_the_same_seed_the_same()
    {
        string a = _temp.File("a.png"), b = _temp.File("b.png"), c = _temp.File("c.png");
        foreach (var (path, seed) in new[] { (a, "1"), (b, "2"), (c, "1") })
            Assert.Equal(0, VaeTool.Run("sample", "--checkpoint", run.File("model.safetensors"), "--seed", seed, "--out", path).ExitCode);

        Assert.NotEqual(File.ReadAllBytes(a), File.ReadAllBytes(b));
        Assert.Equal(File.ReadAllBytes(a), File.ReadAllBytes(c));
    }

    [Fact]
    public void Autoencoder_checkpoint_is_sampled_with_a_warning_that_it_has_no_prior()
    {
        string checkpoint = _temp.File("ae.safetensors");
        manual_seed(5);
        var model = new Autoencoder();
        ModelCheckpoint.Save(checkpoint, model, new CheckpointInfo(ModelKind.Autoencoder, 784, 128, 64, "mnist", 5, 1));
        string output = _temp.File("ae.png");

        VerbResult result = VaeTool.Run("sample", "--checkpoint", checkpoint, "--grid", "2", "--out", output);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("warning: an autoencoder has no prior p(z)", result.Stderr);
        Assert.Equal((PngFile.GridSide(2, 28, 2), PngFile.GridSide(2, 28, 2)), PngFile.Size(output));
    }

    [Fact]
    public void Missing_checkpoint_option_is_a_usage_error()
    {
        VerbResult result = VaeTool.Run("sample", "--out", _temp.File("x.png"));

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("Option '--checkpoint' is required", result.Stderr);
    }

    [Fact]
    public void Grid_must_be_positive()
    {
        VerbResult result = VaeTool.Run("sample", "--checkpoint", "whatever", "--grid", "0", "--out", _temp.File("x.png"));

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("--grid must be an integer of at least 1, got 0", result.Stderr);
    }

    [Fact]
    public void Checkpoint_that_does_not_exist_is_named()
    {
        string missing = _temp.File("nope.safetensors");
        VerbResult result = VaeTool.Run("sample", "--checkpoint", missing, "--out", _temp.File("x.png"));

        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        Assert.Contains(missing, result.Stderr);
        Assert.Contains("no such file", result.Stderr);
        Assert.False(File.Exists(_temp.File("x.png")));
    }

    [Fact]
    public void Checkpoint_that_is_not_safetensors_is_named()
    {
        string garbage = _temp.File("garbage.safetensors");
        File.WriteAllText(garbage, "this is not a checkpoint");

        VerbResult result = VaeTool.Run("sample", "--checkpoint", garbage, "--out", _temp.File("x.png"));

        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        Assert.Contains(garbage, result.Stderr);
    }

    [Fact]
    public void Checkpoint_without_metadata_is_refused_naming_the_file()
    {
        string bare = _temp.File("bare.safetensors");
        SafeTensors.Save(bare, new VaeCourse.Models.Vae().state_dict());

        VerbResult result = VaeTool.Run("sample", "--checkpoint", bare, "--out", _temp.File("x.png"));

        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        Assert.Contains($"{bare}: the checkpoint has no metadata", result.Stderr);
    }

    [Fact]
    public void Checkpoint_whose_tensors_do_not_match_its_metadata_names_the_tensor()
    {
        // Metadata says latent 20, the tensors are those of a latent-8 VAE.
        string mismatched = _temp.File("mismatched.safetensors");
        SafeTensors.Save(mismatched, new VaeCourse.Models.Vae(latentDim: 8).state_dict(),
            new CheckpointInfo(ModelKind.Vae, 784, 400, 20, "mnist", 1, 1).ToMetadata());

        VerbResult result = VaeTool.Run("sample", "--checkpoint", mismatched, "--out", _temp.File("x.png"));

        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        Assert.Contains(mismatched, result.Stderr);
        Assert.Contains("tensor 'fc21.weight': expected shape (20,400), found (8,400)", result.Stderr);
    }

    [Fact]
    public void Checkpoint_describing_a_model_that_cannot_exist_is_refused_naming_the_file()
    {
        // A convolutional VAE of 100-pixel images: the metadata parses, but no such model can be built.
        string impossible = _temp.File("impossible.safetensors");
        SafeTensors.Save(impossible, new ConvVae(4).state_dict(), new CheckpointInfo(ModelKind.ConvVae, 100, 0, 4, "mnist", 1, 1).ToMetadata());

        VerbResult result = VaeTool.Run("sample", "--checkpoint", impossible, "--out", _temp.File("x.png"));

        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        Assert.Contains($"{impossible}: the metadata describes a model that cannot be built: conv-vae takes 28×28 images (784 pixels)", result.Stderr);
    }

    [Fact]
    public void Out_that_is_a_folder_is_refused()
    {
        VerbResult result = VaeTool.Run("sample", "--checkpoint", "whatever", "--out", _temp.Path);

        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        Assert.Contains("is a folder", result.Stderr);
    }
}
