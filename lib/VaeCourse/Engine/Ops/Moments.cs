namespace MiniTorch;

// Variance and standard deviation, composed from mean/sub/square/sum, so they are differentiable for free.
public partial class Tensor
{
    /// <summary>Variance of all elements; Bessel's correction (divide by n − 1) when <paramref name="unbiased"/>.</summary>
    /// <remarks>As PyTorch: n − 1 = 0 (a single element, unbiased) gives NaN.</remarks>
    public Tensor var(bool unbiased = true) =>
        Variance(Enumerable.Range(0, _shape.Length).Select(i => (long)i).ToArray(), unbiased, keepdim: false, "var");

    /// <summary>Variance over <paramref name="dimensions"/> (dimensions of size 1 are kept when <paramref name="keepdim"/>).</summary>
    /// <param name="dimensions">The dimensions to reduce (negative count from the end).</param>
    /// <param name="unbiased">Divide by n − 1 (Bessel's correction) rather than n.</param>
    /// <param name="keepdim">Keep the reduced dimensions as size 1.</param>
    public Tensor var(long[] dimensions, bool unbiased = true, bool keepdim = false) =>
        Variance(dimensions, unbiased, keepdim, "var");

    /// <summary>Variance over one dimension.</summary>
    public Tensor var(long dimensions, bool unbiased = true, bool keepdim = false) =>
        Variance(new[] { dimensions }, unbiased, keepdim, "var");

    /// <summary>Standard deviation of all elements: √var.</summary>
    public Tensor std(bool unbiased = true) =>
        Variance(Enumerable.Range(0, _shape.Length).Select(i => (long)i).ToArray(), unbiased, keepdim: false, "std").sqrt();

    /// <summary>Standard deviation over <paramref name="dimensions"/>: √var.</summary>
    /// <param name="dimensions">The dimensions to reduce (negative count from the end).</param>
    /// <param name="unbiased">Divide by n − 1 (Bessel's correction) rather than n.</param>
    /// <param name="keepdim">Keep the reduced dimensions as size 1.</param>
    public Tensor std(long[] dimensions, bool unbiased = true, bool keepdim = false) =>
        Variance(dimensions, unbiased, keepdim, "std").sqrt();

    /// <summary>Standard deviation over one dimension.</summary>
    public Tensor std(long dimensions, bool unbiased = true, bool keepdim = false) =>
        Variance(new[] { dimensions }, unbiased, keepdim, "std").sqrt();

    // Σ (x − mean)² / (n − correction): the two-pass form, which does not cancel the way E[x²] − E[x]² does.
    private Tensor Variance(long[] dimensions, bool unbiased, bool keepdim, string op)
    {
        Check.Float(this, op);
        if (dimensions.Length == 0 && _shape.Length > 0) Check.Fail(op, "no dimensions given to reduce");
        long n = 1;
        var seen = new bool[_shape.Length];
        foreach (long dim in dimensions)
        {
            int d = Check.Dim(dim, _shape.Length, op);
            if (seen[d]) Check.Fail(op, $"dimension {dim} appears twice in ({string.Join(",", dimensions)})");
            seen[d] = true;
            n *= _shape[d];
        }
        long divisor = Math.Max(0, n - (unbiased ? 1 : 0));
        if (_shape.Length == 0)
            return sub(this.detach()).square().mul(1.0 / divisor);  // a 0-D tensor: one element, deviation 0
        Tensor deviation = sub(mean(dimensions, keepdim: true));
        // A zero divisor gives 0·∞ = NaN, as PyTorch.
        return deviation.square().sum(dimensions, keepdim).mul(1.0 / divisor);
    }
}
