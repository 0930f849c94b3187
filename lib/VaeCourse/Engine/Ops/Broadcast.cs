using MiniTorch.Kernels;
using MiniTorch.Memory;

namespace MiniTorch;

// NumPy broadcasting as two differentiable ops: expand (copy along size-1 dims) whose backward is a sum back to
// the input's shape. Binary ops expand both operands to the common shape and then work elementwise.
public partial class Tensor
{
    /// <summary>The broadcast shape of two shapes (NumPy rules), or an error naming the op and both shapes.</summary>
    internal static long[] BroadcastShape(ReadOnlySpan<long> a, ReadOnlySpan<long> b, string op)
    {
        int rank = Math.Max(a.Length, b.Length);
        var result = new long[rank];
        for (int i = 0; i < rank; i++)
        {
            long da = i < rank - a.Length ? 1 : a[i - (rank - a.Length)];
            long db = i < rank - b.Length ? 1 : b[i - (rank - b.Length)];
            if (da != db && da != 1 && db != 1)
                Check.Fail(op, $"{Check.Shape(a)} and {Check.Shape(b)}: sizes {da} and {db} at dimension {i} cannot be broadcast");
            result[i] = da == 1 ? db : da;
        }
        return result;
    }

    /// <summary>
    /// This tensor repeated along its size-1 (or missing leading) dimensions to <paramref name="sizes"/>, as a new
    /// contiguous tensor. Backward sums the gradient back to this tensor's shape.
    /// </summary>
    public Tensor expand(params long[] sizes)
    {
        Check.Float(this, "expand");
        if (sizes.Length < _shape.Length)
            Check.Fail("expand", $"cannot expand {Check.Shape(_shape)} to fewer dimensions {Check.Shape(sizes)}");
        long[] target = (long[])sizes.Clone();
        int lead = target.Length - _shape.Length;
        for (int i = 0; i < target.Length; i++)
        {
            long own = i < lead ? 1 : _shape[i - lead];
            if (target[i] == -1 && i >= lead) target[i] = own;
            if (own != target[i] && own != 1)
                Check.Fail("expand", $"cannot expand {Check.Shape(_shape)} to {Check.Shape(sizes)}: size {own} at dimension {i - lead} is not 1");
        }
        if (target.AsSpan().SequenceEqual(_shape)) return this;

        var result = Empty(target, "expand");
        BroadcastCopy(Data, _shape, result.Data, target);
        if (NeedsGrad(this))
        {
            Tensor input = this;
            Record(result, "expand", new[] { input }, g => input.AccumulateGrad(SumToShape(g.Data, target, input._shape), owned: true));
        }
        return result;
    }

    /// <summary>Both operands expanded to their common shape (no copy for an operand that already has it).</summary>
    internal static (Tensor, Tensor) Broadcast(Tensor a, Tensor b, string op)
    {
        Check.Float(a, op);
        Check.Float(b, op);
        if (a._shape.AsSpan().SequenceEqual(b._shape)) return (a, b);
        long[] shape = BroadcastShape(a._shape, b._shape, op);
        return (a.expand(shape), b.expand(shape));
    }

    // Shapes padded on the left to rank 4, with stride 0 along broadcast dimensions.
    private static void Padded(ReadOnlySpan<long> shape, ReadOnlySpan<long> target, Span<int> size, Span<int> stride)
    {
        int lead = 4 - target.Length, own = 4 - shape.Length;
        int s = 1;
        for (int i = 3; i >= 0; i--)
        {
            size[i] = i < lead ? 1 : (int)target[i - lead];
            int mine = i < own ? 1 : (int)shape[i - own];
            stride[i] = mine == 1 ? 0 : s;
            s *= mine;
        }
    }

    private static void BroadcastCopy(float[] src, ReadOnlySpan<long> srcShape, float[] dst, ReadOnlySpan<long> dstShape)
    {
        Span<int> n = stackalloc int[4], st = stackalloc int[4];
        Padded(srcShape, dstShape, n, st);
        int o = 0;
        for (int i0 = 0; i0 < n[0]; i0++)
            for (int i1 = 0; i1 < n[1]; i1++)
                for (int i2 = 0; i2 < n[2]; i2++, o += n[3])
                {
                    int baseIndex = i0 * st[0] + i1 * st[1] + i2 * st[2];
                    if (st[3] == 0) dst.AsSpan(o, n[3]).Fill(src[baseIndex]);
                    else src.AsSpan(baseIndex, n[3]).CopyTo(dst.AsSpan(o, n[3]));
                }
    }

    /// <summary>
    /// The reverse of a broadcast: sums a gradient of shape <paramref name="from"/> down to <paramref name="to"/>.
    /// Each output adds its rows one after another in float, which is exact enough for a batch (a bias gradient over
    /// 128 rows) but loses digits over tens of thousands (a column mean over 60 000 images was off by 3e-5); beyond
    /// <see cref="FloatRowsLimit"/> rows per output the rows are added in double instead.
    /// </summary>
    internal static float[] SumToShape(float[] g, ReadOnlySpan<long> from, ReadOnlySpan<long> to)
    {
        Span<int> n = stackalloc int[4], st = stackalloc int[4];
        Padded(to, from, n, st);
        long rowsPerOutput = 1;
        for (int k = 0; k < 3; k++) if (st[k] == 0) rowsPerOutput *= n[k];
        if (rowsPerOutput > FloatRowsLimit) return SumToShapeInDouble(g, n, st, (int)Numel(to));

        var result = BufferPool.RentZeroed(Numel(to));
        int o = 0;
        for (int i0 = 0; i0 < n[0]; i0++)
            for (int i1 = 0; i1 < n[1]; i1++)
                for (int i2 = 0; i2 < n[2]; i2++, o += n[3])
                {
                    int baseIndex = i0 * st[0] + i1 * st[1] + i2 * st[2];
                    if (st[3] == 0) result[baseIndex] += Simd.Sum(g.AsSpan(o, n[3]));
                    else Simd.AddInPlace(result.AsSpan(baseIndex, n[3]), g.AsSpan(o, n[3]));
                }
        return result;
    }

    /// <summary>Rows one output may add in float in <see cref="SumToShape"/> before the sum is kept in double.</summary>
    internal const int FloatRowsLimit = 1024;

    // SumToShape's loops with double accumulators, for reductions over many rows.
    private static float[] SumToShapeInDouble(float[] g, ReadOnlySpan<int> n, ReadOnlySpan<int> st, int count)
    {
        var total = new double[count];
        int o = 0;
        for (int i0 = 0; i0 < n[0]; i0++)
            for (int i1 = 0; i1 < n[1]; i1++)
                for (int i2 = 0; i2 < n[2]; i2++, o += n[3])
                {
                    int baseIndex = i0 * st[0] + i1 * st[1] + i2 * st[2];
                    ReadOnlySpan<float> row = g.AsSpan(o, n[3]);
                    if (st[3] == 0) total[baseIndex] += Simd.Sum(row);
                    else for (int j = 0; j < row.Length; j++) total[baseIndex + j] += row[j];
                }
        var result = BufferPool.Rent(count);
        for (int i = 0; i < count; i++) result[i] = (float)total[i];
        return result;
    }

    /// <summary>A new Float32 tensor over a pooled array with arbitrary contents (every op overwrites all of it).</summary>
    internal static Tensor Empty(long[] shape, string op) => Pooled(shape, Check.Numel(shape, op));

    internal static Tensor Empty(ReadOnlySpan<long> shape) => Pooled(shape.ToArray(), Numel(shape));
}
