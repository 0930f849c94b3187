using MiniTorch;
using static MiniTorch.torch;
using static VaeCourse.Tests.Engine.Ops.ConvReference;

namespace VaeCourse.Tests.Engine.Ops;

/// <summary>conv2d and conv_transpose2d forward against direct loops, output sizes, adjointness, determinism, errors.</summary>
public class ConvolutionTests
{
    // (N, C, H, W, OC, kH, kW, strideH, strideW, padH, padW, bias)
    public static IEnumerable<object[]> ConvCases => new[]
    {
        new object[] { 2, 1, 28, 28, 4, 4, 4, 2, 2, 1, 1, true },   // the ConvVae's first layer, fewer channels
        new object[] { 3, 3, 14, 14, 5, 4, 4, 2, 2, 1, 1, false },  // its second layer
        new object[] { 2, 2, 7, 9, 3, 3, 3, 1, 1, 0, 0, true },     // odd sizes, stride 1, no padding
        new object[] { 1, 3, 9, 7, 2, 3, 3, 2, 2, 1, 1, true },     // odd sizes, stride 2: last window falls short of the edge
        new object[] { 2, 2, 6, 5, 3, 3, 2, 2, 1, 1, 0, true },     // non-square kernel, different strides and paddings per axis
        new object[] { 1, 2, 5, 5, 2, 5, 5, 1, 1, 2, 2, false },    // kernel as large as the image, "same" padding
        new object[] { 2, 3, 8, 8, 4, 1, 1, 1, 1, 0, 0, true },     // 1×1 convolution
        new object[] { 1, 1, 4, 4, 1, 3, 3, 3, 3, 2, 2, false },    // stride larger than the padding reaches
    };

    [Theory]
    [MemberData(nameof(ConvCases))]
    public void Conv2d_matches_direct_loops(int n, int c, int h, int w, int oc, int kh, int kw, int sh, int sw, int ph, int pw, bool withBias)
    {
        var rng = new Random(n * 1000 + c * 100 + h + kh);
        long[] xs = { n, c, h, w }, ws = { oc, c, kh, kw };
        double[] x = RoundToFloat(Random(rng, Count(xs))), wt = RoundToFloat(Random(rng, Count(ws)));
        double[]? b = withBias ? RoundToFloat(Random(rng, oc)) : null;

        var y = nn.functional.conv2d(tensor(ToFloat(x), xs), tensor(ToFloat(wt), ws), b is null ? null : tensor(ToFloat(b)),
            strides: new long[] { sh, sw }, padding: new long[] { ph, pw });

        var (expected, shape) = ConvReference.Conv2d(x, xs, wt, ws, b, sh, sw, ph, pw);
        Assert.Equal(shape, y.shape);
        AssertClose(expected, y.ToArray(), 1e-5, "conv2d");
    }

    // (N, Cin, H, W, Cout, kH, kW, stride, padding, output_padding, bias)
    public static IEnumerable<object[]> TransposeCases => new[]
    {
        new object[] { 2, 4, 7, 7, 3, 4, 4, 2, 1, 0, true },    // the ConvVae decoder: 7 -> 14
        new object[] { 2, 3, 14, 14, 1, 4, 4, 2, 1, 0, false }, // 14 -> 28
        new object[] { 1, 4, 7, 7, 2, 3, 3, 2, 1, 1, true },    // k=3 needs output_padding 1: 7 -> 14
        new object[] { 2, 2, 5, 6, 3, 3, 2, 1, 0, 0, true },    // stride 1, non-square kernel, odd sizes
        new object[] { 1, 2, 4, 3, 2, 3, 3, 3, 2, 2, false },   // stride 3 with output_padding 2
    };

    [Theory]
    [MemberData(nameof(TransposeCases))]
    public void ConvTranspose2d_matches_a_direct_scatter(int n, int cin, int h, int w, int cout, int kh, int kw, int s, int p, int op, bool withBias)
    {
        var rng = new Random(n * 1000 + cin * 100 + h + kh + op);
        long[] xs = { n, cin, h, w }, ws = { cin, cout, kh, kw };
        double[] x = RoundToFloat(Random(rng, Count(xs))), wt = RoundToFloat(Random(rng, Count(ws)));
        double[]? b = withBias ? RoundToFloat(Random(rng, cout)) : null;

        var y = nn.functional.conv_transpose2d(tensor(ToFloat(x), xs), tensor(ToFloat(wt), ws), b is null ? null : tensor(ToFloat(b)),
            strides: new long[] { s }, padding: new long[] { p }, output_padding: new long[] { op });

        var (expected, shape) = ConvReference.ConvTranspose2d(x, xs, wt, ws, b, s, s, p, p, op, op);
        Assert.Equal(shape, y.shape);
        AssertClose(expected, y.ToArray(), 1e-5, "conv_transpose2d");
    }

