using MiniTorch;
using static MiniTorch.torch;

namespace VaeCourse.Tests.Engine.Nn;

/// <summary>The Conv2d and ConvTranspose2d layers: parameters, PyTorch's initialisation, forward and errors.</summary>
public class ConvLayersTests
{
    [Fact]
    public void Conv2d_holds_weight_and_bias_in_pytorchs_layout_and_calls_conv2d()
    {
        var layer = torch.nn.Conv2d(1, 32, kernel_size: 4, stride: 2, padding: 1);
        Assert.Equal(new[] { "weight", "bias" }, layer.named_parameters().Select(e => e.name));
        Assert.Equal(new long[] { 32, 1, 4, 4 }, layer.weight.shape);
        Assert.Equal(new long[] { 32 }, layer.bias!.shape);
        Assert.Equal("Conv2d(1, 32, kernel_size=(4, 4), stride=(2, 2), padding=(1, 1))", layer.ToString());

        var x = randn(3, 1, 28, 28);
        var y = layer.forward(x);
        Assert.Equal(new long[] { 3, 32, 14, 14 }, y.shape);
        var direct = torch.nn.functional.conv2d(x, layer.weight, layer.bias, strides: new long[] { 2 }, padding: new long[] { 1 });
        Assert.Equal(direct.ToArray(), y.ToArray());
    }

    [Fact]
    public void ConvTranspose2d_holds_weight_as_in_out_channels_and_calls_conv_transpose2d()
    {
        var layer = torch.nn.ConvTranspose2d(64, 32, kernel_size: 3, stride: 2, padding: 1, output_padding: 1, bias: false);
        Assert.Equal(new[] { "weight" }, layer.named_parameters().Select(e => e.name));
        Assert.Null(layer.bias);
        Assert.Equal(new long[] { 64, 32, 3, 3 }, layer.weight.shape);
        Assert.Equal("ConvTranspose2d(64, 32, kernel_size=(3, 3), stride=(2, 2), padding=(1, 1), output_padding=(1, 1), bias=False)", layer.ToString());

        var x = randn(2, 64, 7, 7);
        var y = layer.forward(x);
        Assert.Equal(new long[] { 2, 32, 14, 14 }, y.shape);
        var direct = torch.nn.functional.conv_transpose2d(x, layer.weight, null, strides: new long[] { 2 }, padding: new long[] { 1 }, output_padding: new long[] { 1 });
        Assert.Equal(direct.ToArray(), y.ToArray());
    }

    [Theory]
    [InlineData(false, 32, 64, 4)]  // Conv2d(32, 64, 4): fan_in = 32·4·4 = 512
    [InlineData(true, 64, 32, 4)]   // ConvTranspose2d(64, 32, 4): weight (64,32,4,4), PyTorch's fan_in = 32·4·4 = 512
    [InlineData(false, 1, 32, 4)]   // Conv2d(1, 32, 4): fan_in = 1·4·4 = 16
    [InlineData(true, 32, 1, 4)]    // ConvTranspose2d(32, 1, 4): fan_in = 1·4·4 = 16
    public void Default_initialisation_is_uniform_within_one_over_root_fan_in(bool transposed, int inChannels, int outChannels, int k)
    {
        // PyTorch: kaiming_uniform_(a=√5) = U(±1/√fan_in) and bias U(±1/√fan_in), fan_in = weight.size(1)·k·k.
        (Tensor weight, Tensor bias) = transposed
            ? ((Func<(Tensor, Tensor)>)(() => { var l = torch.nn.ConvTranspose2d(inChannels, outChannels, k); return (l.weight, l.bias!); }))()
            : ((Func<(Tensor, Tensor)>)(() => { var l = torch.nn.Conv2d(inChannels, outChannels, k); return (l.weight, l.bias!); }))();
        double fanIn = (transposed ? outChannels : inChannels) * k * k;
        double bound = 1 / Math.Sqrt(fanIn);

        float[] w = weight.ToArray();
        Assert.All(w, v => Assert.InRange(Math.Abs(v), 0, bound));
        // Thousands of uniform draws reach close to the bound and average near zero.
        Assert.True(w.Max(v => Math.Abs(v)) > 0.95 * bound, $"max |w| = {w.Max(v => Math.Abs(v))}, bound {bound}");
        Assert.InRange(w.Average(v => (double)v), -0.1 * bound, 0.1 * bound);
        float[] b = bias.ToArray();
        Assert.All(b, v => Assert.InRange(Math.Abs(v), 0, bound));
        // With 32 or more channels the largest |bias| is above 0.72·bound except with probability 0.72³² < 3e-5.
        if (b.Length >= 32) Assert.True(b.Max(v => Math.Abs(v)) > 0.72 * bound, $"max |b| = {b.Max(v => Math.Abs(v))}, bound {bound}");
    }

    [Fact]
    public void Layers_learn_a_known_convolution()
    {
        // A Conv2d fitted by gradient descent to the output of a fixed kernel recovers that kernel: forward, backward
        // and the layer's parameters work together.
        manual_seed(5);
        var target = torch.nn.Conv2d(2, 3, 3, padding: 1);
        var model = torch.nn.Conv2d(2, 3, 3, padding: 1);
        var opt = optim.Adam(model.parameters(), lr: 0.02);
        var x = randn(8, 2, 6, 6);
        Tensor y;
        using (no_grad()) y = target.forward(x);
        for (int step = 0; step < 600; step++)
        {
            opt.zero_grad();
            torch.nn.functional.mse_loss(model.forward(x), y).backward();
            opt.step();
        }
        float[] learned = model.weight.ToArray(), wanted = target.weight.ToArray();
        for (int i = 0; i < wanted.Length; i++) Assert.InRange(learned[i], wanted[i] - 1e-3f, wanted[i] + 1e-3f);
    }

    [Fact]
    public void Unsupported_or_invalid_arguments_are_rejected()
    {
        Assert.Equal("Conv2d: dilation=2 is not supported; only dilation 1 is implemented",
            Assert.Throws<NotSupportedException>(() => torch.nn.Conv2d(1, 2, 3, dilation: 2)).Message);
        Assert.Equal("ConvTranspose2d: groups=2 is not supported; only groups=1 is implemented",
            Assert.Throws<NotSupportedException>(() => torch.nn.ConvTranspose2d(2, 2, 3, groups: 2)).Message);
        Assert.Equal("ConvTranspose2d: output_padding (2) must be smaller than stride (2)",
            Assert.Throws<ArgumentException>(() => torch.nn.ConvTranspose2d(2, 2, 3, stride: 2, output_padding: 2)).Message);
        Assert.Contains("must be positive", Assert.Throws<ArgumentException>(() => torch.nn.Conv2d(0, 2, 3)).Message);
        var e = Assert.Throws<ArgumentException>(() => torch.nn.Conv2d(1, 32, 4).forward(zeros(4, 3, 28, 28)));
        Assert.Equal("conv2d: input (4,3,28,28) and weight (32,1,4,4): input has 3 channels, weight expects 1", e.Message);
    }
}
