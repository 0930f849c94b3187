using MiniTorch;
using MiniTorch.Modules;
using VaeCourse.Tests.TestSupport;
using static MiniTorch.torch;

namespace VaeCourse.Tests.Engine.Nn;

/// <summary>nn.Linear: PyTorch's default initialisation statistics, the forward formula, gradients of its parameters.</summary>
public class LinearTests
{
    [Fact]
    public void Default_init_is_uniform_within_one_over_sqrt_fan_in()
    {
        Linear layer = nn.Linear(784, 400);
        double bound = 1 / Math.Sqrt(784);   // = 1/28
        float[] w = layer.weight.ToArray();
        Assert.Equal(new long[] { 400, 784 }, layer.weight.shape);
        Assert.Equal(313600, w.Length);

        Assert.All(w, v => Assert.InRange(v, -bound, bound));
        double mean = w.Average(v => (double)v);
        double variance = w.Sum(v => (v - mean) * (v - mean)) / (w.Length - 1);
        // U(−b, b) has mean 0 and variance b²/3. Standard errors with n = 313 600: mean 3.7e-5, variance 0.16 %.
        Assert.True(Math.Abs(mean) < 2e-4, $"weight mean {mean}");
        double expectedVariance = bound * bound / 3;
        Assert.True(Math.Abs(variance / expectedVariance - 1) < 0.01, $"weight variance {variance}, expected {expectedVariance}");
        // The draws reach the ends of the interval (a bound of, say, 1/784 would fail the variance check already).
        Assert.True(w.Max() > 0.999 * bound && w.Min() < -0.999 * bound, $"range [{w.Min()}, {w.Max()}]");

        float[] b = layer.bias!.ToArray();
        Assert.Equal(400, b.Length);
        Assert.All(b, v => Assert.InRange(v, -bound, bound));
        Assert.True(b.Max() - b.Min() > bound, "the bias is drawn, not constant");
        Assert.True(Math.Abs(b.Average()) < 0.2 * bound, $"bias mean {b.Average()}");
    }

    [Fact]
    public void Forward_is_x_times_w_transposed_plus_b()
    {
        Linear layer = nn.Linear(3, 2);
        float[] w = layer.weight.ToArray(), b = layer.bias!.ToArray();
        var x = tensor(new float[] { 1, 2, 3, -1, 0.5f, 2 }, new long[] { 2, 3 });
        float[] y = layer.forward(x).ToArray();
        float[] xs = x.ToArray();
        for (int i = 0; i < 2; i++)
            for (int o = 0; o < 2; o++)
            {
                double expected = b[o];
                for (int k = 0; k < 3; k++) expected += (double)xs[i * 3 + k] * w[o * 3 + k];
                Assert.Equal(expected, y[i * 2 + o], 1e-5);
            }
        Assert.Equal(new long[] { 2, 2 }, layer.call(x).shape);
    }

    [Fact]
    public void Parameters_are_weight_then_bias_and_bias_is_optional()
    {
        Linear layer = nn.Linear(4, 3);
        Assert.Equal(new[] { "weight", "bias" }, layer.named_parameters().Select(p => p.name));
        Assert.All(layer.parameters(), p => Assert.True(p.requires_grad));
        Linear noBias = nn.Linear(4, 3, hasBias: false);
        Assert.Null(noBias.bias);
        Assert.Equal(new[] { "weight" }, noBias.named_parameters().Select(p => p.name));
        Assert.Equal("Linear(in_features=4, out_features=3, bias=False)", noBias.ToString());
    }

    [Fact]
    public void Gradients_reach_weight_and_bias()
    {
        Linear layer = nn.Linear(4, 3);
        Tensor x = TestTensors.Uniform(new long[] { 5, 4 }, -1, 1, seed: 1);
        GradCheck.Verify(t => nn.functional.linear(x, t[0], t[1]), new Tensor[] { layer.weight, layer.bias! });
    }

    [Fact]
    public void Non_positive_sizes_are_rejected()
    {
        Assert.Equal("Linear: sizes must be positive, got in=0, out=3",
            Assert.Throws<ArgumentException>(() => nn.Linear(0, 3)).Message);
    }
}
