using System.Runtime.Intrinsics;
using MiniTorch.Kernels;

namespace VaeCourse.Tests.Engine.Kernels;

/// <summary>VMath.Exp against the correctly rounded exp (computed in double) over the whole float range.</summary>
public class VMathTests
{
    private const float Lo = -103f, Hi = 89f;

    [Fact]
    public void Exp_is_within_4_ulp_and_1e_6_relative_over_a_dense_sweep()
    {
        // 4 million evenly spaced points of [−103, 89] (step ≈ 4.6e-5), eight at a time through the vector path.
        const int count = 1 << 22;
        var x = new float[8];
        int worstUlp = 0;
        double worstRelative = 0;
        float worstAt = 0;
        for (int i = 0; i < count; i += 8)
        {
            for (int lane = 0; lane < 8; lane++) x[lane] = Lo + (Hi - Lo) * (i + lane) / (count - 1);
            Vector256<float> y = VMath.Exp(Vector256.Create(x));
            for (int lane = 0; lane < 8; lane++)
            {
                float actual = y.GetElement(lane);
                double exact = Math.Exp(x[lane]);
                int ulp = UlpDistance(actual, (float)exact);
                if (ulp > worstUlp) { worstUlp = ulp; worstAt = x[lane]; }
                if (exact >= 1.1754943508222875e-38 && exact <= float.MaxValue)
                    worstRelative = Math.Max(worstRelative, Math.Abs(actual - exact) / exact);
            }
        }
        Assert.True(worstUlp <= 4, $"VMath.Exp is {worstUlp} ulp off at x = {worstAt:R}");
        Assert.True(worstRelative <= 1e-6, $"worst relative error {worstRelative:G3}");
    }

    [Fact]
    public void Exp_agrees_with_MathF_Exp_on_every_float_near_the_edges_of_the_range()
    {
        // Every float within 20 000 ulp of: overflow, the −87 switch to the scalar tail, the underflow to 0, and 0.
        foreach (float centre in new[] { 88.72283935546875f, -87f, -103.97208f, 0f, -0.5f * MathF.Log(2), 0.5f * MathF.Log(2) })
        {
            int bits = BitConverter.SingleToInt32Bits(centre);
            var x = new float[8];
            for (int d = -20_000; d < 20_000; d += 8)
            {
                for (int lane = 0; lane < 8; lane++) x[lane] = Step(centre, bits, d + lane);
                Vector256<float> y = VMath.Exp(Vector256.Create(x));
                for (int lane = 0; lane < 8; lane++)
                {
                    float expected = MathF.Exp(x[lane]);
                    float actual = y.GetElement(lane);
                    Assert.True(UlpDistance(actual, expected) <= 4, $"exp({x[lane]:R}) = {actual:R}, MathF.Exp gives {expected:R}");
                }
            }
        }
    }

    // The float d ulps from centre (crossing zero correctly).
    private static float Step(float centre, int bits, int d)
    {
        if (centre == 0f) return d >= 0 ? BitConverter.Int32BitsToSingle(d) : -BitConverter.Int32BitsToSingle(-d);
        return BitConverter.Int32BitsToSingle(bits + (centre > 0 ? d : -d));
    }

    [Fact]
    public void Special_values_follow_MathF_Exp()
    {
        float[] x = { float.PositiveInfinity, float.NegativeInfinity, float.NaN, 89f, 1000f, -104f, -1000f, 0f };
        Vector256<float> y = VMath.Exp(Vector256.Create(x));
        Assert.Equal(float.PositiveInfinity, y.GetElement(0));
        Assert.Equal(0f, y.GetElement(1));
        Assert.True(float.IsNaN(y.GetElement(2)));
        Assert.Equal(float.PositiveInfinity, y.GetElement(3));
        Assert.Equal(float.PositiveInfinity, y.GetElement(4));
        Assert.Equal(0f, y.GetElement(5));
        Assert.Equal(0f, y.GetElement(6));
        Assert.Equal(1f, y.GetElement(7));

        // Denormal results (−103 < x < −87.3) are MathF.Exp's own, and still positive.
        float[] tiny = { -87.5f, -90f, -95f, -100f, -103f, -103.9f, -88f, -87.2f };
        Vector256<float> t = VMath.Exp(Vector256.Create(tiny));
        for (int lane = 0; lane < 8; lane++)
        {
            Assert.Equal(MathF.Exp(tiny[lane]), t.GetElement(lane));
            Assert.True(t.GetElement(lane) > 0f);
        }
        // The largest finite result.
        Assert.Equal(MathF.Exp(88.72f), VMath.Exp(Vector256.Create(88.72f)).GetElement(0), 4e-7f * MathF.Exp(88.72f));
    }

    [Fact]
    public void The_512_bit_form_equals_two_256_bit_halves()
    {
        var x = new float[16];
        for (int i = 0; i < 16; i++) x[i] = -100f + 12.3f * i;
        Vector512<float> wide = VMath.Exp(Vector512.Create(x));
        Vector256<float> low = VMath.Exp(Vector256.Create(x, 0)), high = VMath.Exp(Vector256.Create(x, 8));
        for (int i = 0; i < 8; i++)
        {
            Assert.Equal(low.GetElement(i), wide.GetElement(i));
            Assert.Equal(high.GetElement(i), wide.GetElement(i + 8));
        }
    }

    // Distance in representable floats (same sign assumed for finite values; equal infinities and NaNs are 0 apart).
    private static int UlpDistance(float a, float b)
    {
        if (a == b || (float.IsNaN(a) && float.IsNaN(b))) return 0;
        if (float.IsNaN(a) || float.IsNaN(b) || float.IsInfinity(a) || float.IsInfinity(b)) return int.MaxValue;
        long ia = BitConverter.SingleToInt32Bits(a), ib = BitConverter.SingleToInt32Bits(b);
        if (ia < 0) ia = int.MinValue - ia;
        if (ib < 0) ib = int.MinValue - ib;
        return (int)Math.Min(Math.Abs(ia - ib), int.MaxValue);
    }
}
