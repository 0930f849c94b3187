using System.Text.Json;
using MiniTorch;
using VaeCourse.Tests.TestSupport;
using static MiniTorch.torch;

namespace VaeCourse.Tests.Engine.Ops;

/// <summary>
/// conv2d and conv_transpose2d against PyTorch's own outputs and gradients (Reference/pytorch-conv.json, written by
/// tools/reference/pytorch_conv_reference.py with PyTorch 1.13.1). The finite-difference tests prove that backward
/// matches forward; these prove that forward is PyTorch's: cross-correlation rather than convolution, the
/// (in, out, kH, kW) weight of the transposed op, and where padding and output_padding go. The operands come from
/// <see cref="HashRandom"/>, which the script reproduces exactly.
/// </summary>
public class ConvolutionPyTorchTests
{
    // Both sides compute in float32 with different summation orders; measured differences are ~1e-7 of the largest
    // value. A convention error (a flipped kernel, swapped weight axes) moves values by their own size.
    private const double Tolerance = 1e-5;

    private static readonly Lazy<Case[]> Cases = new(Case.Load);

    public static TheoryData<int> CaseIndexes() => new(Enumerable.Range(0, Cases.Value.Length));

    [Theory]
    [MemberData(nameof(CaseIndexes))]
    public void Output_and_gradients_match_pytorch(int index)
    {
        Case c = Cases.Value[index];
        var (x, w, b) = c.Operands();
        Tensor output = c.Run(x, w, b);
        Assert.Equal(c.OutputShape, output.shape);
        output.backward(tensor(c.Filled(3, c.OutputShape), c.OutputShape));   // d/d(·) of Σ g ⊙ out

        AssertClose(c.Output, output.ToArray(), $"{c.Name}: output");
        AssertClose(c.GradInput, x.grad!.ToArray(), $"{c.Name}: input gradient");
        AssertClose(c.GradWeight, w.grad!.ToArray(), $"{c.Name}: weight gradient");
        AssertClose(c.GradBias, b.grad!.ToArray(), $"{c.Name}: bias gradient");
    }

    [Fact]
    public void A_flipped_kernel_does_not_pass()
    {
        // True convolution (the kernel rotated by 180°) is the classic convention error; it must fail the comparison.
        Case c = Cases.Value.First(k => !k.Transposed);
        var (x, w, b) = c.Operands();
        long kh = c.WeightShape[2], kw = c.WeightShape[3];
        float[] weights = w.ToArray(), flipped = new float[weights.Length];
        for (int i = 0; i < weights.Length; i++)
        {
            long plane = i / (kh * kw), r = i % (kh * kw) / kw, col = i % kw;
            flipped[i] = weights[plane * kh * kw + (kh - 1 - r) * kw + (kw - 1 - col)];
        }
        float[] output = c.Run(x, tensor(flipped, c.WeightShape), b).ToArray();
        Assert.True(Deviation(c.Output, output) > 100 * Tolerance, "a flipped kernel matched PyTorch: the comparison is too weak");
    }

    [Fact]
    public void Swapped_transposed_weight_axes_do_not_pass()
    {
        // conv_transpose2d's weight is (in, out, kH, kW); reading it as (out, in, …) must fail. A case with as many
        // input as output channels keeps the shapes valid, so only the convention differs.
        Case c = Cases.Value.First(k => k.Transposed && k.WeightShape[0] == k.WeightShape[1]);
        var (x, w, b) = c.Operands();
        Tensor swapped = w.detach().permute(1, 0, 2, 3);
        float[] output = c.Run(x, swapped, b).ToArray();
        Assert.True(Deviation(c.Output, output) > 100 * Tolerance, "swapped weight axes matched PyTorch: the comparison is too weak");
    }

    private static void AssertClose(float[] expected, float[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        double deviation = Deviation(expected, actual);
        Assert.True(deviation <= Tolerance, $"{what}: largest difference {deviation:E2} of the largest value (allowed {Tolerance:E0})");
    }

    // Largest |expected − actual|, relative to the largest |expected|.
    private static double Deviation(float[] expected, float[] actual)
    {
        double scale = expected.Max(v => Math.Abs((double)v)), worst = 0;
        for (int i = 0; i < expected.Length; i++) worst = Math.Max(worst, Math.Abs((double)expected[i] - actual[i]));
        return worst / scale;
    }

    private sealed record Case(string Name, bool Transposed, long[] InputShape, long[] WeightShape, long[] Stride,
        long[] Padding, long[]? OutputPadding, long[] Streams, long[] OutputShape, float[] Output, float[] GradInput,
        float[] GradWeight, float[] GradBias)
    {
        public (Tensor x, Tensor w, Tensor b) Operands()
        {
            long biasSize = Transposed ? WeightShape[1] : WeightShape[0];
            return (tensor(Filled(0, InputShape), InputShape, requires_grad: true),
                    tensor(Filled(1, WeightShape), WeightShape, requires_grad: true),
                    tensor(Filled(2, new[] { biasSize }), new[] { biasSize }, requires_grad: true));
        }

        public Tensor Run(Tensor x, Tensor w, Tensor b) => Transposed
            ? nn.functional.conv_transpose2d(x, w, b, strides: Stride, padding: Padding, output_padding: OutputPadding)
            : nn.functional.conv2d(x, w, b, strides: Stride, padding: Padding);

        // The script's operand k: 2u − 1 from stream Streams[k], in [−1, 1).
        public float[] Filled(int operand, long[] shape) =>
            HashRandom.Centered(Streams[operand], (int)shape.Aggregate(1L, (a, d) => a * d));

        public static Case[] Load()
        {
            string path = Path.Combine(AppContext.BaseDirectory, "Engine", "Ops", "Reference", "pytorch-conv.json");
            using JsonDocument document = JsonDocument.Parse(File.ReadAllText(path));
            return document.RootElement.GetProperty("cases").EnumerateArray().Select(e =>
            {
                long[] Longs(string key) => e.GetProperty(key).EnumerateArray().Select(v => v.GetInt64()).ToArray();
                float[] Floats(string key) => e.GetProperty(key).EnumerateArray().Select(v => (float)v.GetDouble()).ToArray();
                JsonElement op = e.GetProperty("output_padding");
                return new Case(e.GetProperty("name").GetString()!, e.GetProperty("transposed").GetBoolean(),
                    Longs("input_shape"), Longs("weight_shape"), Longs("stride"), Longs("padding"),
                    op.ValueKind == JsonValueKind.Null ? null : Longs("output_padding"), Longs("streams"),
                    Longs("output_shape"), Floats("output"), Floats("grad_input"), Floats("grad_weight"), Floats("grad_bias"));
            }).ToArray();
        }
    }
}
