using MiniTorch.Kernels;

namespace VaeCourse.Tests.Engine.Kernels;

public class SimdRangeTests
{
    [Fact]
    public void First_outside_finds_the_first_offender_at_every_position_and_length_up_to_257()
    {
        float[] offenders = { -1e-7f, 1.0000001f, float.NaN, float.PositiveInfinity, float.NegativeInfinity, -0.5f, 2f };
        for (int n = 1; n <= 257; n++)
        {
            var x = Enumerable.Range(0, n).Select(i => (i % 7) / 6f).ToArray();   // 0 … 1 inclusive
            Assert.Equal(-1, Simd.FirstOutside(x, 0f, 1f));
            foreach (int at in new[] { 0, n / 2, n - 1 }.Distinct())
            {
                float bad = offenders[(n + at) % offenders.Length];
                float[] y = (float[])x.Clone();
                y[at] = bad;
                if (at + 1 < n) y[n - 1] = 5f;   // a later offender must not be reported instead
                Assert.Equal(at, Simd.FirstOutside(y, 0f, 1f));
            }
        }
        Assert.Equal(-1, Simd.FirstOutside(ReadOnlySpan<float>.Empty, 0f, 1f));
    }
}
