using MiniTorch;
using static MiniTorch.torch;

namespace VaeCourse.Tests.TestSupport;

/// <summary>The checker itself must be able to fail: ops built with the engine's Record whose backward is wrong.</summary>
public class GradCheckTests
{
    // y = x² with a backward of factor·x·g: factor 2 is right, anything else is a planted bug.
    private static Tensor SquareWithDerivative(Tensor x, float factor)
    {
        float[] xs = x.ToArray();
        var y = tensor(xs.Select(v => v * v).ToArray(), x.shape);
        if (!Tensor.NeedsGrad(x)) return y;
        return Tensor.Record(y, "square_under_test", new[] { x }, g =>
        {
            float[] gx = g.ToArray();
            for (int i = 0; i < gx.Length; i++) gx[i] *= factor * xs[i];
            x.AccumulateGrad(gx, owned: true);
        });
    }

    // y = x·A (a row-vector times a matrix) with a backward that forgets to transpose A: g·A instead of g·Aᵀ.
    private static Tensor RowTimesMatrixWithUntransposedBackward(Tensor x, float[,] a)
    {
        int n = a.GetLength(0);
        float[] xs = x.ToArray();
        var y = new float[n];
        for (int j = 0; j < n; j++)
            for (int i = 0; i < n; i++) y[j] += xs[i] * a[i, j];
        var result = tensor(y);
        if (!Tensor.NeedsGrad(x)) return result;
        return Tensor.Record(result, "untransposed_under_test", new[] { x }, g =>
        {
            var gx = new float[n];
            for (int i = 0; i < n; i++)
                for (int j = 0; j < n; j++) gx[i] += g.Data[j] * a[j, i];
            x.AccumulateGrad(gx, owned: true);
        });
    }

    [Fact]
    public void A_correct_custom_derivative_passes()
    {
        var x = TestTensors.Uniform(new long[] { 2, 3 }, -2, 2, seed: 1);
        GradCheckResult result = GradCheck.Run(t => SquareWithDerivative(t[0], 2f), new[] { x });
        Assert.True(result.Passed, result.Worst);
        Assert.Equal(6, result.Checked);
        Assert.True(result.MaxAbsError < 1e-4, $"max error {result.MaxAbsError}");
    }

    [Theory]
    [InlineData(2.2f)]   // 10 % too large
    [InlineData(-2f)]    // wrong sign
    [InlineData(1f)]     // a forgotten factor 2
    public void A_wrong_custom_derivative_fails(float factor)
    {
        var x = TestTensors.AwayFromZero(new long[] { 2, 3 }, 0.5, 2, seed: 2);
        GradCheckResult result = GradCheck.Run(t => SquareWithDerivative(t[0], factor), new[] { x });
        Assert.False(result.Passed, $"factor {factor} was accepted: {result.Worst}");
        // The error is |factor − 2|·|x|·|w| ≥ |factor − 2|·0.5·0.5 for some element.
        Assert.True(result.MaxAbsError > Math.Abs(factor - 2f) * 0.25, $"max error {result.MaxAbsError}");
    }

    [Fact]
    public void A_missing_transpose_fails()
    {
        var a = new float[,] { { 1, 2, 0 }, { -1, 0.5f, 3 }, { 2, -2, 1 } };
        var x = TestTensors.Uniform(new long[] { 3 }, -1, 1, seed: 3);
        GradCheckResult result = GradCheck.Run(t => RowTimesMatrixWithUntransposedBackward(t[0], a), new[] { x });
        Assert.False(result.Passed, result.Worst);
    }

    [Fact]
    public void Verify_throws_with_the_worst_element_named()
    {
        var x = TestTensors.AwayFromZero(new long[] { 4 }, 0.5, 2, seed: 4);
        var error = Assert.ThrowsAny<Exception>(() => GradCheck.Verify(t => SquareWithDerivative(t[0], 3f), new[] { x }));
        Assert.Contains("gradient check failed", error.Message);
        Assert.Contains("input 0 (4) element", error.Message);
    }
}
