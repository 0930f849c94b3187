using System.Runtime.Intrinsics;

namespace MiniTorch.Kernels;

// Backward rules that read (gradient, saved value). Each is the derivative written once, in scalar and vector form.

/// <summary>g · 1[x &gt; 0].</summary>
internal readonly struct ReluGradOp : IBinaryOp
{
    public bool Vectorizable => true;
    public float Invoke(float g, float x) => x > 0f ? g : 0f;
    public Vector256<float> Invoke(Vector256<float> g, Vector256<float> x) => Vector256.ConditionalSelect(Vector256.GreaterThan(x, Vector256<float>.Zero), g, Vector256<float>.Zero);
    public Vector512<float> Invoke(Vector512<float> g, Vector512<float> x) => Vector512.ConditionalSelect(Vector512.GreaterThan(x, Vector512<float>.Zero), g, Vector512<float>.Zero);
}

/// <summary>g · y(1 − y) where y = σ(x).</summary>
internal readonly struct SigmoidGradOp : IBinaryOp
{
    public bool Vectorizable => true;
    public float Invoke(float g, float y) => g * y * (1f - y);
    public Vector256<float> Invoke(Vector256<float> g, Vector256<float> y) => g * y * (Vector256<float>.One - y);
    public Vector512<float> Invoke(Vector512<float> g, Vector512<float> y) => g * y * (Vector512<float>.One - y);
}

/// <summary>g · (1 − y²) where y = tanh(x).</summary>
internal readonly struct TanhGradOp : IBinaryOp
{
    public bool Vectorizable => true;
    public float Invoke(float g, float y) => g * (1f - y * y);
    public Vector256<float> Invoke(Vector256<float> g, Vector256<float> y) => g * (Vector256<float>.One - y * y);
    public Vector512<float> Invoke(Vector512<float> g, Vector512<float> y) => g * (Vector512<float>.One - y * y);
}

/// <summary>g / (2y) where y = √x.</summary>
internal readonly struct SqrtGradOp : IBinaryOp
{
    public bool Vectorizable => true;
    public float Invoke(float g, float y) => g / (2f * y);
    public Vector256<float> Invoke(Vector256<float> g, Vector256<float> y) => g / (y + y);
    public Vector512<float> Invoke(Vector512<float> g, Vector512<float> y) => g / (y + y);
}

/// <summary>g · sign(x) (0 at 0, as PyTorch).</summary>
internal readonly struct AbsGradOp : IBinaryOp
{
    public bool Vectorizable => false;
    public float Invoke(float g, float x) => x > 0f ? g : x < 0f ? -g : 0f;
    public Vector256<float> Invoke(Vector256<float> g, Vector256<float> x) => throw new NotSupportedException();
    public Vector512<float> Invoke(Vector512<float> g, Vector512<float> x) => throw new NotSupportedException();
}

/// <summary>g where min ≤ x ≤ max, else 0 (PyTorch's clamp passes the gradient at the bounds).</summary>
internal readonly struct ClampGradOp(float min, float max) : IBinaryOp
{
    public bool Vectorizable => false;
    public float Invoke(float g, float x) => x >= min && x <= max ? g : 0f;
    public Vector256<float> Invoke(Vector256<float> g, Vector256<float> x) => throw new NotSupportedException();
    public Vector512<float> Invoke(Vector512<float> g, Vector512<float> x) => throw new NotSupportedException();
}

/// <summary>g · σ(βx), or g above the linear threshold: the derivative of softplus.</summary>
internal readonly struct SoftplusGradOp(float beta, float threshold) : IBinaryOp
{
    public bool Vectorizable => false;
    public float Invoke(float g, float x)
    {
        // PyTorch's rule, z = e^{βx}: g·z/(z + 1). The same as g·sigmoid(βx), but where e^{−βx} would overflow z is
        // still a (subnormal) number, so the result keeps PyTorch's ∞ (not 0·∞ = NaN) for an infinite g.
        float bx = beta * x;
        if (bx > threshold) return g;
        float z = MathF.Exp(bx);
        return g * z / (z + 1f);
    }
    public Vector256<float> Invoke(Vector256<float> g, Vector256<float> x) => throw new NotSupportedException();
    public Vector512<float> Invoke(Vector512<float> g, Vector512<float> x) => throw new NotSupportedException();
}
