using MiniTorch.Kernels;
using VaeCourse.Tests.TestSupport;

namespace VaeCourse.Tests.Engine.Kernels;

/// <summary>The double-precision erf/erfc/erfinv kernels against integration and bisection references.</summary>
public class ErrorFunctionTests
{
    public static readonly TheoryData<double> Points = new() { 1e-8, 1e-3, 0.1, 0.5, 1, 1.5, 2, 2.5, 2.999, 3, 3.001, 3.5, 4.5, 5.5 };

    [Theory, MemberData(nameof(Points))]
    public void Erf_matches_integration_on_both_sides(double x)
    {
        double expected = ReferenceNormal.Erf(x);
        Assert.True(Math.Abs(ErrorFunction.Erf(x) - expected) <= 1e-14 * Math.Abs(expected), $"erf({x}) = {ErrorFunction.Erf(x):R}, reference {expected:R}");
        Assert.Equal(-ErrorFunction.Erf(x), ErrorFunction.Erf(-x));
    }

    [Theory, MemberData(nameof(Points))]
    public void Erfc_keeps_its_relative_accuracy_in_the_tail(double x)
    {
        double expected = ReferenceNormal.Erfc(x);   // 1.5e-15 at x = 5.5: only a tail formula gets its digits right
        Assert.True(Math.Abs(ErrorFunction.Erfc(x) - expected) <= 1e-11 * expected, $"erfc({x}) = {ErrorFunction.Erfc(x):R}, reference {expected:R}");
    }

    [Theory]
    [InlineData(1e-6)]
    [InlineData(0.3)]
    [InlineData(0.5)]
    [InlineData(0.9)]
    [InlineData(0.999)]
    [InlineData(1 - 1.0 / (1 << 24))]   // the largest float below 1
    [InlineData(-0.75)]
    public void Erfinv_inverts_erf_to_near_double_precision(double y)
    {
        double expected = ReferenceNormal.Erfinv(y);
        Assert.True(Math.Abs(ErrorFunction.Erfinv(y) - expected) <= 1e-12 * Math.Abs(expected), $"erfinv({y:R}) = {ErrorFunction.Erfinv(y):R}, reference {expected:R}");
    }

    [Fact]
    public void Erfinv_edges_follow_pytorch()
    {
        Assert.Equal(double.PositiveInfinity, ErrorFunction.Erfinv(1));
        Assert.Equal(double.NegativeInfinity, ErrorFunction.Erfinv(-1));
        Assert.True(double.IsNaN(ErrorFunction.Erfinv(1.5)));
        Assert.True(double.IsNaN(ErrorFunction.Erf(double.NaN)));
        Assert.Equal(1.0, ErrorFunction.Erf(30));
        Assert.Equal(0.0, ErrorFunction.Erfc(30));
        Assert.Equal(2.0, ErrorFunction.Erfc(-30));
    }

    [Fact]
    public void The_reference_rejects_a_textbook_approximation()
    {
        // Abramowitz & Stegun 7.1.26 (|error| ≤ 1.5e-7): fine for plots, but the 1e-14 check above must reject it.
        static double AbramowitzStegun(double x)
        {
            double t = 1 / (1 + 0.3275911 * x);
            double poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
            return 1 - poly * Math.Exp(-x * x);
        }
        double worst = new[] { 0.1, 0.5, 1.0, 2.0 }.Max(x => Math.Abs(AbramowitzStegun(x) - ReferenceNormal.Erf(x)) / ReferenceNormal.Erf(x));
        Assert.True(worst > 1e-9, $"A&S relative error {worst}");
    }
}
