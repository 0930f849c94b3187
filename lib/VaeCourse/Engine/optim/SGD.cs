using static MiniTorch.torch;

namespace MiniTorch.Modules;

/// <summary>
/// Stochastic gradient descent with momentum, as torch.optim.SGD: g ← g + λp; b ← μb + (1−τ)g (b = g at the first
/// step); g ← g + μb if Nesterov else b; p ← p − lr·g.
/// </summary>
public sealed class SGD : optim.Optimizer
{
    private readonly float _lr, _momentum, _dampening, _weightDecay;
    private readonly bool _nesterov, _maximize;
    private readonly float[]?[] _buffers;
    // Per parameter: whether this step is its first with momentum (the buffer starts as the gradient itself).
    private readonly bool[] _firstStep;

    internal SGD(IEnumerable<Parameter> parameters, double lr, double momentum, double dampening, double weightDecay, bool nesterov, bool maximize)
        : base(parameters, "SGD")
    {
        if (lr < 0) throw new ArgumentException($"SGD: invalid learning rate {lr}");
        if (momentum < 0) throw new ArgumentException($"SGD: invalid momentum {momentum}");
        if (nesterov && (momentum <= 0 || dampening != 0)) throw new ArgumentException("SGD: Nesterov momentum requires a momentum and zero dampening");
        (_lr, _momentum, _dampening, _weightDecay) = ((float)lr, (float)momentum, (float)dampening, (float)weightDecay);
        (_nesterov, _maximize) = (nesterov, maximize);
        _buffers = new float[Parameters.Length][];
        _firstStep = new bool[Parameters.Length];
    }

    private protected override void Prepare(int index)
    {
        _firstStep[index] = _buffers[index] is null;
        if (_momentum != 0f) _buffers[index] ??= new float[Parameters[index].Count];
    }

    private protected override void Update(int index, int offset, Span<float> p, ReadOnlySpan<float> gradient)
    {
        Span<float> buffer = _momentum != 0f ? _buffers[index].AsSpan(offset, p.Length) : Span<float>.Empty;
        bool first = _firstStep[index];
        for (int i = 0; i < p.Length; i++)
        {
            float g = _maximize ? -gradient[i] : gradient[i];
            if (_weightDecay != 0f) g += _weightDecay * p[i];
            if (_momentum != 0f)
            {
                buffer[i] = first ? g : _momentum * buffer[i] + (1f - _dampening) * g;
                g = _nesterov ? g + _momentum * buffer[i] : buffer[i];
            }
            p[i] -= _lr * g;
        }
    }
}
