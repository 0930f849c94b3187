using static MiniTorch.torch;

namespace MiniTorch.Modules;

/// <summary>
/// Adam (Kingma &amp; Ba, 2015) exactly as torch.optim.Adam computes it, per element:
/// g ← g + λp (weight decay); m ← β₁m + (1−β₁)g; v ← β₂v + (1−β₂)g²;
/// p ← p − (lr / (1−β₁ᵗ)) · m / (√v / √(1−β₂ᵗ) + ε). With amsgrad, v is replaced by its running maximum.
/// </summary>
public sealed class Adam : optim.Optimizer
{
    private readonly float _lr, _beta1, _beta2, _eps, _weightDecay;
    private readonly bool _amsgrad, _maximize;
    private readonly float[]?[] _m, _v, _vMax;
    // Steps per parameter, as PyTorch's state['step']: a parameter first updated late gets a first step's bias correction.
    private readonly long[] _steps;

    internal Adam(IEnumerable<Parameter> parameters, double lr, double beta1, double beta2, double eps, double weightDecay, bool amsgrad, bool maximize)
        : base(parameters, "Adam")
    {
        if (lr < 0) throw new ArgumentException($"Adam: invalid learning rate {lr}");
        if (beta1 is < 0 or >= 1 || beta2 is < 0 or >= 1) throw new ArgumentException($"Adam: betas must be in [0,1), got ({beta1}, {beta2})");
        if (eps < 0) throw new ArgumentException($"Adam: invalid epsilon {eps}");
        (_lr, _beta1, _beta2, _eps, _weightDecay) = ((float)lr, (float)beta1, (float)beta2, (float)eps, (float)weightDecay);
        (_amsgrad, _maximize) = (amsgrad, maximize);
        _m = new float[Parameters.Length][];
        _v = new float[Parameters.Length][];
        _vMax = new float[Parameters.Length][];
        _steps = new long[Parameters.Length];
    }

    private protected override void Update(int index, Span<float> p, ReadOnlySpan<float> gradient)
    {
        float[] m = _m[index] ??= new float[p.Length];
        float[] v = _v[index] ??= new float[p.Length];
        float[]? vMax = _amsgrad ? _vMax[index] ??= new float[p.Length] : null;
        long t = ++_steps[index];
        float bc1 = 1f - MathF.Pow(_beta1, t);
        float bc2Sqrt = MathF.Sqrt(1f - MathF.Pow(_beta2, t));
        float stepSize = _lr / bc1;
        for (int i = 0; i < p.Length; i++)
        {
            float g = _maximize ? -gradient[i] : gradient[i];
            if (_weightDecay != 0f) g += _weightDecay * p[i];
            m[i] = _beta1 * m[i] + (1f - _beta1) * g;
            v[i] = _beta2 * v[i] + (1f - _beta2) * g * g;
            float second = v[i];
            if (vMax is not null) second = vMax[i] = MathF.Max(vMax[i], v[i]);
            float denom = MathF.Sqrt(second) / bc2Sqrt + _eps;
            p[i] -= stepSize * m[i] / denom;
        }
    }
}
