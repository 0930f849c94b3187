using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace MiniTorch.Kernels;

/// <summary>
/// <see cref="Simd.Sum"/>'s fixed-order summation fed in pieces, so a fused kernel can sum values it produces chunk by
/// chunk without storing them all, and still get exactly the bits <see cref="Simd.Sum"/> would give on the whole array:
/// pass whole 32-float blocks to <see cref="AddBlocks"/>, in order, then the remainder to <see cref="Finish"/>.
/// </summary>
internal struct StreamingSum
{
    /// <summary>The block size <see cref="AddBlocks"/> takes a multiple of.</summary>
    public const int Block = 32;

    // Four independent accumulators hide the add latency; they are combined in a fixed order at the end.
    private Vector256<float> _a0, _a1, _a2, _a3;
    private float _scalar;
    private bool _blocksAdded;

    /// <summary>Adds <paramref name="x"/>, whose length must be a multiple of <see cref="Block"/>.</summary>
    public void AddBlocks(ReadOnlySpan<float> x)
    {
        if (x.Length % Block != 0) throw new ArgumentException($"streaming sum: {x.Length} is not a multiple of {Block}");
        if (x.Length == 0) return;
        _blocksAdded = true;
        if (!Vector256.IsHardwareAccelerated)
        {
            foreach (float v in x) _scalar += v;
            return;
        }
        ref float xr = ref MemoryMarshal.GetReference(x);
        for (int i = 0; i < x.Length; i += Block)
        {
            _a0 += Vector256.LoadUnsafe(ref xr, (nuint)i);
            _a1 += Vector256.LoadUnsafe(ref xr, (nuint)(i + 8));
            _a2 += Vector256.LoadUnsafe(ref xr, (nuint)(i + 16));
            _a3 += Vector256.LoadUnsafe(ref xr, (nuint)(i + 24));
        }
    }

    /// <summary>Adds the last, possibly partial, piece and returns the total.</summary>
    public readonly float Finish(ReadOnlySpan<float> tail)
    {
        ref float xr = ref MemoryMarshal.GetReference(tail);
        int n = tail.Length, i = 0;
        float total = _scalar;
        if (Vector256.IsHardwareAccelerated && (_blocksAdded || n >= Vector256<float>.Count))
        {
            Vector256<float> a0 = _a0;
            for (; i <= n - 8; i += 8) a0 += Vector256.LoadUnsafe(ref xr, (nuint)i);
            total = Vector256.Sum((a0 + _a1) + (_a2 + _a3));
        }
        for (; i < n; i++) total += Unsafe.Add(ref xr, i);
        return total;
    }
}