    [Theory]
    [InlineData(4, 0)]  // k=4, s=2, p=1: 28 -> 14 -> 7 and back without output_padding
    [InlineData(3, 1)]  // k=3, s=2, p=1: 28 -> 14 -> 7, and back needs output_padding 1
    public void ConvVae_shapes_follow_pytorchs_formulas(int k, int outputPadding)
    {
        var x = randn(2, 1, 28, 28);
        var h1 = nn.functional.conv2d(x, randn(32, 1, k, k), strides: new long[] { 2 }, padding: new long[] { 1 });
        var h2 = nn.functional.conv2d(h1, randn(64, 32, k, k), strides: new long[] { 2 }, padding: new long[] { 1 });
        Assert.Equal(new long[] { 2, 32, Conv2dOutputSize(28, k, 2, 1), Conv2dOutputSize(28, k, 2, 1) }, h1.shape);
        Assert.Equal(new long[] { 2, 64, 7, 7 }, h2.shape);

        var d1 = nn.functional.conv_transpose2d(h2, randn(64, 32, k, k), strides: new long[] { 2 }, padding: new long[] { 1 }, output_padding: new long[] { outputPadding });
        var d2 = nn.functional.conv_transpose2d(d1, randn(32, 1, k, k), strides: new long[] { 2 }, padding: new long[] { 1 }, output_padding: new long[] { outputPadding });
        Assert.Equal(ConvTranspose2dOutputSize(7, k, 2, 1, outputPadding), d1.shape[2]);
        Assert.Equal(new long[] { 2, 32, 14, 14 }, d1.shape);
        Assert.Equal(new long[] { 2, 1, 28, 28 }, d2.shape);
    }

    [Theory]
    [InlineData(2, 1, 9, 8, 3, 3, 2, 1)]
    [InlineData(3, 2, 28, 28, 4, 4, 2, 1)]
    [InlineData(1, 3, 10, 7, 2, 3, 1, 0)]
    [InlineData(2, 2, 11, 11, 3, 5, 3, 2)]
    public void Conv_transpose_is_the_adjoint_of_conv(int n, int c, int h, int w, int oc, int k, int s, int p)
    {
        // <conv2d(x, W), y> = <x, conv_transpose2d(y, W)> for every x, y: the transpose really is the transpose.
        var rng = new Random(h * 31 + k);
        long[] xs = { n, c, h, w }, ws = { oc, c, k, k };
        int oh = Conv2dOutputSize(h, k, s, p), ow = Conv2dOutputSize(w, k, s, p);
        long[] ys = { n, oc, oh, ow };
        // The output_padding that brings the transposed convolution back to exactly (h, w).
        long[] outputPadding = { h - ConvTranspose2dOutputSize(oh, k, s, p, 0), w - ConvTranspose2dOutputSize(ow, k, s, p, 0) };
        float[] x = ToFloat(Random(rng, Count(xs))), wt = ToFloat(Random(rng, Count(ws))), y = ToFloat(Random(rng, Count(ys)));

        var cx = nn.functional.conv2d(tensor(x, xs), tensor(wt, ws), strides: new long[] { s }, padding: new long[] { p });
        var ty = nn.functional.conv_transpose2d(tensor(y, ys), tensor(wt, ws), strides: new long[] { s }, padding: new long[] { p }, output_padding: outputPadding);

        Assert.Equal(xs, ty.shape);
        double left = Dot(Array.ConvertAll(cx.ToArray(), v => (double)v), Array.ConvertAll(y, v => (double)v));
        double right = Dot(Array.ConvertAll(x, v => (double)v), Array.ConvertAll(ty.ToArray(), v => (double)v));
        Assert.True(Math.Abs(left - right) <= 1e-5 * (1 + Math.Abs(left)), $"<conv2d(x,W),y> = {left}, <x,conv_transpose2d(y,W)> = {right}");
    }

    [Fact]
    public void Results_are_bitwise_identical_for_any_thread_count()
    {
        var rng = new Random(7);
        // 32 channels × 4×4 on 14×14: several samples per chunk and more than one chunk, as in the ConvVae.
        long[] xs = { 96, 32, 14, 14 }, ws = { 64, 32, 4, 4 }, ts = { 96, 64, 7, 7 };
        float[] x = ToFloat(Random(rng, Count(xs))), w = ToFloat(Random(rng, Count(ws))), b = ToFloat(Random(rng, 64));
        float[] t = ToFloat(Random(rng, Count(ts))), tb = ToFloat(Random(rng, 32));

        float[][] Run()
        {
            var (xi, wi, bi) = (tensor(x, xs, requires_grad: true), tensor(w, ws, requires_grad: true), tensor(b, requires_grad: true));
            var y = nn.functional.conv2d(xi, wi, bi, strides: new long[] { 2 }, padding: new long[] { 1 });
            y.backward(tensor(t, ts));
            var (ti, wt, bt) = (tensor(t, ts, requires_grad: true), tensor(w, ws, requires_grad: true), tensor(tb, requires_grad: true));
            var z = nn.functional.conv_transpose2d(ti, wt, bt, strides: new long[] { 2 }, padding: new long[] { 1 });
            z.backward(tensor(x, xs));
            return new[] { y.ToArray(), xi.grad!.ToArray(), wi.grad!.ToArray(), bi.grad!.ToArray(),
                           z.ToArray(), ti.grad!.ToArray(), wt.grad!.ToArray(), bt.grad!.ToArray() };
        }

        int saved = get_num_threads();
        try
        {
            set_num_threads(1);
            float[][] one = Run();
            set_num_threads(2);
            float[][] two = Run();
            set_num_threads(3);
            float[][] three = Run();
            for (int i = 0; i < one.Length; i++)
            {
                Assert.Equal(one[i], two[i]);
                Assert.Equal(one[i], three[i]);
            }
        }
        finally
        {
            set_num_threads(saved);
        }
    }

