using MiniTorch.Kernels;
using MiniTorch.Memory;

namespace MiniTorch;

// 2-D convolution and transposed convolution (NCHW, zero padding, dilation 1, groups 1).
// conv_transpose2d is conv2d's input gradient and its own input gradient is conv2d forward, so both ops run on the
// same three kernels in ConvGemm with the roles of "image" (the large spatial side) and "windows" swapped.
public partial class Tensor
{
    /// <summary>
    /// conv2d: input (N, C, H, W) or (C, H, W), weight (OC, C, kH, kW), bias (OC) -> (N, OC, OH, OW) with
    /// OH = ⌊(H + 2·pH − kH) / sH⌋ + 1 (likewise OW).
    /// </summary>
    internal static Tensor Conv2d(Tensor input, Tensor weight, Tensor? bias, long[]? strides, long[]? padding,
        long[]? dilation, long groups)
    {
        const string op = "conv2d";
        var (batched, unbatched) = ValidateConvOperands(op, input, weight, bias, dilation, groups);
        int n = (int)batched._shape[0], c = (int)batched._shape[1], h = (int)batched._shape[2], w = (int)batched._shape[3];
        int oc = (int)weight._shape[0], kh = (int)weight._shape[2], kw = (int)weight._shape[3];
        if (weight._shape[1] != c)
            Check.Fail(op, $"input {Check.Shape(input._shape)} and weight {Check.Shape(weight._shape)}: input has {c} channels, weight expects {weight._shape[1]}");
        if (bias is not null && (bias._shape.Length != 1 || bias._shape[0] != oc))
            Check.Fail(op, $"weight {Check.Shape(weight._shape)} has {oc} output channels, so bias must be ({oc}), got {Check.Shape(bias._shape)}");
        var (sh, sw) = Pair(op, "stride", strides, 1, minimum: 1);
        var (ph, pw) = Pair(op, "padding", padding, 0, minimum: 0);
        long oh = (h + 2L * ph - kh) / sh + 1, ow = (w + 2L * pw - kw) / sw + 1;
        if (h + 2L * ph < kh || w + 2L * pw < kw)
            Check.Fail(op, $"input {Check.Shape(input._shape)} padded by ({ph},{pw}) is {h + 2 * ph}×{w + 2 * pw}, smaller than the kernel {kh}×{kw}: the output size would be ≤ 0");

        var geometry = new ConvGeometry(c, h, w, kh, kw, sh, sw, ph, pw, (int)oh, (int)ow);
        CheckColumnSize(op, geometry);
        var y = Empty(new long[] { n, oc, oh, ow }, op);
        using (Profiler.Region(OpFamily.Gemm))
            ConvGemm.ImageToWindows(batched.Data, geometry, n, weight.Data, oc, bias?.Data, y.Data);

        if (GradMode.Enabled && (batched._requiresGrad || weight._requiresGrad || (bias?._requiresGrad ?? false)))
            Record(y, op, bias is null ? new[] { batched, weight } : new[] { batched, weight, bias }, g =>
            {
                if (batched._requiresGrad)
                {
                    // dx = col2im(Wᵀ · dy): (N,OC,OH,OW) -> (N,C,H,W)
                    var dx = BufferPool.Rent(batched.Count);
                    ConvGemm.WindowsToImage(g.Data, geometry, n, weight.Data, oc, null, dx);
                    batched.AccumulateGrad(dx, owned: true);
                }
                if (weight._requiresGrad)
                {
                    // dW = Σₙ dyₙ · im2col(xₙ)ᵀ: (OC, C·kH·kW)
                    var dw = BufferPool.Rent(weight.Count);
                    ConvGemm.WeightGradient(batched.Data, g.Data, geometry, n, oc, dw);
                    weight.AccumulateGrad(dw, owned: true);
                }
                if (bias is not null && bias._requiresGrad)
                    bias.AccumulateGrad(ConvGemm.ChannelSums(g.Data, n, oc, (int)(oh * ow)), owned: true);
            });
        return unbatched ? y.squeeze(0) : y;
    }

