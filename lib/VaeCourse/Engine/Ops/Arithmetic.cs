using MiniTorch.Kernels;
using MiniTorch.Memory;

namespace MiniTorch;

// + − × ÷ with broadcasting (tensor∘tensor, tensor∘scalar, scalar∘tensor) and unary minus.
public partial class Tensor
{
    public static Tensor operator +(Tensor a, Tensor b) => a.add(b);
    public static Tensor operator -(Tensor a, Tensor b) => a.sub(b);
    public static Tensor operator *(Tensor a, Tensor b) => a.mul(b);
    public static Tensor operator /(Tensor a, Tensor b) => a.div(b);
    public static Tensor operator -(Tensor a) => a.neg();

    public static Tensor operator +(Tensor a, Scalar b) => a.add(b);
    public static Tensor operator +(Scalar a, Tensor b) => b.add(a);
    public static Tensor operator -(Tensor a, Scalar b) => a.Affine(1f, -b.ToSingle(), "sub");
    public static Tensor operator -(Scalar a, Tensor b) => b.Affine(-1f, a.ToSingle(), "rsub");
    public static Tensor operator *(Tensor a, Scalar b) => a.mul(b);
    public static Tensor operator *(Scalar a, Tensor b) => b.mul(a);
    public static Tensor operator /(Tensor a, Scalar b) => a.div(b);
    public static Tensor operator /(Scalar a, Tensor b) => b.Reciprocal(a.ToSingle());

    /// <summary>this + other, broadcasting.</summary>
    public Tensor add(Tensor other)
    {
        var (x, y) = Broadcast(this, other, "add");
        var r = Empty(x.Shape);
        Simd.Binary(new AddOp(), x.Span, y.Span, r.Span);
        if (NeedsGrad(x, y))
            Record(r, "add", new[] { x, y }, g =>
            {
                // The output's gradient buffer is ours to hand over once; the second input gets a copy.
                y.AccumulateGrad(g.Data, owned: false);
                x.AccumulateGrad(g.Data, owned: true);
            });
        return r;
    }

    /// <summary>this − other, broadcasting.</summary>
    public Tensor sub(Tensor other)
    {
        var (x, y) = Broadcast(this, other, "sub");
        var r = Empty(x.Shape);
        Simd.Binary(new SubOp(), x.Span, y.Span, r.Span);
        if (NeedsGrad(x, y))
            Record(r, "sub", new[] { x, y }, g =>
            {
                if (y._requiresGrad) y.AccumulateGrad(Map(g, new AffineOp(-1f, 0f)), owned: true);
                x.AccumulateGrad(g.Data, owned: true);
            });
        return r;
    }

    /// <summary>this × other elementwise, broadcasting.</summary>
    public Tensor mul(Tensor other)
    {
        var (x, y) = Broadcast(this, other, "mul");
        var r = Empty(x.Shape);
        Simd.Binary(new MulOp(), x.Span, y.Span, r.Span);
        if (NeedsGrad(x, y))
            Record(r, "mul", new[] { x, y }, g =>
            {
                if (x._requiresGrad) x.AccumulateGrad(Zip(g, y, new MulOp()), owned: true);
                if (y._requiresGrad) y.AccumulateGrad(Zip(g, x, new MulOp()), owned: true);
            });
        return r;
    }

    /// <summary>this ÷ other elementwise, broadcasting.</summary>
    public Tensor div(Tensor other)
    {
        var (x, y) = Broadcast(this, other, "div");
        var r = Empty(x.Shape);
        Simd.Binary(new DivOp(), x.Span, y.Span, r.Span);
        if (NeedsGrad(x, y))
            Record(r, "div", new[] { x, y }, g =>
            {
                // d(x/y)/dx = 1/y;  d(x/y)/dy = −x/y² = −(x/y)/y.
                if (x._requiresGrad) x.AccumulateGrad(Zip(g, y, new DivOp()), owned: true);
                if (y._requiresGrad)
                {
                    float[] gy = Zip(g, r, new MulOp());
                    Simd.Binary(new DivOp(), gy, y.Span, gy);
                    Simd.Unary(new AffineOp(-1f, 0f), gy, gy);
                    y.AccumulateGrad(gy, owned: true);
                }
            });
        return r;
    }

    /// <summary>this + s.</summary>
    public Tensor add(Scalar other) => Affine(1f, other.ToSingle(), "add");

    /// <summary>this × s.</summary>
    public Tensor mul(Scalar other) => Affine(other.ToSingle(), 0f, "mul");

    /// <summary>this ÷ s.</summary>
    public Tensor div(Scalar other) => Affine(1f / other.ToSingle(), 0f, "div");

    /// <summary>−this.</summary>
    public Tensor neg() => Affine(-1f, 0f, "neg");

    /// <summary>this − s.</summary>
    public Tensor sub(Scalar other) => Affine(1f, -other.ToSingle(), "sub");

    // a·x + b: every tensor∘scalar op; the derivative is the constant a.
    private Tensor Affine(float a, float b, string name)
    {
        Check.Float(this, name);
        var r = Empty(Shape);
        Simd.Unary(new AffineOp(a, b), Span, r.Span);
        if (NeedsGrad(this))
        {
            Tensor x = this;
            Record(r, name, new[] { x }, g =>
            {
                if (a != 1f) Simd.Unary(new AffineOp(a, 0f), g.Span, g.Span);
                x.AccumulateGrad(g.Data, owned: true);
            });
        }
        return r;
    }

    // c / x, derivative −c/x² = −r/x.
    private Tensor Reciprocal(float c)
    {
        Check.Float(this, "div");
        var r = Empty(Shape);
        Simd.Unary(new ReciprocalOp(c), Span, r.Span);
        if (NeedsGrad(this))
        {
            Tensor x = this;
            Record(r, "rdiv", new[] { x }, g =>
            {
                float[] gx = Zip(g, r, new MulOp());
                Simd.Binary(new DivOp(), gx, x.Span, gx);
                Simd.Unary(new AffineOp(-1f, 0f), gx, gx);
                x.AccumulateGrad(gx, owned: true);
            });
        }
        return r;
    }

    /// <summary>op(g, other) into a new buffer: the shape of most backward rules.</summary>
    internal static float[] Zip<TOp>(Tensor g, Tensor other, TOp op) where TOp : struct, IBinaryOp
    {
        var result = BufferPool.Rent(g.Count);
        Simd.Binary(op, g.Span, other.Span, result);
        return result;
    }

    internal static float[] Map<TOp>(Tensor g, TOp op) where TOp : struct, IUnaryOp
    {
        var result = BufferPool.Rent(g.Count);
        Simd.Unary(op, g.Span, result);
        return result;
    }
}
