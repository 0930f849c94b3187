namespace MiniTorch;

// Views (same storage, new shape) and permutations (a copy, since tensors are contiguous).
public partial class Tensor
{
    /// <summary>The same elements in a new shape; one size may be −1 (inferred). Shares storage.</summary>
    public Tensor view(params long[] shape)
    {
        Check.Live(this, "view");
        long[] resolved = ResolveShape(shape, "view");
        var r = Longs is not null ? new Tensor(Longs, resolved) : new Tensor(this, resolved, "view");
        if (NeedsGrad(this))
        {
            Tensor x = this;
            Record(r, "view", new[] { x }, g => x.AccumulateGrad(g.Data, owned: true));
        }
        return r;
    }

    /// <summary>As <see cref="view"/> (tensors here are always contiguous, so reshape never copies).</summary>
    public Tensor reshape(params long[] shape) => view(shape);

    /// <summary>A view with this tensor's elements in <paramref name="other"/>'s shape.</summary>
    public Tensor view_as(Tensor other) => view(other.shape);

    /// <summary>Merges dimensions start_dim..end_dim into one.</summary>
    public Tensor flatten(long start_dim = 0, long end_dim = -1)
    {
        if (_shape.Length == 0) return view(1);
        int s = Check.Dim(start_dim, _shape.Length, "flatten"), e = Check.Dim(end_dim, _shape.Length, "flatten");
        if (s > e) Check.Fail("flatten", $"start_dim {start_dim} comes after end_dim {end_dim}");
        var shape = new List<long>();
        for (int i = 0; i < s; i++) shape.Add(_shape[i]);
        long merged = 1;
        for (int i = s; i <= e; i++) merged *= _shape[i];
        shape.Add(merged);
        for (int i = e + 1; i < _shape.Length; i++) shape.Add(_shape[i]);
        return view(shape.ToArray());
    }

    /// <summary>Splits dimension <paramref name="dim"/> into <paramref name="sizes"/>.</summary>
    public Tensor unflatten(long dim, params long[] sizes)
    {
        int d = Check.Dim(dim, _shape.Length, "unflatten");
        long product = 1;
        foreach (long s in sizes) product *= s;
        if (product != _shape[d])
            Check.Fail("unflatten", $"sizes {Check.Shape(sizes)} multiply to {product}, but dimension {dim} of {Check.Shape(_shape)} has size {_shape[d]}");
        var shape = new List<long>(_shape[..d]);
        shape.AddRange(sizes);
        shape.AddRange(_shape[(d + 1)..]);
        return view(shape.ToArray());
    }

    /// <summary>Inserts a size-1 dimension at <paramref name="dim"/>.</summary>
    public Tensor unsqueeze(long dim)
    {
        int d = (int)(dim < 0 ? dim + _shape.Length + 1 : dim);
        if (d < 0 || d > _shape.Length) Check.Fail("unsqueeze", $"dimension {dim} is out of range for a tensor of rank {_shape.Length}");
        var shape = new List<long>(_shape);
        shape.Insert(d, 1);
        return view(shape.ToArray());
    }

    /// <summary>Removes size-1 dimensions (all of them, or just <paramref name="dim"/>).</summary>
    public Tensor squeeze(long? dim = null)
    {
        if (dim is null) return view(_shape.Where(s => s != 1).ToArray());
        int d = Check.Dim(dim.Value, _shape.Length, "squeeze");
        if (_shape[d] != 1) return this;
        var shape = new List<long>(_shape);
        shape.RemoveAt(d);
        return view(shape.ToArray());
    }

    /// <summary>Transpose of a 2-D tensor (a 1-D or 0-D tensor is returned as is), as torch.t.</summary>
    public Tensor t()
    {
        if (_shape.Length > 2) Check.Fail("t", $"expects a tensor with at most 2 dimensions, got {Check.Shape(_shape)}");
        return _shape.Length < 2 ? this : transpose(0, 1);
    }

    /// <summary>Swaps two dimensions (a contiguous copy).</summary>
    public Tensor transpose(long dim0, long dim1)
    {
        int a = Check.Dim(dim0, _shape.Length, "transpose"), b = Check.Dim(dim1, _shape.Length, "transpose");
        var order = Enumerable.Range(0, _shape.Length).Select(i => (long)i).ToArray();
        (order[a], order[b]) = (order[b], order[a]);
        return permute(order);
    }

