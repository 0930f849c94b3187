using MiniTorch.Kernels;

namespace VaeCourse.Tests.Engine.Kernels;

/// <summary>Every forward operator: vector paths equal the scalar path (see <see cref="OperatorHarness"/>).</summary>
public class OperatorsTests
{
    private static readonly float[] X = OperatorHarness.Inputs(1);
    private static readonly float[] Y = OperatorHarness.Inputs(2).Reverse().ToArray();

    [Fact] public void Add() => OperatorHarness.CheckBinary(new AddOp(), "AddOp", X, Y);
    [Fact] public void Sub() => OperatorHarness.CheckBinary(new SubOp(), "SubOp", X, Y);
    [Fact] public void Mul() => OperatorHarness.CheckBinary(new MulOp(), "MulOp", X, Y);
    [Fact] public void Div() => OperatorHarness.CheckBinary(new DivOp(), "DivOp", X, Y);
    [Fact] public void Affine() { OperatorHarness.CheckUnary(new AffineOp(-1.5f, 0.25f), "AffineOp", X); OperatorHarness.CheckUnary(new AffineOp(1f, 0f), "AffineOp(1,0)", X); }
    [Fact] public void Reciprocal() => OperatorHarness.CheckUnary(new ReciprocalOp(3f), "ReciprocalOp", X);
    [Fact] public void Log() => OperatorHarness.CheckUnary(new LogOp(), "LogOp", X, ulps: 4);
    [Fact] public void Sqrt() => OperatorHarness.CheckUnary(new SqrtOp(), "SqrtOp", X);
    [Fact] public void Abs() => OperatorHarness.CheckUnary(new AbsOp(), "AbsOp", X);
    [Fact] public void Relu() => OperatorHarness.CheckUnary(new ReluOp(), "ReluOp", X);
    [Fact] public void Tanh() => OperatorHarness.CheckUnary(new TanhOp(), "TanhOp", X);
    [Fact] public void Softplus() { OperatorHarness.CheckUnary(new SoftplusOp(1f, 20f), "SoftplusOp", X); OperatorHarness.CheckUnary(new SoftplusOp(2f, 10f), "SoftplusOp(2,10)", X); }
    [Fact] public void Clamp() { OperatorHarness.CheckUnary(new ClampOp(-0.5f, 2f), "ClampOp", X); OperatorHarness.CheckUnary(new ClampOp(float.NegativeInfinity, 0f), "ClampOp(-inf,0)", X); }

    [Theory]
    [InlineData(1f)]
    [InlineData(2f)]
    [InlineData(3f)]
    [InlineData(0.5f)]
    [InlineData(-1f)]
    public void Pow(float p) => OperatorHarness.CheckUnary(new PowOp(p), $"PowOp({p})", X);

    // The vector exp is VMath's polynomial, the scalar one MathF.Exp: equal to within a few ulp, not bitwise.
    [Fact] public void Exp() => OperatorHarness.CheckUnary(new ExpOp(), "ExpOp", X, ulps: 4);
    [Fact] public void Sigmoid() => OperatorHarness.CheckUnary(new SigmoidOp(), "SigmoidOp", X, ulps: 4);

    [Fact]
    public void The_harness_catches_a_vector_path_that_differs()
    {
        Assert.ThrowsAny<Exception>(() => OperatorHarness.CheckUnary(new PlantedBugOp(), "PlantedBugOp", X));
    }

    // Scalar x·2, vector x + x + tiny: equal for almost every input except a few, which the harness must find.
    private readonly struct PlantedBugOp : IUnaryOp
    {
        public bool Vectorizable => true;
        public float Invoke(float x) => x * 2f;
        public System.Runtime.Intrinsics.Vector256<float> Invoke(System.Runtime.Intrinsics.Vector256<float> x) => x + x + System.Runtime.Intrinsics.Vector256.Create(1e-30f);
        public System.Runtime.Intrinsics.Vector512<float> Invoke(System.Runtime.Intrinsics.Vector512<float> x) => x + x + System.Runtime.Intrinsics.Vector512.Create(1e-30f);
    }
}
