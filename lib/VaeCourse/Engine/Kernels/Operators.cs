using System.Runtime.Intrinsics;

namespace MiniTorch.Kernels;

// Elementwise operators of the forward ops. Each vector path computes exactly what the scalar path does.

internal readonly struct AddOp : IBinaryOp
{
    public bool Vectorizable => true;
    public float Invoke(float x, float y) => x + y;
    public Vector256<float> Invoke(Vector256<float> x, Vector256<float> y) => x + y;
    public Vector512<float> Invoke(Vector512<float> x, Vector512<float> y) => x + y;
}

internal readonly struct SubOp : IBinaryOp
{
    public bool Vectorizable => true;
    public float Invoke(float x, float y) => x - y;
    public Vector256<float> Invoke(Vector256<float> x, Vector256<float> y) => x - y;
    public Vector512<float> Invoke(Vector512<float> x, Vector512<float> y) => x - y;
}

internal readonly struct MulOp : IBinaryOp
{
    public bool Vectorizable => true;
    public float Invoke(float x, float y) => x * y;
    public Vector256<float> Invoke(Vector256<float> x, Vector256<float> y) => x * y;
    public Vector512<float> Invoke(Vector512<float> x, Vector512<float> y) => x * y;
}

internal readonly struct DivOp : IBinaryOp
{
    public bool Vectorizable => true;
    public float Invoke(float x, float y) => x / y;
    public Vector256<float> Invoke(Vector256<float> x, Vector256<float> y) => x / y;
    public Vector512<float> Invoke(Vector512<float> x, Vector512<float> y) => x / y;
}

/// <summary>a·x + b: scalar add, scalar multiply, negation and reversed subtraction in one operator.</summary>
internal readonly struct AffineOp(float a, float b) : IUnaryOp
{
    public bool Vectorizable => true;
    public float Invoke(float x) => a * x + b;
    public Vector256<float> Invoke(Vector256<float> x) => Vector256.Create(a) * x + Vector256.Create(b);
    public Vector512<float> Invoke(Vector512<float> x) => Vector512.Create(a) * x + Vector512.Create(b);
}

/// <summary>c / x (scalar divided by tensor).</summary>
internal readonly struct ReciprocalOp(float c) : IUnaryOp
{
    public bool Vectorizable => true;
    public float Invoke(float x) => c / x;
    public Vector256<float> Invoke(Vector256<float> x) => Vector256.Create(c) / x;
    public Vector512<float> Invoke(Vector512<float> x) => Vector512.Create(c) / x;
}

internal readonly struct ExpOp : IUnaryOp
{
    public bool Vectorizable => true;
    public float Invoke(float x) => MathF.Exp(x);
    public Vector256<float> Invoke(Vector256<float> x) => VMath.Exp(x);
    public Vector512<float> Invoke(Vector512<float> x) => VMath.Exp(x);
}

internal readonly struct LogOp : IUnaryOp
{
    public bool Vectorizable => true;
    public float Invoke(float x) => MathF.Log(x);
    public Vector256<float> Invoke(Vector256<float> x) => VMathLog.Log(x);
    public Vector512<float> Invoke(Vector512<float> x) => VMathLog.Log(x);
}

internal readonly struct SqrtOp : IUnaryOp
{
    public bool Vectorizable => true;
    public float Invoke(float x) => MathF.Sqrt(x);
    public Vector256<float> Invoke(Vector256<float> x) => Vector256.Sqrt(x);
    public Vector512<float> Invoke(Vector512<float> x) => Vector512.Sqrt(x);
}

internal readonly struct AbsOp : IUnaryOp
{
    public bool Vectorizable => true;
    public float Invoke(float x) => MathF.Abs(x);
    public Vector256<float> Invoke(Vector256<float> x) => Vector256.Abs(x);
    public Vector512<float> Invoke(Vector512<float> x) => Vector512.Abs(x);
}

