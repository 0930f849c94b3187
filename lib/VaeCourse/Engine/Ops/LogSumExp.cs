namespace MiniTorch;

// log Σ exp(x) along a dimension, composed from differentiable ops (so its gradient, softmax, needs no rule of its own).
public partial class Tensor
{
    /// <summary>
    /// log(Σ exp(x)) along <paramref name="dim"/>, computed as m + log Σ exp(x − m) with m the (constant) maximum,
    /// so no exp overflows. As PyTorch: a slice that is all −∞ gives −∞, one holding +∞ gives +∞, a NaN gives NaN.
    /// The gradient is softmax(x) along <paramref name="dim"/>.
    /// </summary>
    /// <param name="dim">The dimension to reduce (negative counts from the end).</param>
    /// <param name="keepdim">Keep <paramref name="dim"/> as size 1.</param>
    public Tensor logsumexp(long dim, bool keepdim = false)
    {
        const string op = "logsumexp";
        Check.Float(this, op);
        int d = Check.Dim(dim, _shape.Length, op);

        // The shift m is a constant: the result does not depend on it, so no gradient flows through it.
        Tensor shift;
        using (GradMode.Disable()) shift = Extreme(d, keepdim: true, op, largest: true).values;
        // An infinite maximum would make x − m NaN (−∞ − −∞, ∞ − ∞); PyTorch shifts such slices by 0 instead,
        // which gives −∞ for an all −∞ slice and +∞ for one containing +∞.
        Span<float> m = shift.Span;
        for (int i = 0; i < m.Length; i++)
            if (float.IsInfinity(m[i])) m[i] = 0f;

        // (…, n, …) -> (…, 1, …)
        Tensor result = sub(shift).exp().sum(d, keepdim: true).log().add(shift);
        return keepdim ? result : result.squeeze(d);
    }
}
