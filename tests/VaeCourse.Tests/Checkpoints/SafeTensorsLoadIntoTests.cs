using MiniTorch;
using VaeCourse.Checkpoints;

namespace VaeCourse.Tests.Checkpoints;

public sealed class SafeTensorsLoadIntoTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("st-loadinto").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string SaveCheckpoint(Dictionary<string, Tensor> tensors)
    {
        string path = Path.Combine(_folder, "checkpoint.safetensors");
        SafeTensors.Save(path, tensors, new Dictionary<string, string> { ["epoch"] = "7" });
        return path;
    }

    [Fact]
    public void Copies_values_into_the_existing_tensors_in_place()
    {
        string path = SaveCheckpoint(new()
        {
            ["fc1.weight"] = torch.tensor([1f, 2f, 3f, 4f, 5f, 6f], [2, 3]),
            ["fc1.bias"] = torch.tensor([7f, 8f], [2]),
            ["steps"] = torch.tensor([99L]),
        });
        var weight = torch.zeros(2, 3).requires_grad_();
        var bias = torch.zeros(2);
        var steps = torch.tensor([0L]);
        var model = new Dictionary<string, Tensor> { ["fc1.weight"] = weight, ["fc1.bias"] = bias, ["steps"] = steps };

        IReadOnlyDictionary<string, string> metadata = SafeTensors.LoadInto(path, model);

        Assert.Same(weight, model["fc1.weight"]);
        Assert.Equal([1f, 2f, 3f, 4f, 5f, 6f], weight.ToArray());
        Assert.True(weight.requires_grad);
        Assert.Equal([7f, 8f], bias.ToArray());
        Assert.Equal([99L], steps.data<long>().ToArray());
        Assert.Equal("7", metadata["epoch"]);
    }

    [Fact]
    public void Reports_every_missing_misshaped_mistyped_and_unexpected_tensor_and_changes_nothing()
    {
        string path = SaveCheckpoint(new()
        {
            ["fc1.weight"] = torch.ones(400, 20),
            ["fc1.bias"] = torch.ones(400),
            ["steps"] = torch.ones(1),
            ["old.layer"] = torch.ones(3),
        });
        var bias = torch.zeros(400);
        var model = new Dictionary<string, Tensor>
        {
            ["fc1.weight"] = torch.zeros(400, 784),
            ["fc1.bias"] = bias,
            ["steps"] = torch.tensor([0L]),
            ["fc2.weight"] = torch.zeros(20, 400),
        };

        var error = Assert.Throws<InvalidDataException>(() => SafeTensors.LoadInto(path, model));

        Assert.Contains(path, error.Message);
        Assert.Contains("tensor 'fc1.weight': expected shape (400,784), found (400,20)", error.Message);
        Assert.Contains("tensor 'steps': expected Int64, found Float32", error.Message);
        Assert.Contains("missing tensor 'fc2.weight' (expected Float32 (20,400))", error.Message);
        Assert.Contains("unexpected tensor 'old.layer' (3)", error.Message);
        Assert.DoesNotContain("fc1.bias", error.Message);
        Assert.All(bias.ToArray(), v => Assert.Equal(0f, v)); // the matching tensor was not half-loaded
    }

    [Fact]
    public void Non_strict_loading_ignores_extra_tensors_but_not_missing_ones()
    {
        string path = SaveCheckpoint(new() { ["a"] = torch.tensor([1f], [1]), ["extra"] = torch.ones(2) });
        var a = torch.zeros(1);
        SafeTensors.LoadInto(path, new Dictionary<string, Tensor> { ["a"] = a }, strict: false);
        Assert.Equal([1f], a.ToArray());

        var error = Assert.Throws<InvalidDataException>(() =>
            SafeTensors.LoadInto(path, new Dictionary<string, Tensor> { ["b"] = torch.zeros(1) }, strict: false));
        Assert.Contains("missing tensor 'b'", error.Message);
    }
}
