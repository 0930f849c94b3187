using MiniTorch;
using VaeCourse.Tests.TestSupport;
using static MiniTorch.torch;

namespace VaeCourse.Tests.Engine.Ops;

/// <summary>erf/erfinv tensor ops: float results against double references (tails included), gradients, edges.</summary>
public class SpecialTests
{
    [Fact] public void Erf_gradient() => GradCheck.Verify(t => t[0].erf(), new[] { TestTensors.Uniform(new long[] { 3, 4 }, -2, 2, seed: 1) });
    [Fact] public void Erfinv_gradient() => GradCheck.Verify(t => t[0].erfinv(), new[] { TestTensors.Uniform(new long[] { 3, 4 }, -0.9, 0.9, seed: 2) }, h: 1e-3);

    [Fact]
    public void Erf_is_within_one_float_rounding_of_the_reference()
    {
        float[] x = { 0f, 1e-6f, -1e-3f, 0.1f, 0.5f, -1f, 1.5f, 2.5f, 3f, -3.5f, 4f, 5f, 10f };
        float[] got = special.erf(tensor(x)).ToArray();
        for (int i = 0; i < x.Length; i++)
        {
            double expected = ReferenceNormal.Erf(x[i]);
            Assert.True(Math.Abs(got[i] - expected) <= 6e-8 * Math.Abs(expected) + 1e-30, $"erf({x[i]}) = {got[i]:R}, reference {expected:R}");
        }
    }

    [Fact]
    public void Erfinv_is_within_one_float_rounding_of_the_reference_into_the_tails()
    {
        // Tails: 1 − 2⁻²⁰ and the largest float below 1, where erfinv is steep (the input is exact, so the output can be too).
        float[] y = { 0f, 1e-6f, 0.2f, -0.5f, 0.9f, 0.99f, -0.999f, 1f - 1f / (1 << 20), 1f - 1f / (1 << 24), -(1f - 1f / (1 << 24)) };
        float[] got = torch.erfinv(tensor(y)).ToArray();
        for (int i = 0; i < y.Length; i++)
        {
            double expected = ReferenceNormal.Erfinv(y[i]);
            Assert.True(Math.Abs(got[i] - expected) <= 6e-8 * Math.Abs(expected) + 1e-30, $"erfinv({y[i]:R}) = {got[i]:R}, reference {expected:R}");
        }
    }

    [Fact]
    public void Edges_follow_pytorch()
    {
        float[] inv = tensor(new[] { 1f, -1f, 1.5f, float.NaN }).erfinv().ToArray();
        Assert.Equal(float.PositiveInfinity, inv[0]);
        Assert.Equal(float.NegativeInfinity, inv[1]);
        Assert.True(float.IsNaN(inv[2]) && float.IsNaN(inv[3]));
        Assert.Equal(new[] { 1f, -1f }, tensor(new[] { float.PositiveInfinity, float.NegativeInfinity }).erf().ToArray());
    }
}
