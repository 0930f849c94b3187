using static MiniTorch.torch;

namespace MiniTorch.Modules;

/// <summary>
/// y = conv2d(x, W) + b: (N, in_channels, H, W) -> (N, out_channels, OH, OW), OH = ⌊(H + 2·padding − k)/stride⌋ + 1.
/// W is (out_channels, in_channels, k, k), as in PyTorch.
/// </summary>
public sealed class Conv2d : nn.Module<Tensor, Tensor>
{
    public Parameter weight;
    public Parameter? bias;

    internal Conv2d(long inChannels, long outChannels, long kernelSize, long stride, long padding, long dilation,
        long groups, bool hasBias) : base("Conv2d")
    {
        ConvArguments.Validate("Conv2d", inChannels, outChannels, kernelSize, stride, padding, 0, dilation, groups);
        in_channels = inChannels;
        out_channels = outChannels;
        kernel_size = new[] { kernelSize, kernelSize };
        this.stride = new[] { stride, stride };
        this.padding = new[] { padding, padding };
        weight = new Parameter(empty(outChannels, inChannels, kernelSize, kernelSize));
        bias = hasBias ? new Parameter(empty(outChannels)) : null;
        reset_parameters();
        RegisterComponents();
    }

    public long in_channels { get; }
    public long out_channels { get; }
    public long[] kernel_size { get; }
    public long[] stride { get; }
    public long[] padding { get; }
    public long[] dilation => new long[] { 1, 1 };
    public long groups => 1;

    /// <summary>PyTorch's default: kaiming_uniform_(a=√5) weights (= U(±1/√fan_in)), bias U(±1/√fan_in), fan_in = in·k·k.</summary>
    public void reset_parameters() => ConvArguments.ResetParameters(weight, bias);

    // (N, in, H, W) -> (N, out, OH, OW)
    public override Tensor forward(Tensor input) => Tensor.Conv2d(input, weight, bias, stride, padding, null, 1);

    public override string ToString() => ConvArguments.Describe("Conv2d", in_channels, out_channels, kernel_size[0], stride[0], padding[0], 0, bias is not null);
}

/// <summary>
/// y = conv_transpose2d(x, W) + b: (N, in_channels, H, W) -> (N, out_channels, OH, OW),
/// OH = (H − 1)·stride − 2·padding + k + output_padding. W is (in_channels, out_channels, k, k), as in PyTorch.
/// </summary>
public sealed class ConvTranspose2d : nn.Module<Tensor, Tensor>
{
    public Parameter weight;
    public Parameter? bias;

    internal ConvTranspose2d(long inChannels, long outChannels, long kernelSize, long stride, long padding,
        long outputPadding, long dilation, long groups, bool hasBias) : base("ConvTranspose2d")
    {
        ConvArguments.Validate("ConvTranspose2d", inChannels, outChannels, kernelSize, stride, padding, outputPadding, dilation, groups);
        in_channels = inChannels;
        out_channels = outChannels;
        kernel_size = new[] { kernelSize, kernelSize };
        this.stride = new[] { stride, stride };
        this.padding = new[] { padding, padding };
        output_padding = new[] { outputPadding, outputPadding };
        weight = new Parameter(empty(inChannels, outChannels, kernelSize, kernelSize));
        bias = hasBias ? new Parameter(empty(outChannels)) : null;
        reset_parameters();
        RegisterComponents();
    }

    public long in_channels { get; }
    public long out_channels { get; }
    public long[] kernel_size { get; }
    public long[] stride { get; }
    public long[] padding { get; }
    public long[] output_padding { get; }
    public long[] dilation => new long[] { 1, 1 };
    public long groups => 1;

    /// <summary>
    /// PyTorch's default: kaiming_uniform_(a=√5) weights, bias U(±1/√fan_in), where fan_in is computed from the
    /// weight's dim 1 as PyTorch does: out_channels·k·k.
    /// </summary>
    public void reset_parameters() => ConvArguments.ResetParameters(weight, bias);

    // (N, in, H, W) -> (N, out, OH, OW)
    public override Tensor forward(Tensor input) =>
        Tensor.ConvTranspose2d(input, weight, bias, stride, padding, output_padding, null, 1);

    public override string ToString() => ConvArguments.Describe("ConvTranspose2d", in_channels, out_channels, kernel_size[0], stride[0], padding[0], output_padding[0], bias is not null);
}

/// <summary>What the two convolution layers share: argument checks, initialisation and PyTorch's repr.</summary>
internal static class ConvArguments
{
    public static void Validate(string layer, long inChannels, long outChannels, long kernelSize, long stride,
        long padding, long outputPadding, long dilation, long groups)
    {
        if (dilation != 1)
            throw new NotSupportedException($"{layer}: dilation={dilation} is not supported; only dilation 1 is implemented");
        if (groups != 1)
            throw new NotSupportedException($"{layer}: groups={groups} is not supported; only groups=1 is implemented");
        if (inChannels <= 0 || outChannels <= 0 || kernelSize <= 0)
            throw new ArgumentException($"{layer}: in_channels, out_channels and kernel_size must be positive, got {inChannels}, {outChannels}, {kernelSize}");
        if (stride < 1 || padding < 0 || outputPadding < 0)
            throw new ArgumentException($"{layer}: stride must be ≥ 1 and padding, output_padding ≥ 0, got stride={stride}, padding={padding}, output_padding={outputPadding}");
        if (outputPadding >= stride)
            throw new ArgumentException($"{layer}: output_padding ({outputPadding}) must be smaller than stride ({stride})");
    }

    public static void ResetParameters(Parameter weight, Parameter? bias)
    {
        nn.init.kaiming_uniform_(weight, a: Math.Sqrt(5));
        if (bias is null) return;
        double bound = 1 / Math.Sqrt(nn.init.CalculateFanIn(weight, "reset_parameters"));
        nn.init.uniform_(bias, -bound, bound);
    }

    // PyTorch's repr, e.g. "Conv2d(1, 32, kernel_size=(4, 4), stride=(2, 2), padding=(1, 1))".
    public static string Describe(string layer, long inChannels, long outChannels, long k, long stride, long padding,
        long outputPadding, bool hasBias)
    {
        var text = new System.Text.StringBuilder($"{layer}({inChannels}, {outChannels}, kernel_size=({k}, {k}), stride=({stride}, {stride})");
        if (padding != 0) text.Append($", padding=({padding}, {padding})");
        if (outputPadding != 0) text.Append($", output_padding=({outputPadding}, {outputPadding})");
        if (!hasBias) text.Append(", bias=False");
        return text.Append(')').ToString();
    }
}
