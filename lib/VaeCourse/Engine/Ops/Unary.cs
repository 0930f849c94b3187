using MiniTorch.Kernels;
using MiniTorch.Memory;

namespace MiniTorch;

// Elementwise functions. Each is a forward operator plus one backward rule from Kernels/GradOperators.cs;
// rules that are products of existing pieces (exp, log, pow) are composed from the arithmetic operators.
public partial class Tensor
{
    public Tensor exp()
    {
        var y = Apply(new ExpOp(), "exp");
        // d eˣ = eˣ: the saved output is the derivative.
        return Backward(y, "exp", g => Zip(g, y, new MulOp()));
    }

    public Tensor log()
    {
        var y = Apply(new LogOp(), "log");
        Tensor x = this;
        return Backward(y, "log", g => Zip(g, x, new DivOp()));
    }

    /// <summary>Elementwise power with a scalar exponent.</summary>
    public Tensor pow(Scalar exponent)
    {
        float p = exponent.ToSingle();
        var y = Apply(new PowOp(p), "pow");
        Tensor x = this;
        // d xᵖ = p·xᵖ⁻¹
        return Backward(y, "pow", g =>
        {
            // As PyTorch: exponent 0 has gradient 0 everywhere (0·x⁻¹ would be NaN at x = 0).
            if (p == 0f) return BufferPool.RentZeroed(g.Count);
            float[] d = Map(x, new PowOp(p - 1f));
            Simd.Unary(new AffineOp(p, 0f), d, d);
            Simd.Binary(new MulOp(), d, g.Span, d);
            return d;
        });
    }

    /// <summary>x².</summary>
    public Tensor square() => pow(2);

    public Tensor sqrt()
    {
        var y = Apply(new SqrtOp(), "sqrt");
        return Backward(y, "sqrt", g => Zip(g, y, new SqrtGradOp()));
    }

    public Tensor abs()
    {
        var y = Apply(new AbsOp(), "abs");
        Tensor x = this;
        return Backward(y, "abs", g => Zip(g, x, new AbsGradOp()));
    }

    public Tensor relu()
    {
        var y = Apply(new ReluOp(), "relu");
        return Backward(y, "relu", g => Zip(g, y, new ReluGradOp()));
    }

    /// <summary>σ(x) = 1/(1+e⁻ˣ); exactly 0 or 1 at extreme inputs, never NaN.</summary>
    public Tensor sigmoid()
    {
        var y = Apply(new SigmoidOp(), "sigmoid");
        return Backward(y, "sigmoid", g => Zip(g, y, new SigmoidGradOp()));
    }

    public Tensor tanh()
    {
        var y = Apply(new TanhOp(), "tanh");
        return Backward(y, "tanh", g => Zip(g, y, new TanhGradOp()));
    }

    /// <summary>softplus(x) = (1/β)·log(1 + e^{βx}), linear where βx &gt; threshold (PyTorch's definition).</summary>
    public Tensor softplus(double beta = 1, double threshold = 20)
    {
        float b = (float)beta, t = (float)threshold;
        var y = Apply(new SoftplusOp(b, t), "softplus");
        Tensor x = this;
        return Backward(y, "softplus", g => Zip(g, x, new SoftplusGradOp(b, t)));
    }

    /// <summary>Limits every element to [min, max]; either bound may be omitted.</summary>
    public Tensor clamp(Scalar? min = null, Scalar? max = null)
    {
        if (min is null && max is null) Check.Fail("clamp", "at least one of min and max must be given");
        float lo = min?.ToSingle() ?? float.NegativeInfinity, hi = max?.ToSingle() ?? float.PositiveInfinity;
        var y = Apply(new ClampOp(lo, hi), "clamp");
        Tensor x = this;
        return Backward(y, "clamp", g => Zip(g, x, new ClampGradOp(lo, hi)));
    }

    public Tensor clamp_min(Scalar min) => clamp(min, null);
    public Tensor clamp_max(Scalar max) => clamp(null, max);
    public Tensor clip(Scalar? min = null, Scalar? max = null) => clamp(min, max);

    private Tensor Apply<TOp>(TOp op, string name) where TOp : struct, IUnaryOp
    {
        Check.Float(this, name);
        var y = Empty(Shape);
        Simd.Unary(op, Span, y.Span);
        return y;
    }

    // Records y = f(this) with the rule gradient -> input gradient (a fresh buffer the input adopts).
    private Tensor Backward(Tensor y, string name, Func<Tensor, float[]> rule)
    {
        if (!NeedsGrad(this)) return y;
        Tensor x = this;
        return Record(y, name, new[] { x }, g => x.AccumulateGrad(rule(g), owned: true));
    }
}
