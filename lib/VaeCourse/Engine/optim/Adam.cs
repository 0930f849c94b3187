using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using static MiniTorch.torch;

namespace MiniTorch.Modules;

/// <summary>
/// Adam (Kingma &amp; Ba, 2015) exactly as torch.optim.Adam computes it, per element:
/// g ← g + λp (weight decay); m ← β₁m + (1−β₁)g; v ← β₂v + (1−β₂)g²;
/// p ← p − (lr / (1−β₁ᵗ)) · m / (√v / √(1−β₂ᵗ) + ε). With amsgrad, v is replaced by its running maximum.
/// The update is one fused pass over p, g, m and v; its vector and scalar paths perform the same IEEE operations
/// in the same order, so the result does not depend on the vector width.
/// </summary>
public sealed class Adam : optim.Optimizer
{
    private readonly float _lr, _beta1, _beta2, _eps, _weightDecay;
    private readonly bool _amsgrad, _maximize;
    private readonly float[]?[] _m, _v, _vMax;
    // Steps per parameter, as PyTorch's state['step']: a parameter first updated late gets a first step's bias correction.
    private readonly long[] _steps;
    // This step's per-parameter scalars, set by Prepare: lr / (1 − β₁ᵗ) and √(1 − β₂ᵗ).
    private readonly float[] _stepSize, _bc2Sqrt;

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
        _stepSize = new float[Parameters.Length];
        _bc2Sqrt = new float[Parameters.Length];
    }

    private protected override void Prepare(int index)
    {
        int length = Parameters[index].Count;
        _m[index] ??= new float[length];
        _v[index] ??= new float[length];
        if (_amsgrad) _vMax[index] ??= new float[length];
        long t = ++_steps[index];
        _stepSize[index] = _lr / (1f - MathF.Pow(_beta1, t));
        _bc2Sqrt[index] = MathF.Sqrt(1f - MathF.Pow(_beta2, t));
    }

    private protected override void Update(int index, int offset, Span<float> p, ReadOnlySpan<float> gradient)
    {
        Span<float> m = _m[index].AsSpan(offset, p.Length), v = _v[index].AsSpan(offset, p.Length);
        float stepSize = _stepSize[index], bc2Sqrt = _bc2Sqrt[index];
        if (_amsgrad || _maximize || _weightDecay != 0f)
        {
            UpdateGeneral(p, gradient, m, v, _amsgrad ? _vMax[index].AsSpan(offset, p.Length) : Span<float>.Empty, stepSize, bc2Sqrt);
            return;
        }

        // The common case (plain Adam) as one vector loop.
        ref float pr = ref MemoryMarshal.GetReference(p);
        ref float gr = ref MemoryMarshal.GetReference(gradient);
        ref float mr = ref MemoryMarshal.GetReference(m);
        ref float vr = ref MemoryMarshal.GetReference(v);
        int n = p.Length, i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            Vector256<float> b1 = Vector256.Create(_beta1), b1c = Vector256.Create(1f - _beta1);
            Vector256<float> b2 = Vector256.Create(_beta2), b2c = Vector256.Create(1f - _beta2);
            Vector256<float> bc2 = Vector256.Create(bc2Sqrt), eps = Vector256.Create(_eps), step = Vector256.Create(stepSize);
            for (; i <= n - 8; i += 8)
            {
                var g = Vector256.LoadUnsafe(ref gr, (nuint)i);
                var mi = b1 * Vector256.LoadUnsafe(ref mr, (nuint)i) + b1c * g;
                var vi = b2 * Vector256.LoadUnsafe(ref vr, (nuint)i) + b2c * g * g;
                mi.StoreUnsafe(ref mr, (nuint)i);
                vi.StoreUnsafe(ref vr, (nuint)i);
                var denom = Vector256.Sqrt(vi) / bc2 + eps;
                (Vector256.LoadUnsafe(ref pr, (nuint)i) - step * mi / denom).StoreUnsafe(ref pr, (nuint)i);
            }
        }
        for (; i < n; i++)
        {
            float g = Unsafe.Add(ref gr, i);
            float mi = Unsafe.Add(ref mr, i) = _beta1 * Unsafe.Add(ref mr, i) + (1f - _beta1) * g;
            float vi = Unsafe.Add(ref vr, i) = _beta2 * Unsafe.Add(ref vr, i) + (1f - _beta2) * g * g;
            Unsafe.Add(ref pr, i) -= stepSize * mi / (MathF.Sqrt(vi) / bc2Sqrt + _eps);
        }
    }

    private void UpdateGeneral(Span<float> p, ReadOnlySpan<float> gradient, Span<float> m, Span<float> v, Span<float> vMax,
        float stepSize, float bc2Sqrt)
    {
        for (int i = 0; i < p.Length; i++)
        {
            float g = _maximize ? -gradient[i] : gradient[i];
            if (_weightDecay != 0f) g += _weightDecay * p[i];
            m[i] = _beta1 * m[i] + (1f - _beta1) * g;
            v[i] = _beta2 * v[i] + (1f - _beta2) * g * g;
            float second = v[i];
            if (_amsgrad) second = vMax[i] = MathF.Max(vMax[i], v[i]);
            p[i] -= stepSize * m[i] / (MathF.Sqrt(second) / bc2Sqrt + _eps);
        }
    }
}
