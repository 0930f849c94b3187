using System.Runtime.Intrinsics;

namespace MiniTorch.Kernels;

/// <summary>ℓ(x, t) = −[t·max(log x, −100) + (1−t)·max(log(1−x), −100)]: PyTorch's clamped BCE.</summary>
internal readonly struct BceOp : IBinaryOp
{
    public bool Vectorizable => true;

    public float Invoke(float x, float t) =>
        -(t * MathF.Max(MathF.Log(x), -100f) + (1f - t) * MathF.Max(MathF.Log(1f - x), -100f));

    public Vector256<float> Invoke(Vector256<float> x, Vector256<float> t)
    {
        var floor = Vector256.Create(-100f);
        var logX = Vector256.Max(VMathLog.Log(x), floor);
        var log1mX = Vector256.Max(VMathLog.Log(Vector256<float>.One - x), floor);
        return -(t * logX + (Vector256<float>.One - t) * log1mX);
    }

    public Vector512<float> Invoke(Vector512<float> x, Vector512<float> t) =>
        Vector512.Create(Invoke(x.GetLower(), t.GetLower()), Invoke(x.GetUpper(), t.GetUpper()));
}

/// <summary>∂ℓ/∂x = (x − t) / max(x(1 − x), 1e−12), PyTorch's BCE backward.</summary>
internal readonly struct BceGradOp : IBinaryOp
{
    public bool Vectorizable => true;
    public float Invoke(float x, float t) => (x - t) / MathF.Max(x * (1f - x), 1e-12f);
    public Vector256<float> Invoke(Vector256<float> x, Vector256<float> t) =>
        (x - t) / Vector256.Max(x * (Vector256<float>.One - x), Vector256.Create(1e-12f));
    public Vector512<float> Invoke(Vector512<float> x, Vector512<float> t) =>
        (x - t) / Vector512.Max(x * (Vector512<float>.One - x), Vector512.Create(1e-12f));
}

/// <summary>scale · ∂ℓ/∂x + 0: BCE's gradient times the upstream gradient, computed as the unfused ops compute it.</summary>
internal readonly struct BceGradScaledOp(float scale) : IBinaryOp
{
    public bool Vectorizable => true;
    public float Invoke(float x, float t) => scale * new BceGradOp().Invoke(x, t) + 0f;
    public Vector256<float> Invoke(Vector256<float> x, Vector256<float> t) =>
        Vector256.Create(scale) * new BceGradOp().Invoke(x, t) + Vector256<float>.Zero;
    public Vector512<float> Invoke(Vector512<float> x, Vector512<float> t) =>
        Vector512.Create(scale) * new BceGradOp().Invoke(x, t) + Vector512<float>.Zero;
}
