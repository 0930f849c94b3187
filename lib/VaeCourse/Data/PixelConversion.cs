using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace VaeCourse.Data;

/// <summary>Bytes 0–255 to floats in [0,1], as torchvision's <c>ToTensor</c> does (<c>img.float().div(255)</c>).</summary>
internal static class PixelConversion
{
    /// <summary>
    /// destination[i] = source[i] / 255f. A true division, not a multiplication by 1/255f, so every value equals
    /// PyTorch's bit for bit; the loop is bound by memory traffic, so the division costs nothing measurable.
    /// </summary>
    // Called once per load over millions of bytes: compile it optimised at once, not as tier-0 code waiting for OSR.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ToUnitInterval(ReadOnlySpan<byte> source, Span<float> destination)
    {
        if (destination.Length < source.Length)
            throw new ArgumentException($"pixels: destination holds {destination.Length} floats, source has {source.Length} bytes");
        ref byte s = ref MemoryMarshal.GetReference(source);
        ref float d = ref MemoryMarshal.GetReference(destination);
        int n = source.Length, i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            var scale = Vector512.Create(255f);
            for (; i <= n - Vector512<byte>.Count; i += Vector512<byte>.Count)
            {
                // 64 bytes -> 2×32 ushorts -> 4×16 ints (all ≤ 255, so the signed conversion is exact) -> 4×16 floats.
                var (low, high) = Vector512.Widen(Vector512.LoadUnsafe(ref s, (nuint)i));
                var (a, b) = Vector512.Widen(low);
                var (c, e) = Vector512.Widen(high);
                (Vector512.ConvertToSingle(a.AsInt32()) / scale).StoreUnsafe(ref d, (nuint)i);
                (Vector512.ConvertToSingle(b.AsInt32()) / scale).StoreUnsafe(ref d, (nuint)(i + 16));
                (Vector512.ConvertToSingle(c.AsInt32()) / scale).StoreUnsafe(ref d, (nuint)(i + 32));
                (Vector512.ConvertToSingle(e.AsInt32()) / scale).StoreUnsafe(ref d, (nuint)(i + 48));
            }
        }
        if (Vector256.IsHardwareAccelerated)
        {
            var scale = Vector256.Create(255f);
            for (; i <= n - Vector256<byte>.Count; i += Vector256<byte>.Count)
            {
                var (low, high) = Vector256.Widen(Vector256.LoadUnsafe(ref s, (nuint)i));
                var (a, b) = Vector256.Widen(low);
                var (c, e) = Vector256.Widen(high);
                (Vector256.ConvertToSingle(a.AsInt32()) / scale).StoreUnsafe(ref d, (nuint)i);
                (Vector256.ConvertToSingle(b.AsInt32()) / scale).StoreUnsafe(ref d, (nuint)(i + 8));
                (Vector256.ConvertToSingle(c.AsInt32()) / scale).StoreUnsafe(ref d, (nuint)(i + 16));
                (Vector256.ConvertToSingle(e.AsInt32()) / scale).StoreUnsafe(ref d, (nuint)(i + 24));
            }
        }
        for (; i < n; i++) Unsafe.Add(ref d, i) = Unsafe.Add(ref s, i) / 255f;
    }
}
