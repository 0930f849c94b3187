using MiniTorch;
using static MiniTorch.torch;
using static VaeCourse.Tests.Engine.Ops.ConvReference;

namespace VaeCourse.Tests.Engine.Ops;

/// <summary>
/// Backward of conv2d and conv_transpose2d against central finite differences. The loss is L = Σ r ⊙ op(x, W, b) for a
/// fixed random r; its derivatives are taken numerically in double on the direct-loop reference (which the forward
/// tests tie to the engine), and compared with the gradients the engine's backward computes in float.
/// </summary>
public class ConvolutionGradientTests
{
    [Theory]
    [InlineData(2, 2, 5, 6, 3, 3, 1, 0)]
    [InlineData(2, 2, 6, 6, 3, 4, 2, 1)]
    [InlineData(1, 3, 7, 5, 2, 3, 2, 1)]
    [InlineData(3, 1, 4, 4, 2, 2, 2, 0)]
    public void Conv2d_gradients_match_finite_differences(int n, int c, int h, int w, int oc, int k, int s, int p)
    {
        var rng = new Random(100 * h + 10 * k + s);
        long[] xs = { n, c, h, w }, ws = { oc, c, k, k };
        double[] x = RoundToFloat(Random(rng, Count(xs))), wt = RoundToFloat(Random(rng, Count(ws))), b = RoundToFloat(Random(rng, oc));
        long[] ys = ConvReference.Conv2d(x, xs, wt, ws, b, s, s, p, p).shape;
        double[] r = RoundToFloat(Random(rng, Count(ys)));

        var (xt, wtt, bt) = (tensor(ToFloat(x), xs, requires_grad: true), tensor(ToFloat(wt), ws, requires_grad: true), tensor(ToFloat(b), requires_grad: true));
        nn.functional.conv2d(xt, wtt, bt, strides: new long[] { s }, padding: new long[] { p }).backward(tensor(ToFloat(r), ys));

        double Loss(double[] xv, double[] wv, double[] bv) => Dot(ConvReference.Conv2d(xv, xs, wv, ws, bv, s, s, p, p).values, r);
        ConvolutionTests.AssertClose(NumericGradient(v => Loss(v, wt, b), x), xt.grad!.ToArray(), 1e-4, "dL/dx");
        ConvolutionTests.AssertClose(NumericGradient(v => Loss(x, v, b), wt), wtt.grad!.ToArray(), 1e-4, "dL/dW");
        ConvolutionTests.AssertClose(NumericGradient(v => Loss(x, wt, v), b), bt.grad!.ToArray(), 1e-4, "dL/db");
    }

    [Theory]
    [InlineData(2, 2, 3, 4, 3, 3, 1, 0, 0)]
    [InlineData(2, 3, 3, 3, 2, 4, 2, 1, 0)]
    [InlineData(1, 2, 4, 3, 2, 3, 2, 1, 1)]
    [InlineData(2, 1, 2, 3, 2, 2, 3, 0, 2)]
    public void ConvTranspose2d_gradients_match_finite_differences(int n, int cin, int h, int w, int cout, int k, int s, int p, int op)
    {
        var rng = new Random(100 * h + 10 * k + s + op);
        long[] xs = { n, cin, h, w }, ws = { cin, cout, k, k };
        double[] x = RoundToFloat(Random(rng, Count(xs))), wt = RoundToFloat(Random(rng, Count(ws))), b = RoundToFloat(Random(rng, cout));
        long[] ys = ConvReference.ConvTranspose2d(x, xs, wt, ws, b, s, s, p, p, op, op).shape;
        double[] r = RoundToFloat(Random(rng, Count(ys)));

        var (xt, wtt, bt) = (tensor(ToFloat(x), xs, requires_grad: true), tensor(ToFloat(wt), ws, requires_grad: true), tensor(ToFloat(b), requires_grad: true));
        nn.functional.conv_transpose2d(xt, wtt, bt, strides: new long[] { s }, padding: new long[] { p }, output_padding: new long[] { op })
            .backward(tensor(ToFloat(r), ys));

        double Loss(double[] xv, double[] wv, double[] bv) => Dot(ConvReference.ConvTranspose2d(xv, xs, wv, ws, bv, s, s, p, p, op, op).values, r);
        ConvolutionTests.AssertClose(NumericGradient(v => Loss(v, wt, b), x), xt.grad!.ToArray(), 1e-4, "dL/dx");
        ConvolutionTests.AssertClose(NumericGradient(v => Loss(x, v, b), wt), wtt.grad!.ToArray(), 1e-4, "dL/dW");
        ConvolutionTests.AssertClose(NumericGradient(v => Loss(x, wt, v), b), bt.grad!.ToArray(), 1e-4, "dL/db");
    }