    [Fact]
    public void Unbatched_input_gives_the_batched_result_without_the_batch_dimension()
    {
        var x = randn(3, 9, 9);
        var w = randn(4, 3, 3, 3);
        var single = nn.functional.conv2d(x, w, strides: new long[] { 2 }, padding: new long[] { 1 });
        var batched = nn.functional.conv2d(x.unsqueeze(0), w, strides: new long[] { 2 }, padding: new long[] { 1 });
        Assert.Equal(new long[] { 4, 5, 5 }, single.shape);
        Assert.Equal(batched.ToArray(), single.ToArray());
    }

    [Fact]
    public void Invalid_arguments_are_rejected_with_the_op_and_shapes()
    {
        var x = zeros(128, 3, 28, 28);
        var e = Assert.Throws<ArgumentException>(() => nn.functional.conv2d(x, zeros(32, 1, 4, 4)));
        Assert.Equal("conv2d: input (128,3,28,28) and weight (32,1,4,4): input has 3 channels, weight expects 1", e.Message);

        e = Assert.Throws<ArgumentException>(() => nn.functional.conv2d(zeros(1, 1, 2, 2), zeros(1, 1, 4, 4)));
        Assert.Contains("conv2d: input (1,1,2,2) padded by (0,0) is 2×2, smaller than the kernel 4×4", e.Message);

        e = Assert.Throws<ArgumentException>(() => nn.functional.conv2d(zeros(1, 1, 8, 8), zeros(2, 1, 3, 3), zeros(3)));
        Assert.Contains("bias must be (2), got (3)", e.Message);

        e = Assert.Throws<ArgumentException>(() => nn.functional.conv2d(zeros(1, 8, 8), zeros(2, 1, 3)));
        Assert.Contains("weight must be 4-D", e.Message);

        e = Assert.Throws<ArgumentException>(() => nn.functional.conv2d(zeros(8, 8), zeros(2, 1, 3, 3)));
        Assert.Contains("input must be 4-D (N,C,H,W) or 3-D (C,H,W), got (8,8)", e.Message);

        e = Assert.Throws<ArgumentException>(() => nn.functional.conv2d(zeros(1, 1, 8, 8), zeros(2, 1, 3, 3), strides: new long[] { 0 }));
        Assert.Contains("conv2d: stride (0) must be at least 1", e.Message);

        e = Assert.Throws<ArgumentException>(() => nn.functional.conv2d(zeros(1, 1, 8, 8), zeros(2, 1, 3, 3), padding: new long[] { 1, 1, 1 }));
        Assert.Contains("padding must have 1 or 2 values", e.Message);

        e = Assert.Throws<ArgumentException>(() => nn.functional.conv_transpose2d(zeros(1, 64, 7, 7), zeros(64, 32, 4, 4),
            strides: new long[] { 2 }, output_padding: new long[] { 2 }));
        Assert.Equal("conv_transpose2d: output_padding (2,2) must be smaller than stride (2,2)", e.Message);

        e = Assert.Throws<ArgumentException>(() => nn.functional.conv_transpose2d(zeros(1, 32, 7, 7), zeros(64, 32, 4, 4)));
        Assert.Contains("conv_transpose2d: input (1,32,7,7) and weight (64,32,4,4): input has 32 channels, weight expects 64", e.Message);

        e = Assert.Throws<ArgumentException>(() => nn.functional.conv_transpose2d(zeros(1, 2, 1, 1), zeros(2, 1, 2, 2), padding: new long[] { 1 }));
        Assert.Contains("gives output size 0×0, which must be positive", e.Message);

        var n = Assert.Throws<NotSupportedException>(() => nn.functional.conv2d(zeros(1, 2, 8, 8), zeros(2, 1, 3, 3), groups: 2));
        Assert.Equal("conv2d: groups=2 is not supported; only groups=1 is implemented", n.Message);
        n = Assert.Throws<NotSupportedException>(() => nn.functional.conv_transpose2d(zeros(1, 2, 8, 8), zeros(2, 1, 3, 3), dilation: new long[] { 2 }));
        Assert.Equal("conv_transpose2d: dilation (2) is not supported; only dilation 1 is implemented", n.Message);
    }

    internal static void AssertClose(double[] expected, float[] actual, double tolerance, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance * (1 + Math.Abs(expected[i])),
                $"{what}[{i}]: expected {expected[i]}, got {actual[i]}");
    }
}
