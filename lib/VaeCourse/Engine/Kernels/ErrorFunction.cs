namespace MiniTorch.Kernels;

/// <summary>
/// erf, erfc and erfinv in double precision; the Float32 tensor ops round the result once, so they are correctly
/// rounded or within 1 ulp of it.
/// <list type="bullet">
/// <item>erf for |x| &lt; 3: the series erf(x) = (2/√π)·e^{−x²}·Σₙ 2ⁿx^{2n+1}/(1·3·…·(2n+1)), whose terms are all
/// positive, so nothing cancels (the alternating Taylor series loses digits at |x| ≈ 3).</item>
/// <item>erfc for x ≥ 3: the continued fraction e^{−x²}/√π · 1/(x + ½/(x + 1/(x + 3/2/(x + …)))) evaluated
/// with the modified Lentz method; it gives erfc with full relative accuracy in the tail.</item>
/// <item>erfinv: Giles' single-precision approximation ("Approximating the erfinv function", GPU Computing Gems,
/// 2011) as the start, then two Newton steps on erf(z) = y; in the tails the residual is formed as
/// (1 − |y|) − erfc(|z|), which is exact to double precision where y itself is within a few ulp of ±1.</item>
/// </list>
/// </summary>
internal static class ErrorFunction
{
    private const double TwoOverSqrtPi = 1.1283791670955125739;
    private const double OneOverSqrtPi = 0.56418958354775628695;
    private const double SeriesLimit = 3.0;

    /// <summary>erf(x) to about 1e-16 absolute (and relative for small |x|).</summary>
    public static double Erf(double x)
    {
        if (double.IsNaN(x)) return x;
        double ax = Math.Abs(x);
        if (ax < SeriesLimit) return PositiveSeries(x);
        if (double.IsInfinity(ax)) return Math.CopySign(1.0, x);
        return Math.CopySign(1.0 - ErfcTail(ax), x);
    }

    /// <summary>erfc(x) = 1 − erf(x), with full relative accuracy for large positive x.</summary>
    public static double Erfc(double x)
    {
        if (double.IsNaN(x)) return x;
        if (double.IsInfinity(x)) return x > 0 ? 0.0 : 2.0;
        if (x >= SeriesLimit) return ErfcTail(x);
        if (x <= -SeriesLimit) return 2.0 - ErfcTail(-x);
        return 1.0 - PositiveSeries(x);
    }

    /// <summary>The z with erf(z) = y: ±∞ at y = ±1, NaN outside [−1, 1].</summary>
    public static double Erfinv(double y)
    {
        if (double.IsNaN(y) || y < -1 || y > 1) return double.NaN;
        if (y == 1) return double.PositiveInfinity;
        if (y == -1) return double.NegativeInfinity;
        if (y == 0) return y;

        double ay = Math.Abs(y);
        double tail = 1.0 - ay;  // exact when y is a float (or any double ≥ ½)
        double z = Math.Abs(Giles(y));
        for (int step = 0; step < 2; step++)
        {
            // erf(z) − |y| as (1 − |y|) − erfc(z) where erf(z) is close to 1; as erf(z) − |y| near 0.
            double residual = ay > 0.5 ? tail - Erfc(z) : Erf(z) - ay;
            double slope = TwoOverSqrtPi * Math.Exp(-z * z);
            if (slope == 0) break;
            z -= residual / slope;
        }
        return Math.CopySign(z, y);
    }

    private static double PositiveSeries(double x)
    {
        double x2 = x * x;
        double term = x, sum = x;
        for (int n = 1; n < 200; n++)
        {
            term *= 2 * x2 / (2 * n + 1);
            sum += term;
            if (Math.Abs(term) <= 1e-17 * Math.Abs(sum)) break;
        }
        return TwoOverSqrtPi * Math.Exp(-x2) * sum;
    }

    // erfc(x) for x ≥ 3 by the continued fraction x + (1/2)/(x + (2/2)/(x + (3/2)/(x + …))), modified Lentz.
    private static double ErfcTail(double x)
    {
        const double Tiny = 1e-300;
        double f = x, c = x, d = 0;
        for (int k = 1; k < 500; k++)
        {
            double a = 0.5 * k;
            d = x + a * d;
            if (Math.Abs(d) < Tiny) d = Tiny;
            d = 1.0 / d;
            c = x + a / c;
            if (Math.Abs(c) < Tiny) c = Tiny;
            double delta = c * d;
            f *= delta;
            if (Math.Abs(delta - 1.0) < 1e-16) break;
        }
        return OneOverSqrtPi * Math.Exp(-x * x) / f;
    }

    // Giles (2011), single-precision branch coefficients: relative error ≈ 1e-7, enough for Newton to finish.
    private static double Giles(double y)
    {
        double w = -Math.Log((1.0 - y) * (1.0 + y));
        double p;
        if (w < 5.0)
        {
            w -= 2.5;
            p = 2.81022636e-08;
            p = 3.43273939e-07 + p * w;
            p = -3.5233877e-06 + p * w;
            p = -4.39150654e-06 + p * w;
            p = 0.00021858087 + p * w;
            p = -0.00125372503 + p * w;
            p = -0.00417768164 + p * w;
            p = 0.246640727 + p * w;
            p = 1.50140941 + p * w;
        }
        else
        {
            w = Math.Sqrt(w) - 3.0;
            p = -0.000200214257;
            p = 0.000100950558 + p * w;
            p = 0.00134934322 + p * w;
            p = -0.00367342844 + p * w;
            p = 0.00573950773 + p * w;
            p = -0.0076224613 + p * w;
            p = 0.00943887047 + p * w;
            p = 1.00167406 + p * w;
            p = 2.83297682 + p * w;
        }
        return p * y;
    }
}
