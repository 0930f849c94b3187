using MiniTorch;
using VaeCourse.Tests.TestSupport;
using static MiniTorch.torch;
using static MiniTorch.torch.nn;

namespace VaeCourse.Tests.Engine.Nn;

/// <summary>mse_loss and the functional activations.</summary>
public class FunctionalTests
{
    private static readonly long[] Shape = { 3, 4 };

    [Theory]
    [InlineData(Reduction.Mean)]
    [InlineData(Reduction.Sum)]
    [InlineData(Reduction.None)]
    public void Mse_gradient_with_respect_to_both_arguments(Reduction reduction) =>
        GradCheck.Verify(t => functional.mse_loss(t[0], t[1], reduction),
            new[] { TestTensors.Uniform(Shape, -2, 2, seed: 1), TestTensors.Uniform(Shape, -2, 2, seed: 2) });

    [Fact]
    public void Mse_values_match_the_formula()
    {
        float[] a = TestTensors.Uniform(Shape, -2, 2, seed: 3).ToArray(), b = TestTensors.Uniform(Shape, -2, 2, seed: 4).ToArray();
        double[] squared = a.Select((x, i) => Math.Pow((double)x - b[i], 2)).ToArray();
        Tensor A = tensor(a, Shape), B = tensor(b, Shape);
        Assert.Equal(squared.Average(), functional.mse_loss(A, B).item<float>(), 1e-5);
        Assert.Equal(squared.Sum(), functional.mse_loss(A, B, Reduction.Sum).item<float>(), 1e-4);
        float[] none = functional.mse_loss(A, B, Reduction.None).ToArray();
        for (int i = 0; i < none.Length; i++) Assert.Equal(squared[i], none[i], 1e-5);
    }

    [Fact]
    public void Mse_gradient_is_2_diff_over_n()
    {
        var a = tensor(new float[] { 1, 2, 3, 4 }, requires_grad: true);
        var b = tensor(new float[] { 0, 2, 5, 4 });
        functional.mse_loss(a, b).backward();
        Assert.Equal(new float[] { 0.5f, 0, -1, 0 }, a.grad!.ToArray());
    }

    [Fact]
    public void Mse_shape_mismatch_names_both_shapes()
    {
        Assert.Equal("mse_loss: input (2,3) and target (3,2): shapes differ",
            Assert.Throws<ArgumentException>(() => functional.mse_loss(zeros(2, 3), zeros(3, 2))).Message);
    }

    [Fact]
    public void Functional_activations_equal_the_tensor_methods()
    {
        var x = TestTensors.Uniform(Shape, -3, 3, seed: 5);
        Assert.Equal(x.relu().ToArray(), functional.relu(x).ToArray());
        Assert.Equal(x.sigmoid().ToArray(), functional.sigmoid(x).ToArray());
        Assert.Equal(x.tanh().ToArray(), functional.tanh(x).ToArray());
        Assert.Equal(x.softplus(2, 10).ToArray(), functional.softplus(x, 2, 10).ToArray());
    }
}