    /// <summary>
    /// conv_transpose2d: input (N, C_in, H, W) or (C_in, H, W), weight (C_in, C_out, kH, kW), bias (C_out) ->
    /// (N, C_out, OH, OW) with OH = (H − 1)·sH − 2·pH + kH + output_padding (likewise OW).
    /// </summary>
    internal static Tensor ConvTranspose2d(Tensor input, Tensor weight, Tensor? bias, long[]? strides, long[]? padding,
        long[]? outputPadding, long[]? dilation, long groups)
    {
        const string op = "conv_transpose2d";
        var (batched, unbatched) = ValidateConvOperands(op, input, weight, bias, dilation, groups);
        int n = (int)batched._shape[0], cin = (int)batched._shape[1], h = (int)batched._shape[2], w = (int)batched._shape[3];
        int cout = (int)weight._shape[1], kh = (int)weight._shape[2], kw = (int)weight._shape[3];
        if (weight._shape[0] != cin)
            Check.Fail(op, $"input {Check.Shape(input._shape)} and weight {Check.Shape(weight._shape)}: input has {cin} channels, weight expects {weight._shape[0]} (weight is (in_channels, out_channels, kH, kW))");
        if (bias is not null && (bias._shape.Length != 1 || bias._shape[0] != cout))
            Check.Fail(op, $"weight {Check.Shape(weight._shape)} has {cout} output channels, so bias must be ({cout}), got {Check.Shape(bias._shape)}");
        var (sh, sw) = Pair(op, "stride", strides, 1, minimum: 1);
        var (ph, pw) = Pair(op, "padding", padding, 0, minimum: 0);
        var (oph, opw) = Pair(op, "output_padding", outputPadding, 0, minimum: 0);
        if (oph >= sh || opw >= sw)
            Check.Fail(op, $"output_padding ({oph},{opw}) must be smaller than stride ({sh},{sw})");
        long oh = (h - 1L) * sh - 2L * ph + kh + oph, ow = (w - 1L) * sw - 2L * pw + kw + opw;
        if (oh <= 0 || ow <= 0)
            Check.Fail(op, $"input {Check.Shape(input._shape)} with kernel {kh}×{kw}, stride ({sh},{sw}), padding ({ph},{pw}) and output_padding ({oph},{opw}) gives output size {oh}×{ow}, which must be positive");

        // Seen from conv2d: the output is the image (C_out, OH, OW) and the input holds its (H, W) window positions.
        var geometry = new ConvGeometry(cout, (int)oh, (int)ow, kh, kw, sh, sw, ph, pw, h, w);
        CheckColumnSize(op, geometry);
        var y = Empty(new long[] { n, cout, oh, ow }, op);
        using (Profiler.Region(OpFamily.Gemm))
            ConvGemm.WindowsToImage(batched.Data, geometry, n, weight.Data, cin, bias?.Data, y.Data);

        if (GradMode.Enabled && (batched._requiresGrad || weight._requiresGrad || (bias?._requiresGrad ?? false)))
            Record(y, op, bias is null ? new[] { batched, weight } : new[] { batched, weight, bias }, g =>
            {
                if (batched._requiresGrad)
                {
                    // dx = W · im2col(dy): conv2d of the output gradient, (N,C_out,OH,OW) -> (N,C_in,H,W)
                    var dx = BufferPool.Rent(batched.Count);
                    ConvGemm.ImageToWindows(g.Data, geometry, n, weight.Data, cin, null, dx);
                    batched.AccumulateGrad(dx, owned: true);
                }
                if (weight._requiresGrad)
                {
                    // dW = Σₙ xₙ · im2col(dyₙ)ᵀ: (C_in, C_out·kH·kW)
                    var dw = BufferPool.Rent(weight.Count);
                    ConvGemm.WeightGradient(g.Data, batched.Data, geometry, n, cin, dw);
                    weight.AccumulateGrad(dw, owned: true);
                }
                if (bias is not null && bias._requiresGrad)
                    bias.AccumulateGrad(ConvGemm.ChannelSums(g.Data, n, cout, (int)(oh * ow)), owned: true);
            });
        return unbatched ? y.squeeze(0) : y;
    }

    /// <summary>Checks what both ops share; returns the input as a 4-D batch and whether it was unbatched (3-D).</summary>
    private static (Tensor batched, bool unbatched) ValidateConvOperands(string op, Tensor input, Tensor weight,
        Tensor? bias, long[]? dilation, long groups)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(weight);
        Check.Float(input, op);
        Check.Float(weight, op);
        if (bias is not null) Check.Float(bias, op);
        if (dilation is not null && dilation.Any(d => d != 1))
            throw new NotSupportedException($"{op}: dilation ({string.Join(",", dilation)}) is not supported; only dilation 1 is implemented");
        if (groups != 1)
            throw new NotSupportedException($"{op}: groups={groups} is not supported; only groups=1 is implemented");
        if (weight._shape.Length != 4)
            Check.Fail(op, $"weight must be 4-D (out/in channels, channels, kH, kW), got {Check.Shape(weight._shape)}");
        if (input._shape.Length is not (3 or 4))
            Check.Fail(op, $"input must be 4-D (N,C,H,W) or 3-D (C,H,W), got {Check.Shape(input._shape)}");
        if (weight.Count == 0)
            Check.Fail(op, $"weight {Check.Shape(weight._shape)} is empty");
        bool unbatched = input._shape.Length == 3;
        return (unbatched ? input.unsqueeze(0) : input, unbatched);
    }

    // One sample's column matrix (C·kH·kW, OH·OW) must fit an array; the kernels index it with int.
    private static void CheckColumnSize(string op, ConvGeometry g)
    {
        long columns = (long)g.ColumnRows * g.Positions, padded = (long)(g.Height + 2L * g.PadH) * (g.Width + 2L * g.PadW);
        if (columns > Array.MaxLength || padded > Array.MaxLength || (long)g.Channels * g.Height * g.Width > Array.MaxLength)
            Check.Fail(op, $"one sample's im2col matrix would have {g.ColumnRows}×{g.Positions} = {columns} elements, more than an array can hold");
    }

    /// <summary>A (height, width) pair from TorchSharp's long[] argument: null = default, one value = both.</summary>
    private static (int h, int w) Pair(string op, string name, long[]? values, int fallback, int minimum)
    {
        if (values is null || values.Length == 0) return (fallback, fallback);
        if (values.Length > 2)
            Check.Fail(op, $"{name} must have 1 or 2 values (one for both dimensions, or height and width), got {values.Length}: ({string.Join(",", values)})");
        long a = values[0], b = values.Length == 2 ? values[1] : values[0];
        if (a < minimum || b < minimum || a > int.MaxValue || b > int.MaxValue)
            Check.Fail(op, $"{name} ({string.Join(",", values)}) must be at least {minimum}");
        return ((int)a, (int)b);
    }
}
