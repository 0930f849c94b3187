using MiniTorch.Kernels;
using MiniTorch.Memory;

namespace MiniTorch;

// erf and its inverse: computed per element in double (Kernels/ErrorFunction.cs) and rounded once to float.
public partial class Tensor
{
    private const double TwoOverSqrtPi = 1.1283791670955125739;
    private const double SqrtPiOverTwo = 0.88622692545275801365;

    /// <summary>The error function erf(x) = (2/√π)∫₀ˣ e^{−t²} dt, elementwise.</summary>
    public Tensor erf()
    {
        Check.Float(this, "erf");
        var y = Empty(Shape);
        Span<float> src = Span, dst = y.Span;
        for (int i = 0; i < src.Length; i++) dst[i] = (float)ErrorFunction.Erf(src[i]);
        Tensor x = this;
        // d erf(x)/dx = (2/√π)·e^{−x²}
        return Backward(y, "erf", g =>
        {
            var gx = BufferPool.Rent(g.Count);
            for (int i = 0; i < g.Count; i++)
            {
                double v = x.Data[i];
                gx[i] = (float)(g.Data[i] * TwoOverSqrtPi * Math.Exp(-v * v));
            }
            return gx;
        });
    }

    /// <summary>The inverse error function, elementwise: ±∞ at ±1 and NaN outside [−1, 1], as PyTorch.</summary>
    public Tensor erfinv()
    {
        Check.Float(this, "erfinv");
        var y = Empty(Shape);
        Span<float> src = Span, dst = y.Span;
        for (int i = 0; i < src.Length; i++) dst[i] = (float)ErrorFunction.Erfinv(src[i]);
        // d erfinv(y)/dy = (√π/2)·e^{z²} with z = erfinv(y), the saved output.
        return Backward(y, "erfinv", g =>
        {
            var gx = BufferPool.Rent(g.Count);
            for (int i = 0; i < g.Count; i++)
            {
                double z = y.Data[i];
                gx[i] = (float)(g.Data[i] * SqrtPiOverTwo * Math.Exp(z * z));
            }
            return gx;
        });
    }
}

public static partial class torch
{
    /// <summary>The error function, elementwise (≡ <c>input.erf()</c>).</summary>
    public static Tensor erf(Tensor input) => input.erf();

    /// <summary>The inverse error function, elementwise (≡ <c>input.erfinv()</c>).</summary>
    public static Tensor erfinv(Tensor input) => input.erfinv();

    /// <summary>Special functions, as TorchSharp's <c>torch.special</c>.</summary>
    public static class special
    {
        /// <summary>The error function, elementwise.</summary>
        public static Tensor erf(Tensor input) => input.erf();

        /// <summary>The inverse error function, elementwise.</summary>
        public static Tensor erfinv(Tensor input) => input.erfinv();
    }
}
