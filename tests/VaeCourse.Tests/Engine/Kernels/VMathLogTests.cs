using System.Runtime.Intrinsics;
using MiniTorch.Kernels;

namespace VaeCourse.Tests.Engine.Kernels;

public class VMathLogTests
{
    private static float[] Log256(float[] x)
    {
        var result = new float[x.Length];
        for (int i = 0; i + 8 <= x.Length; i += 8)
            VMathLog.Log(Vector256.Create(x, i)).CopyTo(result, i);
        return result;
    }

    [Fact]
    public void Matches_double_precision_log_within_a_few_ulp_over_the_float_range()
    {
        // Dense geometric sweep from subnormals to float.MaxValue.
        var xs = new List<float>();
        for (double x = 1e-44; x < 3e38; x *= 1.0007) xs.Add((float)x);
        while (xs.Count % 8 != 0) xs.Add(1f);
        float[] input = xs.ToArray(), got = Log256(input);
        double worst = 0;
        for (int i = 0; i < input.Length; i++)
        {
            double exact = Math.Log(input[i]);
            double ulp = Math.Max(Math.Abs(MathF.BitIncrement((float)exact) - (float)exact), float.Epsilon);
            worst = Math.Max(worst, Math.Abs(got[i] - exact) / ulp);
        }
        Assert.True(worst <= 4, $"worst error {worst:F2} ulp");
    }

    [Fact]
    public void Special_values_follow_MathF_Log()
    {
        float[] x = { 0f, -0f, -1f, float.PositiveInfinity, float.NaN, 1f, float.Epsilon, float.NegativeInfinity };
        float[] got = Log256(x);
        for (int i = 0; i < x.Length; i++)
            Assert.Equal(MathF.Log(x[i]), got[i], 5);
    }

    [Fact]
    public void Bce_operator_vector_path_agrees_with_scalar_path_including_clamped_ends()
    {
        var op = new BceOp();
        float[] x = { 0f, 1f, 0.5f, 1e-30f, 0.999999f, 0.25f, 0.75f, 0.1f };
        float[] t = { 0f, 1f, 1f, 1f, 0f, 0.3f, 0.9f, 0f };
        var v = op.Invoke(Vector256.Create(x), Vector256.Create(t));
        for (int i = 0; i < 8; i++)
            Assert.Equal(op.Invoke(x[i], t[i]), v.GetElement(i), 4);
        // x = 1 with t = 0 hits log(0): PyTorch clamps it to −100, so the loss is exactly 100.
        Assert.Equal(100f, new BceOp().Invoke(1f, 0f));
    }
}
