using MiniTorch.Kernels;

namespace VaeCourse.Tests.Engine.Kernels;

/// <summary>Every backward operator: vector paths equal the scalar path, and the scalar path is the derivative.</summary>
public class GradOperatorsTests
{
    private static readonly float[] G = OperatorHarness.Inputs(3);
    private static readonly float[] X = OperatorHarness.Inputs(4).Reverse().ToArray();

    [Fact] public void ReluGrad() => OperatorHarness.CheckBinary(new ReluGradOp(), "ReluGradOp", G, X);
    [Fact] public void SigmoidGrad() => OperatorHarness.CheckBinary(new SigmoidGradOp(), "SigmoidGradOp", G, X);
    [Fact] public void TanhGrad() => OperatorHarness.CheckBinary(new TanhGradOp(), "TanhGradOp", G, X);
    [Fact] public void SqrtGrad() => OperatorHarness.CheckBinary(new SqrtGradOp(), "SqrtGradOp", G, X);
    [Fact] public void AbsGrad() => OperatorHarness.CheckBinary(new AbsGradOp(), "AbsGradOp", G, X);
    [Fact] public void ClampGrad() => OperatorHarness.CheckBinary(new ClampGradOp(-0.5f, 2f), "ClampGradOp", G, X);
    [Fact] public void SoftplusGrad() => OperatorHarness.CheckBinary(new SoftplusGradOp(1f, 20f), "SoftplusGradOp", G, X);

    [Fact]
    public void Scalar_rules_are_the_derivatives()
    {
        // g = 1 picks out the derivative itself; each is compared with a formula written here.
        const float x = 0.7f;
        float s = 1f / (1f + MathF.Exp(-x)), t = MathF.Tanh(x), r = MathF.Sqrt(x);
        Assert.Equal(1f, new ReluGradOp().Invoke(1f, x));
        Assert.Equal(0f, new ReluGradOp().Invoke(1f, -x));
        Assert.Equal(s * (1 - s), new SigmoidGradOp().Invoke(1f, s), 1e-7f);
        Assert.Equal(1 - t * t, new TanhGradOp().Invoke(1f, t), 1e-7f);
        Assert.Equal(0.5f / r, new SqrtGradOp().Invoke(1f, r), 1e-7f);
        Assert.Equal(-1f, new AbsGradOp().Invoke(1f, -x));
        Assert.Equal(0f, new ClampGradOp(0f, 0.5f).Invoke(1f, x));
        Assert.Equal(1f, new ClampGradOp(0f, 1f).Invoke(1f, x));
        Assert.Equal(s, new SoftplusGradOp(1f, 20f).Invoke(1f, x), 1e-7f);
        Assert.Equal(1f, new SoftplusGradOp(1f, 20f).Invoke(1f, 25f));
    }
}
