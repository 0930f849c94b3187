using System.Globalization;
using VaeCourse.Charts;

namespace VaeCourse.Tests.Charts;

public class NiceScaleTests
{
    [Theory]
    // Worked by hand from Heckbert's rules (range rounded up to 1/2/5·10^k, step rounded to 1/2/5·10^k).
    [InlineData(0, 1, 0, 1, 0.2)]
    [InlineData(1, 10, 0, 10, 2)]
    [InlineData(93.2, 187.6, 80, 200, 20)]
    [InlineData(-3.7, 2.1, -4, 4, 2)]
    [InlineData(0.0012, 0.0047, 0.001, 0.005, 0.001)]
    public void Known_ranges_get_the_expected_ticks(double lo, double hi, double min, double max, double step)
    {
        var scale = NiceScale.For(lo, hi);
        Assert.Equal(min, scale.Min, 12);
        Assert.Equal(max, scale.Max, 12);
        Assert.Equal(step, scale.Step, 12);
    }

    [Fact]
    public void Random_ranges_get_covering_round_ticks_without_float_dust()
    {
        var random = new Random(3);
        for (int trial = 0; trial < 2000; trial++)
        {
            double magnitude = Math.Pow(10, random.Next(-4, 6));
            double a = (random.NextDouble() * 2 - 1) * magnitude, b = a + random.NextDouble() * magnitude;
            var scale = NiceScale.For(a, b);

            Assert.True(scale.Min <= a && scale.Max >= b, $"[{scale.Min}, {scale.Max}] does not cover [{a}, {b}]");
            double mantissa = scale.Step / Math.Pow(10, Math.Floor(Math.Log10(scale.Step) + 1e-9));
            Assert.Contains(Math.Round(mantissa, 9), new[] { 1.0, 2.0, 5.0 });
            Assert.InRange(scale.Ticks.Count, 3, 12);
            foreach (double tick in scale.Ticks)
            {
                string label = scale.Format(tick);
                Assert.True(label.Length <= 12, $"label '{label}' for tick {tick} (step {scale.Step})");
                Assert.Equal(tick, double.Parse(label, CultureInfo.InvariantCulture), scale.Step * 1e-6);
            }
        }
    }

    [Fact]
    public void A_constant_series_still_gets_a_range()
    {
        var scale = NiceScale.For(5, 5);
        Assert.True(scale.Min < 5 && scale.Max > 5);
        var zero = NiceScale.For(0, 0);
        Assert.True(zero.Min < 0 && zero.Max > 0);
    }

    [Fact]
    public void Labels_never_read_minus_zero()
    {
        var scale = NiceScale.For(-1, 1);
        Assert.Equal(["-1.0", "-0.5", "0.0", "0.5", "1.0"], scale.Ticks.Select(scale.Format));
    }
}
