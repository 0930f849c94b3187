using MiniTorch.Memory;

namespace MiniTorch;

// max/min along one dimension with the position of the winner: the values carry the gradient to that position.
public partial class Tensor
{
    /// <summary>
    /// The largest value along <paramref name="dim"/> and its index (Int64), as TorchSharp's named tuple. Ties give
    /// the first index, a NaN wins (its first index), as PyTorch on the CPU. The values are differentiable: the
    /// gradient flows to the selected element only.
    /// </summary>
    /// <param name="dim">The dimension to reduce (negative counts from the end).</param>
    /// <param name="keepdim">Keep <paramref name="dim"/> as size 1 in both results.</param>
    public (Tensor values, Tensor indexes) max(long dim, bool keepdim = false) => Extreme(dim, keepdim, "max", largest: true);

    /// <summary>
    /// The smallest value along <paramref name="dim"/> and its index (Int64); ties give the first index, a NaN wins.
    /// The values are differentiable: the gradient flows to the selected element only.
    /// </summary>
    /// <param name="dim">The dimension to reduce (negative counts from the end).</param>
    /// <param name="keepdim">Keep <paramref name="dim"/> as size 1 in both results.</param>
    public (Tensor values, Tensor indexes) min(long dim, bool keepdim = false) => Extreme(dim, keepdim, "min", largest: false);

    private (Tensor values, Tensor indexes) Extreme(long dim, bool keepdim, string op, bool largest)
    {
        Check.Float(this, op);
        int d = Check.Dim(dim, _shape.Length, op);
        int outer = Numel(_shape.AsSpan(0, d)), size = (int)_shape[d], inner = Numel(_shape.AsSpan(d + 1));
        if (size == 0) Check.Fail(op, $"dimension {dim} of {Check.Shape(_shape)} has size 0; there is no {op} to select");

        // (outer, size, inner) -> (outer, inner)
        var values = new float[outer * inner];
        var indexes = new long[outer * inner];
        float[] data = Data;
        for (int o = 0; o < outer; o++)
            for (int i = 0; i < inner; i++)
            {
                int baseIndex = o * size * inner + i;
                int best = 0;
                float bestValue = data[baseIndex];
                for (int k = 1; k < size && !float.IsNaN(bestValue); k++)
                {
                    float v = data[baseIndex + k * inner];
                    if (float.IsNaN(v) || (largest ? v > bestValue : v < bestValue)) { bestValue = v; best = k; }
                }
                values[o * inner + i] = bestValue;
                indexes[o * inner + i] = best;
            }

        long[] shape = keepdim
            ? _shape.Select((s, i) => i == d ? 1L : s).ToArray()
            : _shape.Where((_, i) => i != d).ToArray();
        var result = new Tensor(values, shape);
        if (NeedsGrad(this))
        {
            Tensor x = this;
            Record(result, op, new[] { x }, g =>
            {
                var gx = BufferPool.RentZeroed(x.Count);
                for (int o = 0; o < outer; o++)
                    for (int i = 0; i < inner; i++)
                        gx[(o * size + (int)indexes[o * inner + i]) * inner + i] = g.Data[o * inner + i];
                x.AccumulateGrad(gx, owned: true);
            });
        }
        return (result, new Tensor(indexes, (long[])shape.Clone()));
    }
}
