using MiniTorch.Kernels;
using MiniTorch.Memory;

namespace MiniTorch;

// sum is the one hand-written reduction; mean is composed as sum × (1/n).
public partial class Tensor
{
    /// <summary>Sum of all elements (a 0-D tensor).</summary>
    public Tensor sum()
    {
        Check.Float(this, "sum");
        var r = new Tensor(new[] { Simd.Sum(Span) }, Array.Empty<long>());
        if (NeedsGrad(this))
        {
            Tensor x = this;
            Record(r, "sum", new[] { x }, g =>
            {
                var gx = BufferPool.Rent(x.Count);
                Array.Fill(gx, g.Data[0]);
                x.AccumulateGrad(gx, owned: true);
            });
        }
        return r;
    }

    /// <summary>Sum over one dimension (kept as size 1 when <paramref name="keepdim"/>).</summary>
    public Tensor sum(long dim, bool keepdim = false) => sum(new[] { dim }, keepdim);

    /// <summary>Sum over the given dimensions.</summary>
    public Tensor sum(long[] dim, bool keepdim = false)
    {
        Check.Float(this, "sum");
        int rank = _shape.Length;
        var reduce = new bool[rank];
        foreach (long d in dim) reduce[Check.Dim(d, rank, "sum")] = true;

        var kept = new long[rank];
        for (int i = 0; i < rank; i++) kept[i] = reduce[i] ? 1 : _shape[i];
        // Reducing = the backward of a broadcast from the kept shape.
        var r = new Tensor(SumToShape(Data, _shape, kept), kept);
        if (NeedsGrad(this))
        {
            Tensor x = this;
            Record(r, "sum", new[] { x }, g =>
            {
                var gx = BufferPool.Rent(x.Count);
                BroadcastCopy(g.Data, kept, gx, x._shape);
                x.AccumulateGrad(gx, owned: true);
            });
        }
        if (keepdim) return r;
        return r.view(Enumerable.Range(0, rank).Where(i => !reduce[i]).Select(i => _shape[i]).ToArray());
    }

    /// <summary>Mean of all elements.</summary>
    public Tensor mean() => sum().mul(1.0 / Math.Max(Count, 1));

    /// <summary>Mean over the given dimensions (TorchSharp's signature takes an array).</summary>
    public Tensor mean(long[] dimensions, bool keepdim = false)
    {
        long n = 1;
        foreach (long d in dimensions) n *= _shape[Check.Dim(d, _shape.Length, "mean")];
        return sum(dimensions, keepdim).mul(1.0 / Math.Max(n, 1));
    }

    /// <summary>
    /// Index of the largest element along <paramref name="dim"/> (Int64, no gradient): the indexes of
    /// <see cref="max(long, bool)"/> (first index on ties, a NaN wins).
    /// </summary>
    public Tensor argmax(long dim)
    {
        using (GradMode.Disable()) return Extreme(dim, keepdim: false, "argmax", largest: true).indexes;
    }

    /// <summary>The largest element (no gradient).</summary>
    public Tensor max()
    {
        Check.Float(this, "max");
        if (Count == 0) Check.Fail("max", "the tensor is empty");
        float m = float.NegativeInfinity;
        foreach (float v in Span) if (v > m || float.IsNaN(v)) m = v;
        return new Tensor(new[] { m }, Array.Empty<long>());
    }

    /// <summary>The smallest element (no gradient).</summary>
    public Tensor min()
    {
        Check.Float(this, "min");
        if (Count == 0) Check.Fail("min", "the tensor is empty");
        float m = float.PositiveInfinity;
        foreach (float v in Span) if (v < m || float.IsNaN(v)) m = v;
        return new Tensor(new[] { m }, Array.Empty<long>());
    }
}
