namespace VaeCourse.Tests.Engine.Ops;

/// <summary>
/// Direct-loop convolutions in double, written from the definitions and sharing no code with the engine:
/// conv2d as a gather over each output's window, conv_transpose2d as a scatter of each input over its window.
/// </summary>
internal static class ConvReference
{
    public static int Conv2dOutputSize(int size, int kernel, int stride, int padding) => (size + 2 * padding - kernel) / stride + 1;

    public static int ConvTranspose2dOutputSize(int size, int kernel, int stride, int padding, int outputPadding) =>
        (size - 1) * stride - 2 * padding + kernel + outputPadding;

    /// <summary>x (N,C,H,W), w (OC,C,KH,KW), b (OC) -> (N,OC,OH,OW).</summary>
    public static (double[] values, long[] shape) Conv2d(double[] x, long[] xs, double[] w, long[] ws, double[]? b,
        int sh, int sw, int ph, int pw)
    {
        int n = (int)xs[0], c = (int)xs[1], h = (int)xs[2], wd = (int)xs[3];
        int oc = (int)ws[0], kh = (int)ws[2], kw = (int)ws[3];
        int oh = Conv2dOutputSize(h, kh, sh, ph), ow = Conv2dOutputSize(wd, kw, sw, pw);
        var y = new double[n * oc * oh * ow];
        for (int s = 0; s < n; s++)
            for (int o = 0; o < oc; o++)
                for (int i = 0; i < oh; i++)
                    for (int j = 0; j < ow; j++)
                    {
                        double acc = b?[o] ?? 0;
                        for (int ch = 0; ch < c; ch++)
                            for (int u = 0; u < kh; u++)
                                for (int v = 0; v < kw; v++)
                                {
                                    int row = i * sh - ph + u, col = j * sw - pw + v;
                                    if (row < 0 || row >= h || col < 0 || col >= wd) continue;
                                    acc += x[((s * c + ch) * h + row) * wd + col] * w[((o * c + ch) * kh + u) * kw + v];
                                }
                        y[((s * oc + o) * oh + i) * ow + j] = acc;
                    }
        return (y, new long[] { n, oc, oh, ow });
    }

    /// <summary>x (N,Ci,H,W), w (Ci,Co,KH,KW), b (Co) -> (N,Co,OH,OW): every input scatters x·w over its window.</summary>
    public static (double[] values, long[] shape) ConvTranspose2d(double[] x, long[] xs, double[] w, long[] ws,
        double[]? b, int sh, int sw, int ph, int pw, int oph, int opw)
    {
        int n = (int)xs[0], ci = (int)xs[1], h = (int)xs[2], wd = (int)xs[3];
        int co = (int)ws[1], kh = (int)ws[2], kw = (int)ws[3];
        int oh = ConvTranspose2dOutputSize(h, kh, sh, ph, oph), ow = ConvTranspose2dOutputSize(wd, kw, sw, pw, opw);
        var y = new double[n * co * oh * ow];
        for (int s = 0; s < n; s++)
            for (int o = 0; o < co; o++)
                for (int p = 0; p < oh * ow; p++)
                    y[(s * co + o) * oh * ow + p] = b?[o] ?? 0;
        for (int s = 0; s < n; s++)
            for (int i = 0; i < ci; i++)
                for (int r = 0; r < h; r++)
                    for (int q = 0; q < wd; q++)
                        for (int o = 0; o < co; o++)
                            for (int u = 0; u < kh; u++)
                                for (int v = 0; v < kw; v++)
                                {
                                    int row = r * sh - ph + u, col = q * sw - pw + v;
                                    if (row < 0 || row >= oh || col < 0 || col >= ow) continue;
                                    y[((s * co + o) * oh + row) * ow + col] +=
                                        x[((s * ci + i) * h + r) * wd + q] * w[((i * co + o) * kh + u) * kw + v];
                                }
        return (y, new long[] { n, co, oh, ow });
    }

    public static double[] Random(Random rng, long count) =>
        Enumerable.Range(0, (int)count).Select(_ => rng.NextDouble() * 2 - 1).ToArray();

    public static long Count(long[] shape) => shape.Aggregate(1L, (a, s) => a * s);

    public static float[] ToFloat(double[] values) => values.Select(v => (float)v).ToArray();

    // Values as the engine sees them: rounded to float, so the reference and the engine use identical inputs.
    public static double[] RoundToFloat(double[] values) => values.Select(v => (double)(float)v).ToArray();

    /// <summary>Central differences of f at <paramref name="at"/>, one coordinate at a time: (f(x+εeᵢ) − f(x−εeᵢ)) / 2ε.</summary>
    public static double[] NumericGradient(Func<double[], double> f, double[] at, double eps = 1e-6)
    {
        var grad = new double[at.Length];
        var probe = (double[])at.Clone();
        for (int i = 0; i < at.Length; i++)
        {
            probe[i] = at[i] + eps;
            double up = f(probe);
            probe[i] = at[i] - eps;
            double down = f(probe);
            probe[i] = at[i];
            grad[i] = (up - down) / (2 * eps);
        }
        return grad;
    }

    public static double Dot(double[] a, double[] b)
    {
        double s = 0;
        for (int i = 0; i < a.Length; i++) s += a[i] * b[i];
        return s;
    }
}
