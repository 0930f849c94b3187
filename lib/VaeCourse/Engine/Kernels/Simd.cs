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
/// Long loops are split across the engine's threads at multiples of <see cref="Block"/> elements, so every element
/// still takes the path (vector or scalar tail) it takes in one pass: the result does not depend on the thread count.
/// </summary>
internal static unsafe class Simd
{
    /// <summary>Loops at least this long are split across threads (each part then takes tens of microseconds).</summary>
    internal const int ParallelLength = 1 << 15;

    // Parts start on multiples of a Vector512's width, so only the last part has a tail.
    private const int Block = 16;

    public static void Unary<TOp>(TOp op, ReadOnlySpan<float> x, Span<float> destination) where TOp : struct, IUnaryOp
    {
        if (x.Length > destination.Length) ThrowDestinationTooShort();
        using var region = Profiler.Region(OpFamily.Elementwise);
        if (x.Length < ParallelLength || Parallelism.Threads == 1)
        {
            UnaryLoop(op, x, destination);
            return;
        }
        int n = x.Length;
        fixed (float* xp = x, dp = destination)
        {
            nint xa = (nint)xp, da = (nint)dp;
            ForBlocks(n, (start, length) =>
                UnaryLoop(op, new ReadOnlySpan<float>((float*)xa + start, length), new Span<float>((float*)da + start, length)));
        }
    }

    public static void Binary<TOp>(TOp op, ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> destination)
        where TOp : struct, IBinaryOp
    {
        if (x.Length != y.Length) ThrowLengthsDiffer(x.Length, y.Length);
        if (x.Length > destination.Length) ThrowDestinationTooShort();
        using var region = Profiler.Region(OpFamily.Elementwise);
        if (x.Length < ParallelLength || Parallelism.Threads == 1)
        {
            BinaryLoop(op, x, y, destination);
            return;
        }
        int n = x.Length;
        fixed (float* xp = x, yp = y, dp = destination)
        {
            nint xa = (nint)xp, ya = (nint)yp, da = (nint)dp;
            ForBlocks(n, (start, length) => BinaryLoop(op, new ReadOnlySpan<float>((float*)xa + start, length),
                new ReadOnlySpan<float>((float*)ya + start, length), new Span<float>((float*)da + start, length)));
        }
    }

    // body(start, length) over [0, n) in parts of whole blocks (the last part takes the remainder), one per thread.
    private static void ForBlocks(int n, Action<int, int> body)
    {
        int blocks = n / Block;
        Parallelism.For(blocks, ParallelLength / 2 / Block, (first, last) =>
        {
            int start = first * Block, end = last == blocks ? n : last * Block;
            body(start, end - start);
        });
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
    /// Sum in a fixed order, so the result depends only on the data, never on timing or threads: blocks of
    /// <see cref="SumBlock"/> elements are summed in float with 32 lane-wise partial sums (fast), and the block totals
    /// are added in double. Plain float accumulation over millions of elements loses digits (the sum of 10⁷ copies of
    /// 0.1f came out 0.3 % low, the MNIST pixel mean 0.1305 instead of 0.1307); PyTorch avoids that with a cascade sum,
    /// and the blocks do the same here: the error is that of a 1024-element float sum, whatever the length.
    /// </summary>
    public static float Sum(ReadOnlySpan<float> x)
    {
        if (x.Length <= SumBlock) return BlockSum(x);
        double total = 0;
        for (int start = 0; start < x.Length; start += SumBlock)
            total += BlockSum(x.Slice(start, Math.Min(SumBlock, x.Length - start)));
        return (float)total;
    }

    /// <summary>Elements per float-accumulated block of <see cref="Sum"/>.</summary>
    internal const int SumBlock = 1024;

    // 32 lane-wise partial sums in four groups of eight, combined in a fixed order, then the tail.
    private static float BlockSum(ReadOnlySpan<float> x)
    {
        ref float xr = ref MemoryMarshal.GetReference(x);
        int n = x.Length, i = 0;
        float total = 0;
        if (Vector256.IsHardwareAccelerated && n >= Vector256<float>.Count)
        {
            // Four independent accumulators hide FMA latency; the combination order is fixed.
            Vector256<float> a0 = default, a1 = default, a2 = default, a3 = default;
            for (; i <= n - 32; i += 32)
            {
                a0 += Vector256.LoadUnsafe(ref xr, (nuint)i);
                a1 += Vector256.LoadUnsafe(ref xr, (nuint)(i + 8));
                a2 += Vector256.LoadUnsafe(ref xr, (nuint)(i + 16));
                a3 += Vector256.LoadUnsafe(ref xr, (nuint)(i + 24));
            }
            for (; i <= n - 8; i += 8) a0 += Vector256.LoadUnsafe(ref xr, (nuint)i);
            total = Vector256.Sum((a0 + a1) + (a2 + a3));
        }
        for (; i < n; i++) total += Unsafe.Add(ref xr, i);
        return total;
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
