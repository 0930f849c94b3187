using MiniTorch;
using static MiniTorch.torch;

namespace VaeCourse.Tests.Engine.Nn;

/// <summary>nn.init: bounds of uniform_ and kaiming_uniform_, fan-in of conv-shaped weights.</summary>
public class InitTests
{
    [Fact]
    public void Uniform_fills_the_requested_interval()
    {
        var t = nn.init.uniform_(zeros(10000), -3, 5, new Generator(1));
        float[] v = t.ToArray();
        Assert.All(v, x => Assert.InRange(x, -3f, 5f));
        Assert.Equal(1.0, v.Average(), 0.1);   // mean (−3+5)/2; standard error 0.023
    }

    [Theory]
    [InlineData(0.0)]   // ReLU gain √2: bound √(6/fan_in)
    [InlineData(2.23606797749979)]   // a = √5, Linear's default: bound 1/√fan_in
    public void Kaiming_uniform_bound_uses_the_gain_and_the_receptive_field(double a)
    {
        // A conv weight (out=8, in=3, 5, 5): fan_in = 3·5·5 = 75.
        var w = nn.init.kaiming_uniform_(zeros(8, 3, 5, 5), a, new Generator(2));
        double bound = Math.Sqrt(2.0 / (1 + a * a)) * Math.Sqrt(3.0 / 75);
        float[] v = w.ToArray();
        Assert.All(v, x => Assert.InRange(x, -bound, bound));
        Assert.True(v.Max() > 0.9 * bound && v.Min() < -0.9 * bound, $"range [{v.Min()}, {v.Max()}], bound {bound}");
    }

    [Fact]
    public void Fan_in_needs_two_dimensions()
    {
        Assert.Equal("kaiming_uniform_: fan in cannot be computed for a tensor with fewer than 2 dimensions (5)",
            Assert.Throws<ArgumentException>(() => nn.init.kaiming_uniform_(zeros(5))).Message);
    }
}
