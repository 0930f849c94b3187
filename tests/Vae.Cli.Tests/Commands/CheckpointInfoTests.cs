using Vae.Cli.Commands;

namespace Vae.Cli.Tests.Commands;

public sealed class CheckpointInfoTests
{
    private static readonly CheckpointInfo Example = new(ModelKind.Vae, 784, 400, 20, "fashion-mnist", -7, 0.25);

    private static Dictionary<string, string> Metadata(params (string Key, string? Value)[] changes)
    {
        var metadata = Example.ToMetadata().ToDictionary(kv => kv.Key, kv => kv.Value);
        foreach (var (key, value) in changes)
            if (value is null) metadata.Remove(key);
            else metadata[key] = value;
        return metadata;
    }

    [Fact]
    public void Metadata_holds_every_field_as_a_string_and_reads_back_equal()
    {
        var metadata = Metadata();

        Assert.Equal(new Dictionary<string, string>
        {
            ["format"] = "vae-course-checkpoint/1", ["model"] = "vae", ["input_dim"] = "784", ["hidden_dim"] = "400",
            ["latent_dim"] = "20", ["dataset"] = "fashion-mnist", ["seed"] = "-7", ["beta"] = "0.25",
        }, metadata);
        Assert.Equal(Example, CheckpointInfo.FromMetadata(metadata, "x"));
    }

    [Theory]
    [InlineData(0, "vae")]
    [InlineData(1, "ae")]
    [InlineData(2, "conv-vae")]
    public void Every_model_kind_round_trips_through_its_name(int kindIndex, string name)
    {
        var kind = (ModelKind)kindIndex;   // the enum is internal to the tool, so the data carries its index
        Assert.Equal(name, kind.Name());
        Assert.Equal(name, Metadata(("model", name))["model"]);
        Assert.Equal(kind, CheckpointInfo.FromMetadata(Metadata(("model", name)), "x").Kind);
    }

    [Fact]
    public void Every_problem_is_reported_at_once_naming_the_file()
    {
        var metadata = Metadata(("latent_dim", null), ("model", "gan"), ("input_dim", "-784"), ("beta", "NaN"), ("seed", "1.5"));

        var error = Assert.Throws<InvalidDataException>(() => CheckpointInfo.FromMetadata(metadata, "/runs/vae/model.safetensors"));

        Assert.StartsWith("/runs/vae/model.safetensors: bad checkpoint metadata: ", error.Message);
        Assert.Contains("'latent_dim' is missing", error.Message);
        Assert.Contains("'model' = 'gan' is none of vae, ae, conv-vae", error.Message);
        Assert.Contains("'input_dim' = '-784' is not a positive integer", error.Message);
        Assert.Contains("'beta' = 'NaN' is not a finite non-negative number", error.Message);
        Assert.Contains("'seed' = '1.5' is not an integer", error.Message);
    }

    [Fact]
    public void Another_format_is_refused()
    {
        var error = Assert.Throws<InvalidDataException>(() => CheckpointInfo.FromMetadata(Metadata(("format", "other/2")), "f"));

        Assert.Contains("'format' = 'other/2', expected 'vae-course-checkpoint/1'", error.Message);
    }

    [Fact]
    public void No_metadata_at_all_says_so()
    {
        var error = Assert.Throws<InvalidDataException>(() => CheckpointInfo.FromMetadata(new Dictionary<string, string>(), "f.safetensors"));

        Assert.Contains("f.safetensors: the checkpoint has no metadata", error.Message);
    }
}