/// <summary>xᵖ. Integer powers 1–3 stay exact products; others go through MathF.Pow.</summary>
internal readonly struct PowOp(float p) : IUnaryOp
{
    public bool Vectorizable => p is 1f or 2f or 3f;
    public float Invoke(float x) => p switch { 1f => x, 2f => x * x, 3f => x * x * x, _ => MathF.Pow(x, p) };
    public Vector256<float> Invoke(Vector256<float> x) => p switch { 1f => x, 2f => x * x, _ => x * x * x };
    public Vector512<float> Invoke(Vector512<float> x) => p switch { 1f => x, 2f => x * x, _ => x * x * x };
}

internal readonly struct ReluOp : IUnaryOp
{
    public bool Vectorizable => true;
    // NaN stays NaN, as torch.relu.
    public float Invoke(float x) => x > 0f || float.IsNaN(x) ? x : 0f;
    public Vector256<float> Invoke(Vector256<float> x) =>
        Vector256.ConditionalSelect(Vector256.LessThanOrEqual(x, Vector256<float>.Zero), Vector256<float>.Zero, x);
    public Vector512<float> Invoke(Vector512<float> x) =>
        Vector512.ConditionalSelect(Vector512.LessThanOrEqual(x, Vector512<float>.Zero), Vector512<float>.Zero, x);
}

/// <summary>σ(x) = 1 / (1 + e⁻ˣ): saturates to exactly 0 or 1 at extreme inputs, never NaN.</summary>
internal readonly struct SigmoidOp : IUnaryOp
{
    public bool Vectorizable => true;
    public float Invoke(float x) => 1f / (1f + MathF.Exp(-x));
    public Vector256<float> Invoke(Vector256<float> x) => Vector256<float>.One / (Vector256<float>.One + VMath.Exp(-x));
    public Vector512<float> Invoke(Vector512<float> x) => Vector512<float>.One / (Vector512<float>.One + VMath.Exp(-x));
}

/// <summary>tanh(x) = 1 − 2 / (e²ˣ + 1), finite at both extremes.</summary>
internal readonly struct TanhOp : IUnaryOp
{
    public bool Vectorizable => false;
    public float Invoke(float x) => MathF.Tanh(x);
    public Vector256<float> Invoke(Vector256<float> x) => throw new NotSupportedException();
    public Vector512<float> Invoke(Vector512<float> x) => throw new NotSupportedException();
}

/// <summary>softplus(x) = log(1 + eˣ) computed as max(x,0) + log1p(e^−|x|) (no overflow), linear above threshold as PyTorch.</summary>
internal readonly struct SoftplusOp(float beta, float threshold) : IUnaryOp
{
    public bool Vectorizable => false;
    public float Invoke(float x)
    {
        float bx = beta * x;
        if (bx > threshold) return x;
        return (MathF.Max(bx, 0f) + Log1PExp(-MathF.Abs(bx))) / beta;
    }

    /// <summary>
    /// log(1 + eˣ) for x ≤ 0 without the cancellation of MathF.Log(1f + eˣ), which returns 0 once eˣ &lt; 6e-8
    /// (softplus(−20) would be 0 instead of 2e-9). Goldberg's correction log(w)·u/(w − 1), w = 1 + u, is log1p(u) to a
    /// few ulp, as PyTorch's log1p.
    /// </summary>
    internal static float Log1PExp(float x)
    {
        float u = MathF.Exp(x);
        float w = 1f + u;
        return w == 1f ? u : MathF.Log(w) * (u / (w - 1f));
    }
    public Vector256<float> Invoke(Vector256<float> x) => throw new NotSupportedException();
    public Vector512<float> Invoke(Vector512<float> x) => throw new NotSupportedException();
}

internal readonly struct ClampOp(float min, float max) : IUnaryOp
{
    public bool Vectorizable => true;
    public float Invoke(float x) => float.IsNaN(x) ? x : MathF.Min(MathF.Max(x, min), max);
    public Vector256<float> Invoke(Vector256<float> x) =>
        Vector256.ConditionalSelect(Vector256.Equals(x, x), Vector256.Min(Vector256.Max(x, Vector256.Create(min)), Vector256.Create(max)), x);
    public Vector512<float> Invoke(Vector512<float> x) =>
        Vector512.ConditionalSelect(Vector512.Equals(x, x), Vector512.Min(Vector512.Max(x, Vector512.Create(min)), Vector512.Create(max)), x);
}
