using System.Runtime.Intrinsics;

namespace MiniTorch.Kernels;

/// <summary>
/// Vectorised natural log (Cephes logf): x = m·2ᵉ with m in [√½, √2), log x = e·ln2 + log m, log m from
/// a degree-9 polynomial in (m − 1). Max error ≈ 2 ulp for normal inputs (tested against MathF.Log).
/// log(0) = −∞, log(x &lt; 0) = NaN, log(+∞) = +∞; subnormal inputs are scaled by 2²³ first.
/// </summary>
internal static class VMathLog
{
    private const float Sqrt1_2 = 0.707106781186547524f;
    private const float C0 = 7.0376836292e-2f, C1 = -1.1514610310e-1f, C2 = 1.1676998740e-1f, C3 = -1.2420140846e-1f,
                        C4 = 1.4249322787e-1f, C5 = -1.6668057665e-1f, C6 = 2.0000714765e-1f, C7 = -2.4999993993e-1f,
                        C8 = 3.3333331174e-1f;
    private const float Ln2Hi = 0.693359375f, Ln2Lo = -2.12194440e-4f;

    public static Vector256<float> Log(Vector256<float> x)
    {
        // Subnormals: scale into the normal range and subtract 23 from the exponent.
        Vector256<float> tiny = Vector256.LessThan(x, Vector256.Create(1.17549435e-38f));
        Vector256<float> xs = Vector256.ConditionalSelect(tiny, x * Vector256.Create(8388608f), x);
        Vector256<float> eAdjust = Vector256.ConditionalSelect(tiny, Vector256.Create(-23f), Vector256<float>.Zero);

        Vector256<int> bits = xs.AsInt32();
        Vector256<int> exponent = Vector256.ShiftRightLogical(bits, 23) - Vector256.Create(126);
        // Mantissa in [0.5, 1).
        Vector256<float> m = ((bits & Vector256.Create(0x007FFFFF)) | Vector256.Create(0x3F000000)).AsSingle();
        Vector256<float> e = Vector256.ConvertToSingle(exponent) + eAdjust;
        // Move m into [√½, √2): if m < √½, m ← 2m and e ← e − 1; then work with f = m − 1.
        Vector256<float> small = Vector256.LessThan(m, Vector256.Create(Sqrt1_2));
        e -= Vector256.ConditionalSelect(small, Vector256<float>.One, Vector256<float>.Zero);
        Vector256<float> f = m + Vector256.ConditionalSelect(small, m, Vector256<float>.Zero) - Vector256<float>.One;

        Vector256<float> f2 = f * f;
        Vector256<float> p = Vector256.Create(C0);
        p = p * f + Vector256.Create(C1);
        p = p * f + Vector256.Create(C2);
        p = p * f + Vector256.Create(C3);
        p = p * f + Vector256.Create(C4);
        p = p * f + Vector256.Create(C5);
        p = p * f + Vector256.Create(C6);
        p = p * f + Vector256.Create(C7);
        p = p * f + Vector256.Create(C8);
        Vector256<float> y = p * f * f2;
        y += e * Vector256.Create(Ln2Lo);
        y -= f2 * Vector256.Create(0.5f);
        Vector256<float> result = f + y + e * Vector256.Create(Ln2Hi);

        // Special values exactly as MathF.Log.
        result = Vector256.ConditionalSelect(Vector256.Equals(x, Vector256<float>.Zero), Vector256.Create(float.NegativeInfinity), result);
        result = Vector256.ConditionalSelect(Vector256.LessThan(x, Vector256<float>.Zero), Vector256.Create(float.NaN), result);
        result = Vector256.ConditionalSelect(Vector256.Equals(x, Vector256.Create(float.PositiveInfinity)), x, result);
        return Vector256.ConditionalSelect(Vector256.Equals(x, x), result, x);
    }

    public static Vector512<float> Log(Vector512<float> x) => Vector512.Create(Log(x.GetLower()), Log(x.GetUpper()));
}
