using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace MiniTorch.Kernels;

/// <summary>An elementwise operator: a scalar path and Vector256/Vector512 paths that must agree with it.</summary>
internal interface IUnaryOp
{
    /// <summary>False for operators whose vector paths would only loop over lanes; the loop then stays scalar.</summary>
    bool Vectorizable { get; }
    float Invoke(float x);
    Vector256<float> Invoke(Vector256<float> x);
    Vector512<float> Invoke(Vector512<float> x);
}

/// <summary>A two-input elementwise operator (same contract as <see cref="IUnaryOp"/>).</summary>
internal interface IBinaryOp
{
    bool Vectorizable { get; }
    float Invoke(float x, float y);
    Vector256<float> Invoke(Vector256<float> x, Vector256<float> y);
    Vector512<float> Invoke(Vector512<float> x, Vector512<float> y);
}

/// <summary>
/// The one shared SIMD loop (in the manner of TensorPrimitives): Vector512 where the CPU has it, else Vector256,
/// then a scalar tail. Operators are structs, so each instantiation is specialised and inlined by the JIT.
/// Vector512 and Vector256 paths give identical results (exp and log run their 256-bit code on each half), so a
/// result depends only on the data and on whether the CPU has AVX2 at all (the scalar tail uses MathF).
/// </summary>
internal static class Simd
{
    public static void Unary<TOp>(TOp op, ReadOnlySpan<float> x, Span<float> destination) where TOp : struct, IUnaryOp
    {
        if (!Profiler.Enabled) { UnaryLoop(op, x, destination); return; }
        using (Profiler.Region(OpFamily.Elementwise)) UnaryLoop(op, x, destination);
    }

    public static void Binary<TOp>(TOp op, ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> destination)
        where TOp : struct, IBinaryOp
    {
        if (!Profiler.Enabled) { BinaryLoop(op, x, y, destination); return; }
        using (Profiler.Region(OpFamily.Elementwise)) BinaryLoop(op, x, y, destination);
    }

    private static void UnaryLoop<TOp>(TOp op, ReadOnlySpan<float> x, Span<float> destination) where TOp : struct, IUnaryOp
    {
        if (x.Length > destination.Length) ThrowDestinationTooShort();
        ref float xr = ref MemoryMarshal.GetReference(x);
        ref float dr = ref MemoryMarshal.GetReference(destination);
        int n = x.Length, i = 0;
        if (op.Vectorizable)
        {
            if (Vector512.IsHardwareAccelerated)
                for (; i <= n - Vector512<float>.Count; i += Vector512<float>.Count)
                    op.Invoke(Vector512.LoadUnsafe(ref xr, (nuint)i)).StoreUnsafe(ref dr, (nuint)i);
            if (Vector256.IsHardwareAccelerated)
                for (; i <= n - Vector256<float>.Count; i += Vector256<float>.Count)
                    op.Invoke(Vector256.LoadUnsafe(ref xr, (nuint)i)).StoreUnsafe(ref dr, (nuint)i);
        }
        for (; i < n; i++) Unsafe.Add(ref dr, i) = op.Invoke(Unsafe.Add(ref xr, i));
    }

    private static void BinaryLoop<TOp>(TOp op, ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> destination)
        where TOp : struct, IBinaryOp
    {
        if (x.Length != y.Length) ThrowLengthsDiffer(x.Length, y.Length);
        if (x.Length > destination.Length) ThrowDestinationTooShort();
        ref float xr = ref MemoryMarshal.GetReference(x);
        ref float yr = ref MemoryMarshal.GetReference(y);
        ref float dr = ref MemoryMarshal.GetReference(destination);
        int n = x.Length, i = 0;
        if (op.Vectorizable)
        {
            if (Vector512.IsHardwareAccelerated)
                for (; i <= n - Vector512<float>.Count; i += Vector512<float>.Count)
                    op.Invoke(Vector512.LoadUnsafe(ref xr, (nuint)i), Vector512.LoadUnsafe(ref yr, (nuint)i)).StoreUnsafe(ref dr, (nuint)i);
            if (Vector256.IsHardwareAccelerated)
                for (; i <= n - Vector256<float>.Count; i += Vector256<float>.Count)
                    op.Invoke(Vector256.LoadUnsafe(ref xr, (nuint)i), Vector256.LoadUnsafe(ref yr, (nuint)i)).StoreUnsafe(ref dr, (nuint)i);
        }
        for (; i < n; i++) Unsafe.Add(ref dr, i) = op.Invoke(Unsafe.Add(ref xr, i), Unsafe.Add(ref yr, i));
    }

    /// <summary>acc += x.</summary>
    public static void AddInPlace(Span<float> accumulator, ReadOnlySpan<float> x) =>
        Binary(new AddOp(), accumulator, x, accumulator);

    /// <summary>
    /// Sum in a fixed order (8 or 16 lane-wise partial sums, then the lanes in order, then the tail), so the result
    /// depends only on the data, never on timing or threads. Accumulates in float like PyTorch's CPU sum.
    /// </summary>
    public static float Sum(ReadOnlySpan<float> x)
    {
        int blocks = x.Length / StreamingSum.Block * StreamingSum.Block;
        var sum = new StreamingSum();
        sum.AddBlocks(x[..blocks]);
        return sum.Finish(x[blocks..]);
    }

    /// <summary>The index of the first element outside [lo, hi] (NaN counts as outside), or −1 when there is none.</summary>
    public static int FirstOutside(ReadOnlySpan<float> x, float lo, float hi)
    {
        ref float xr = ref MemoryMarshal.GetReference(x);
        int n = x.Length, i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            Vector256<float> low = Vector256.Create(lo), high = Vector256.Create(hi);
            // Comparisons with NaN are false, so a NaN fails the test and the scalar scan below reports it.
            for (; i <= n - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                var v = Vector256.LoadUnsafe(ref xr, (nuint)i);
                if (!Vector256.GreaterThanOrEqualAll(v, low) || !Vector256.LessThanOrEqualAll(v, high)) break;
            }
        }
        for (; i < n; i++)
        {
            float v = Unsafe.Add(ref xr, i);
            if (!(v >= lo && v <= hi)) return i;
        }
        return -1;
    }

    private static void ThrowDestinationTooShort() => throw new ArgumentException("simd: destination is shorter than the input");
    private static void ThrowLengthsDiffer(int a, int b) => throw new ArgumentException($"simd: input lengths {a} and {b} differ");
}
