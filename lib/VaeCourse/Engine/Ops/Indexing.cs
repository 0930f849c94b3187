namespace MiniTorch;

// Row gathering (batching) and concatenation.
public partial class Tensor
{
    /// <summary>Rows of this tensor picked by an Int64 index (dim 0 only): the way a batch is gathered.</summary>
    public Tensor index_select(long dim, Tensor index)
    {
        const string op = "index_select";
        using var region = Profiler.Region(OpFamily.Batching);
        Check.Float(this, op);
        if (Check.Dim(dim, _shape.Length, op) != 0) Check.Fail(op, $"only dim 0 is supported, got dim {dim}");
        if (index.Longs is null || index._shape.Length != 1)
            Check.Fail(op, $"index must be a 1-D Int64 tensor, got {index.dtype} {Check.Shape(index._shape)}");
        long rows = _shape[0];
        int rowSize = (int)(Count / Math.Max(rows, 1));
        long[] idx = index.Longs;
        foreach (long i in idx)
            if (i < 0 || i >= rows) Check.Fail(op, $"index {i} is out of range for dimension 0 of size {rows} in {Check.Shape(_shape)}");

        var shape = (long[])_shape.Clone();
        shape[0] = idx.Length;
        var r = Empty(shape, op);
        for (int k = 0; k < idx.Length; k++)
            Data.AsSpan((int)idx[k] * rowSize, rowSize).CopyTo(r.Data.AsSpan(k * rowSize, rowSize));
        if (NeedsGrad(this))
        {
            Tensor x = this;
            Record(r, op, new[] { x }, g =>
            {
                // Scatter-add: a row picked twice receives both gradients.
                var gx = Memory.BufferPool.RentZeroed(x.Count);
                for (int k = 0; k < idx.Length; k++)
                    Kernels.Simd.AddInPlace(gx.AsSpan((int)idx[k] * rowSize, rowSize), g.Data.AsSpan(k * rowSize, rowSize));
                x.AccumulateGrad(gx, owned: true);
            });
        }
        return r;
    }

    /// <summary>
    /// Rows start..start+length−1 along dim 0 (TorchSharp's <c>narrow</c>), e.g. consecutive evaluation batches.
    /// A copy, since tensors here are contiguous without offsets; backward writes the gradient back into those rows.
    /// </summary>
    public Tensor narrow(long dim, long start, long length)
    {
        const string op = "narrow";
        Check.Float(this, op);
        if (Check.Dim(dim, _shape.Length, op) != 0) Check.Fail(op, $"only dim 0 is supported, got dim {dim}");
        long rows = _shape[0];
        if (start < 0 || length < 0 || start + length > rows)
            Check.Fail(op, $"rows {start}..{start + length - 1} are out of range for dimension 0 of size {rows} in {Check.Shape(_shape)}");
        int rowSize = (int)(Count / Math.Max(rows, 1));
        var shape = (long[])_shape.Clone();
        shape[0] = length;
        var r = Empty(shape, op);
        Data.AsSpan((int)start * rowSize, (int)length * rowSize).CopyTo(r.Data);
        if (NeedsGrad(this))
        {
            Tensor x = this;
            Record(r, op, new[] { x }, g =>
            {
                var gx = new float[x.Count];
                g.Span.CopyTo(gx.AsSpan((int)start * rowSize));
                x.AccumulateGrad(gx, owned: true);
            });
        }
        return r;
    }

    /// <summary>Joins 2-D (or N-D) tensors along dim 0 or dim 1; every other size must agree.</summary>
    internal static Tensor Cat(IList<Tensor> tensors, long dim)
    {
        const string op = "cat";
        using var region = Profiler.Region(OpFamily.Batching);
        if (tensors.Count == 0) Check.Fail(op, "expected a non-empty list of tensors");
        Tensor first = tensors[0];
        int rank = first._shape.Length;
        int d = Check.Dim(dim, rank, op);
        if (d > 1) Check.Fail(op, $"only dim 0 and dim 1 are supported, got dim {dim}");
        foreach (Tensor t in tensors)
        {
            Check.Float(t, op);
            bool ok = t._shape.Length == rank;
            for (int i = 0; ok && i < rank; i++) ok = i == d || t._shape[i] == first._shape[i];
            if (!ok) Check.Fail(op, $"{Check.Shape(first._shape)} and {Check.Shape(t._shape)}: sizes must match except in dimension {d}");
        }
        var shape = (long[])first._shape.Clone();
        shape[d] = tensors.Sum(t => t._shape[d]);
        var r = Empty(shape, op);

        // Each input is a (outer, block) matrix of its own width; the output interleaves the blocks.
        int outer = d == 0 ? 1 : (int)first._shape[0];
        int outRow = r.Count / outer;
        int offset = 0;
        foreach (Tensor t in tensors)
        {
            int block = t.Count / outer;
            for (int o = 0; o < outer; o++) t.Data.AsSpan(o * block, block).CopyTo(r.Data.AsSpan(o * outRow + offset, block));
            offset += block;
        }
        if (GradMode.Enabled && tensors.Any(t => t._requiresGrad))
        {
            Tensor[] inputs = tensors.ToArray();
            Record(r, op, inputs, g =>
            {
                int off = 0;
                foreach (Tensor t in inputs)
                {
                    int block = t.Count / outer;
                    if (t._requiresGrad)
                    {
                        var gt = Memory.BufferPool.Rent(t.Count);
                        for (int o = 0; o < outer; o++) g.Data.AsSpan(o * outRow + off, block).CopyTo(gt.AsSpan(o * block, block));
                        t.AccumulateGrad(gt, owned: true);
                    }
                    off += block;
                }
            });
        }
        return r;
    }
}