    [Fact]
    public void Conv2d_gradients_are_right_when_the_batch_spans_several_chunks()
    {
        // The ConvVae's second layer on 96 samples: the kernels split this batch into chunks and sum the weight
        // gradient over them, which the small finite-difference cases never do.
        var rng = new Random(11);
        long[] xs = { 96, 32, 14, 14 }, ws = { 64, 32, 4, 4 }, ys = { 96, 64, 7, 7 };
        double[] x = RoundToFloat(Random(rng, Count(xs))), wt = RoundToFloat(Random(rng, Count(ws))), r = RoundToFloat(Random(rng, Count(ys)));
        var (xt, wtt) = (tensor(ToFloat(x), xs, requires_grad: true), tensor(ToFloat(wt), ws, requires_grad: true));
        nn.functional.conv2d(xt, wtt, strides: new long[] { 2 }, padding: new long[] { 1 }).backward(tensor(ToFloat(r), ys));

        // dL/dx is the transposed convolution of r; dL/dW[o,c,u,v] = Σ r[n,o,i,j]·x[n,c,2i−1+u,2j−1+v].
        ConvolutionTests.AssertClose(ConvReference.ConvTranspose2d(r, ys, wt, ws, null, 2, 2, 1, 1, 0, 0).values, xt.grad!.ToArray(), 1e-4, "dL/dx");
        var dw = new double[Count(ws)];
        for (int n = 0; n < 96; n++)
            for (int o = 0; o < 64; o++)
                for (int i = 0; i < 7; i++)
                    for (int j = 0; j < 7; j++)
                    {
                        double g = r[((n * 64 + o) * 7 + i) * 7 + j];
                        for (int c = 0; c < 32; c++)
                            for (int u = 0; u < 4; u++)
                                for (int v = 0; v < 4; v++)
                                {
                                    int row = 2 * i - 1 + u, col = 2 * j - 1 + v;
                                    if (row < 0 || row >= 14 || col < 0 || col >= 14) continue;
                                    dw[((o * 32 + c) * 4 + u) * 4 + v] += g * x[((n * 32 + c) * 14 + row) * 14 + col];
                                }
                    }
        ConvolutionTests.AssertClose(dw, wtt.grad!.ToArray(), 1e-4, "dL/dW");
    }

    [Fact]
    public void Gradients_flow_only_where_required_and_accumulate_when_a_weight_is_used_twice()
    {
        var rng = new Random(3);
        long[] xs = { 2, 2, 6, 6 }, ws = { 3, 2, 3, 3 };
        float[] x = ToFloat(Random(rng, Count(xs))), w = ToFloat(Random(rng, Count(ws)));
        var xt = tensor(x, xs);                          // no grad wanted for the input
        var wt = tensor(w, ws, requires_grad: true);
        // The same weight encodes with conv2d and decodes with conv_transpose2d (tied weights): both shares add up.
        var y = nn.functional.conv_transpose2d(nn.functional.conv2d(xt, wt, padding: new long[] { 1 }), wt, padding: new long[] { 1 });
        y.backward(ones(y.shape));
        Assert.Null(xt.grad);

        double[] xd = Array.ConvertAll(x, v => (double)v), wd = Array.ConvertAll(w, v => (double)v);
        double Loss(double[] wv)
        {
            var (h, hs) = ConvReference.Conv2d(xd, xs, wv, ws, null, 1, 1, 1, 1);
            return ConvReference.ConvTranspose2d(h, hs, wv, ws, null, 1, 1, 1, 1, 0, 0).values.Sum();
        }
        ConvolutionTests.AssertClose(NumericGradient(Loss, wd), wt.grad!.ToArray(), 1e-4, "dL/dW (tied)");
    }
}
