using MiniTorch;
using VaeCourse.Tests.TestSupport;
using static MiniTorch.torch;

namespace VaeCourse.Tests.Engine.Nn;

/// <summary>The parameter-free layers: each forwards to its tensor op with the PyTorch defaults.</summary>
public class LayersTests
{
    private static readonly Tensor X = TestTensors.Uniform(new long[] { 2, 12 }, -3, 3, seed: 1);

    [Fact]
    public void Activations_equal_their_tensor_ops()
    {
        Assert.Equal(X.relu().ToArray(), nn.ReLU().forward(X).ToArray());
        Assert.Equal(X.sigmoid().ToArray(), nn.Sigmoid().forward(X).ToArray());
        Assert.Equal(X.tanh().ToArray(), nn.Tanh().forward(X).ToArray());
        Assert.Equal(X.softplus().ToArray(), nn.Softplus().forward(X).ToArray());
        Assert.Equal(X.softplus(2, 5).ToArray(), nn.Softplus(beta: 2, threshold: 5).forward(X).ToArray());
        Assert.Empty(nn.ReLU().parameters());
    }

    [Fact]
    public void Unflatten_and_flatten_round_trip_an_image_batch()
    {
        // (B,784) -> (B,1,28,28) -> (B,784), keeping the batch dimension as PyTorch's Flatten(start_dim=1) does.
        var batch = TestTensors.Uniform(new long[] { 3, 784 }, 0, 1, seed: 2);
        var images = nn.Unflatten(1, new long[] { 1, 28, 28 }).forward(batch);
        Assert.Equal(new long[] { 3, 1, 28, 28 }, images.shape);
        var flat = nn.Flatten().forward(images);
        Assert.Equal(new long[] { 3, 784 }, flat.shape);
        Assert.Equal(batch.ToArray(), flat.ToArray());
    }

    [Fact]
    public void Sequential_applies_layers_in_order_and_its_gradient_checks()
    {
        var model = nn.Sequential(nn.Linear(12, 5), nn.Tanh(), nn.Linear(5, 3), nn.Sigmoid());
        Tensor byHand = model[3].call(model[2].call(model[1].call(model[0].call(X))));
        Assert.Equal(byHand.ToArray(), model.forward(X).ToArray());
        GradCheck.Verify(t => model.forward(t[0]), new[] { TestTensors.Uniform(new long[] { 2, 12 }, -1, 1, seed: 3) });
    }
}
