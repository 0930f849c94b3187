using System.Runtime.Intrinsics;

namespace MiniTorch.Kernels;

/// <summary>
/// Vectorised exp for net8.0 (whose Vector256/512 have no Exp). Cody–Waite range reduction x = n·ln2 + r with
/// |r| ≤ ln2/2, a degree-6 polynomial for eʳ (max error ≈ 2 ulp over the float range, checked against MathF.Exp
/// in the tests), and 2ⁿ built in the exponent bits. Overflow gives +∞, underflow 0, NaN stays NaN, as MathF.Exp.
/// </summary>
internal static class VMath
{
    private const float Log2E = 1.44269504088896341f;
    private const float Ln2Hi = 0.693359375f;
    private const float Ln2Lo = -2.12194440e-4f;
    private const float MaxX = 88.72283935546875f;  // ln(float.MaxValue)
    private const float MinX = -103.97208f;          // below this eˣ rounds to 0

    private const float P0 = 1.9875691500e-4f, P1 = 1.3981999507e-3f, P2 = 8.3334519073e-3f,
                        P3 = 4.1665795894e-2f, P4 = 1.6666665459e-1f, P5 = 5.0000001201e-1f;

    public static Vector256<float> Exp(Vector256<float> x)
    {
        Vector256<float> xc = Vector256.Min(Vector256.Max(x, Vector256.Create(-87.0f)), Vector256.Create(MaxX));
        Vector256<float> n = Floor(xc * Vector256.Create(Log2E) + Vector256.Create(0.5f));
        Vector256<float> r = xc - n * Vector256.Create(Ln2Hi) - n * Vector256.Create(Ln2Lo);
        Vector256<float> r2 = r * r;
        Vector256<float> p = Vector256.Create(P0);
        p = p * r + Vector256.Create(P1);
        p = p * r + Vector256.Create(P2);
        p = p * r + Vector256.Create(P3);
        p = p * r + Vector256.Create(P4);
        p = p * r + Vector256.Create(P5);
        p = p * r2 + r + Vector256<float>.One;
        // 2^n in two halves so n down to -126 and up to 128 stays a normal float.
        Vector256<int> ni = Vector256.ConvertToInt32(n);
        Vector256<int> half = Vector256.ShiftRightArithmetic(ni, 1);
        Vector256<float> s1 = Vector256.ShiftLeft(half + Vector256.Create(127), 23).AsSingle();
        Vector256<float> s2 = Vector256.ShiftLeft(ni - half + Vector256.Create(127), 23).AsSingle();
        Vector256<float> result = p * s1 * s2;
        // Tails as MathF.Exp: +inf above the range, 0 far below, the exact scalar value in the thin denormal band.
        result = Vector256.ConditionalSelect(Vector256.GreaterThan(x, Vector256.Create(MaxX)), Vector256.Create(float.PositiveInfinity), result);
        Vector256<float> low = Vector256.LessThan(x, Vector256.Create(-87.0f));
        if (low != Vector256<float>.Zero) result = ScalarTail(x, result, low);
        return Vector256.ConditionalSelect(Vector256.Equals(x, x), result, x);
    }

    public static Vector512<float> Exp(Vector512<float> x) =>
        Vector512.Create(Exp(x.GetLower()), Exp(x.GetUpper()));

    private static Vector256<float> ScalarTail(Vector256<float> x, Vector256<float> result, Vector256<float> mask)
    {
        Span<float> r = stackalloc float[8];
        result.CopyTo(r);
        for (int i = 0; i < 8; i++)
            if (mask.AsInt32().GetElement(i) != 0) r[i] = x.GetElement(i) < MinX ? 0f : MathF.Exp(x.GetElement(i));
        return Vector256.Create<float>(r);
    }

    private static Vector256<float> Floor(Vector256<float> x) => Vector256.Floor(x);
}