    /// <summary>
    /// This tensor: the engine stores every tensor contiguously (<see cref="permute"/> and <see cref="transpose"/>
    /// copy), so there is nothing to do — as in TorchSharp, where <c>contiguous()</c> of a contiguous tensor returns it.
    /// Kept so that TorchSharp code such as <c>x.permute(0, 2, 3, 1).contiguous()</c> runs unchanged.
    /// </summary>
    public Tensor contiguous() => this;

    /// <summary>Always true: see <see cref="contiguous"/>.</summary>
    public bool is_contiguous() => true;

    /// <summary>Reorders the dimensions (a contiguous copy). Backward applies the inverse permutation.</summary>
    public Tensor permute(params long[] dims)
    {
        Check.Float(this, "permute");
        int rank = _shape.Length;
        if (dims.Length != rank || dims.Select(d => Check.Dim(d, rank, "permute")).Distinct().Count() != rank)
            Check.Fail("permute", $"{Check.Shape(dims)} is not a permutation of the {rank} dimensions of {Check.Shape(_shape)}");
        int[] order = dims.Select(d => Check.Dim(d, rank, "permute")).ToArray();
        var outShape = order.Select(d => _shape[d]).ToArray();
        var r = Empty(outShape, "permute");
        Permute(Data, _shape, order, r.Data);
        if (NeedsGrad(this))
        {
            Tensor x = this;
            var inverse = new int[rank];
            for (int i = 0; i < rank; i++) inverse[order[i]] = i;
            Record(r, "permute", new[] { x }, g =>
            {
                var gx = Memory.BufferPool.Rent(x.Count);
                Permute(g.Data, outShape, inverse, gx);
                x.AccumulateGrad(gx, owned: true);
            });
        }
        return r;
    }

    // dst[i_order...] = src[...]: output dimension j walks source dimension order[j].
    private static void Permute(float[] src, ReadOnlySpan<long> shape, int[] order, float[] dst)
    {
        int rank = shape.Length;
        Span<int> srcStride = stackalloc int[4], size = stackalloc int[4], stride = stackalloc int[4];
        int s = 1;
        for (int i = rank - 1; i >= 0; i--) { srcStride[i] = s; s *= (int)shape[i]; }
        for (int j = 0; j < 4; j++)
        {
            int pad = 4 - rank;
            size[j] = j < pad ? 1 : (int)shape[order[j - pad]];
            stride[j] = j < pad ? 0 : srcStride[order[j - pad]];
        }
        int o = 0;
        for (int i0 = 0; i0 < size[0]; i0++)
            for (int i1 = 0; i1 < size[1]; i1++)
                for (int i2 = 0; i2 < size[2]; i2++)
                {
                    int b = i0 * stride[0] + i1 * stride[1] + i2 * stride[2];
                    for (int i3 = 0; i3 < size[3]; i3++) dst[o++] = src[b + i3 * stride[3]];
                }
    }

    private long[] ResolveShape(long[] shape, string op)
    {
        long known = 1;
        int infer = -1;
        for (int i = 0; i < shape.Length; i++)
        {
            if (shape[i] == -1)
            {
                if (infer >= 0) Check.Fail(op, $"shape {Check.Shape(shape)}: only one dimension can be -1");
                infer = i;
            }
            else if (shape[i] < 0) Check.Fail(op, $"shape {Check.Shape(shape)} has a negative size");
            else known *= shape[i];
        }
        var resolved = (long[])shape.Clone();
        if (infer >= 0)
        {
            if (known == 0 || Count % known != 0)
                Check.Fail(op, $"shape {Check.Shape(shape)} is invalid for input of shape {Check.Shape(_shape)} ({Count} elements)");
            resolved[infer] = Count / known;
        }
        Check.Numel(resolved, op);
        if (Numel(resolved) != Count)
            Check.Fail(op, $"shape {Check.Shape(shape)} is invalid for input of shape {Check.Shape(_shape)} ({Count} elements)");
        return resolved;
    }
}
