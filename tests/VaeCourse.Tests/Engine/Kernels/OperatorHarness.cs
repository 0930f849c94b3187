using System.Runtime.Intrinsics;
using MiniTorch.Kernels;

namespace VaeCourse.Tests.Engine.Kernels;

/// <summary>
/// Checks an elementwise operator's vector paths against its scalar path, both directly (each lane of Invoke on a
/// Vector256/Vector512) and through Simd's loop for every length 0..70 (so 512-bit blocks, 256-bit blocks and scalar
/// tails all occur). Results must be bit-identical except where <c>ulps</c> allows a documented difference (VMath.Exp).
/// </summary>
internal static class OperatorHarness
{
    /// <summary>Ordinary values plus the awkward ones: ±0, ±∞, NaN, denormals, huge and tiny magnitudes.</summary>
    public static float[] Inputs(int seed)
    {
        float[] special = { 0f, -0f, 1f, -1f, float.PositiveInfinity, float.NegativeInfinity, float.NaN, 1e-40f, -1e-40f,
                            100f, -100f, 88.5f, -88.5f, 1e30f, -1e30f, 0.5f, 2f, 3f, 20f, 21f };
        var random = new System.Random(seed);
        var values = new float[96];
        for (int i = 0; i < values.Length; i++)
            values[i] = i % 3 == 0 ? special[(i / 3) % special.Length] : (float)((random.NextDouble() - 0.5) * 8);
        return values;
    }

    public static void CheckUnary<TOp>(TOp op, string name, float[] x, int ulps = 0) where TOp : struct, IUnaryOp
    {
        if (op.Vectorizable)
        {
            for (int start = 0; start + 16 <= x.Length; start += 16)
            {
                Vector512<float> v512 = op.Invoke(Vector512.Create(x, start));
                Vector256<float> v256 = op.Invoke(Vector256.Create(x, start));
                for (int lane = 0; lane < 16; lane++)
                    Same(op.Invoke(x[start + lane]), v512.GetElement(lane), ulps, $"{name} Vector512 lane {lane}, x = {x[start + lane]:R}");
                for (int lane = 0; lane < 8; lane++)
                    Same(op.Invoke(x[start + lane]), v256.GetElement(lane), ulps, $"{name} Vector256 lane {lane}, x = {x[start + lane]:R}");
            }
        }
        for (int n = 0; n <= 70; n++)
        {
            var destination = new float[n + 1];
            destination[n] = 12345f;   // a sentinel: the loop must not write past n
            Simd.Unary(op, x.AsSpan(0, n), destination);
            for (int i = 0; i < n; i++) Same(op.Invoke(x[i]), destination[i], ulps, $"{name} Simd.Unary length {n} index {i}, x = {x[i]:R}");
            Assert.Equal(12345f, destination[n]);
        }
    }

    public static void CheckBinary<TOp>(TOp op, string name, float[] x, float[] y, int ulps = 0) where TOp : struct, IBinaryOp
    {
        if (op.Vectorizable)
        {
            for (int start = 0; start + 16 <= x.Length; start += 16)
            {
                Vector512<float> v512 = op.Invoke(Vector512.Create(x, start), Vector512.Create(y, start));
                Vector256<float> v256 = op.Invoke(Vector256.Create(x, start), Vector256.Create(y, start));
                for (int lane = 0; lane < 16; lane++)
                    Same(op.Invoke(x[start + lane], y[start + lane]), v512.GetElement(lane), ulps, $"{name} Vector512 lane {lane}, ({x[start + lane]:R}, {y[start + lane]:R})");
                for (int lane = 0; lane < 8; lane++)
                    Same(op.Invoke(x[start + lane], y[start + lane]), v256.GetElement(lane), ulps, $"{name} Vector256 lane {lane}, ({x[start + lane]:R}, {y[start + lane]:R})");
            }
        }
        for (int n = 0; n <= 70; n++)
        {
            var destination = new float[n + 1];
            destination[n] = 12345f;
            Simd.Binary(op, x.AsSpan(0, n), y.AsSpan(0, n), destination);
            for (int i = 0; i < n; i++)
                Same(op.Invoke(x[i], y[i]), destination[i], ulps, $"{name} Simd.Binary length {n} index {i}, ({x[i]:R}, {y[i]:R})");
            Assert.Equal(12345f, destination[n]);
        }
    }

    private static void Same(float expected, float actual, int ulps, string where)
    {
        if (float.IsNaN(expected) && float.IsNaN(actual)) return;
        int expectedBits = BitConverter.SingleToInt32Bits(expected), actualBits = BitConverter.SingleToInt32Bits(actual);
        if (expectedBits == actualBits) return;
        bool close = ulps > 0 && float.IsFinite(expected) && float.IsFinite(actual) && Math.Sign(expectedBits) == Math.Sign(actualBits)
                     && Math.Abs((long)expectedBits - actualBits) <= ulps;
        Assert.True(close, $"{where}: scalar {expected:R}, vector {actual:R}");
    }
}
