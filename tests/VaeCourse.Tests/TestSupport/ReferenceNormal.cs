namespace VaeCourse.Tests.TestSupport;

/// <summary>
/// erf, erfc, Φ and their inverses in double by direct numerical integration and bisection: slow, but sharing nothing
/// with the engine's series and continued fractions, so they can judge them.
/// </summary>
public static class ReferenceNormal
{
    private const double TwoOverSqrtPi = 1.1283791670955125739;

    /// <summary>(2/√π)∫₀ˣ e^{−t²} dt by composite Simpson (20 000 panels: relative error below 1e-13 for |x| ≤ 10).</summary>
    public static double Erf(double x) => x >= 0 ? Integral(0, x) : -Integral(0, -x);

    /// <summary>(2/√π)∫ₓ^{x+8} e^{−t²} dt for x ≥ 0 (the rest is below e^{−64} relative); 1 + erf(−x) otherwise.</summary>
    public static double Erfc(double x) => x >= 0 ? Integral(x, x + 8) : 1 + Integral(0, -x);

    /// <summary>The z with erf(z) = y, by 200 bisection steps on erf (or on erfc for y &gt; ½, keeping the tail digits).</summary>
    public static double Erfinv(double y)
    {
        if (y < 0) return -Erfinv(-y);
        if (y == 0) return 0;
        double lo = 0, hi = 10;
        for (int i = 0; i < 200 && hi - lo > 1e-15 * hi; i++)
        {
            double mid = 0.5 * (lo + hi);
            bool below = y > 0.5 ? Erfc(mid) > 1 - y : Erf(mid) < y;
            if (below) lo = mid; else hi = mid;
        }
        return 0.5 * (lo + hi);
    }

    /// <summary>Φ(z) = ½·erfc(−z/√2): the standard normal CDF with full relative accuracy in the left tail.</summary>
    public static double Cdf(double z) => 0.5 * Erfc(-z / Math.Sqrt(2));

    private static double Integral(double a, double b)
    {
        const int Panels = 20000;  // even; Simpson's error h⁴·f''''/180 with h ≤ 5e-4
        double h = (b - a) / Panels;
        // Neumaier's compensated sum: 20 000 plain additions would lose about 1e-14 to rounding.
        double sum = 0, compensation = 0;
        for (int i = 0; i <= Panels; i++)
        {
            double term = (i == 0 || i == Panels ? 1 : i % 2 == 1 ? 4 : 2) * F(a + i * h);
            double t = sum + term;
            compensation += Math.Abs(sum) >= Math.Abs(term) ? (sum - t) + term : (term - t) + sum;
            sum = t;
        }
        return TwoOverSqrtPi * (sum + compensation) * h / 3;
    }

    private static double F(double t) => Math.Exp(-t * t);
}
