using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace MiniTorch.Kernels;

/// <summary>Which micro-kernel <see cref="Sgemm"/> runs. Every path gives bit-identical results.</summary>
internal enum SgemmPath
{
    /// <summary>The widest path the CPU runs natively.</summary>
    Auto,
    /// <summary>AVX-512: 16×16 tiles of sixteen 16-lane FMA accumulators.</summary>
    Vector512,
    /// <summary>AVX2 + FMA3: 6×16 tiles of twelve 8-lane FMA accumulators.</summary>
    Vector256,
    /// <summary>NEON (ARM64): 8×8 tiles of sixteen 4-lane FMA accumulators. On x64 (SSE + FMA3) only when forced.</summary>
    Vector128,
    /// <summary>Portable: 4×4 tiles of scalar fused multiply-adds.</summary>
    Scalar,
}

/// <summary>
/// Single-precision GEMM on row-major matrices: C (m×n) = op(A) (m×k) · op(B) (k×n), or C += … when accumulating.
/// op(X) is X or Xᵀ; a transposed operand is stored as its untransposed shape with its own leading dimension.
/// </summary>
/// <remarks>
/// GotoBLAS/BLIS structure: op(A) and op(B) are packed into aligned, reused per-thread buffers in the order the
/// micro-kernel reads them (MR-row panels of op(A), NR-column panels of op(B), k blocks of at most
/// <see cref="KcMax"/>), and the micro-kernel keeps an MR×NR tile of C in registers over a whole k block.
/// Packing absorbs the four transpose cases and pads edges with zeros. <see cref="SgemmJob"/> runs the loops
/// and the threads, <see cref="SgemmPacking"/> packs, <see cref="SgemmMicroKernel"/> holds the tiles.
/// <para>Determinism: every C element is computed the same way whatever the path, tile, block or thread it lands
/// in: for each k block (bounds depend on k only) a zero-started chain of fused multiply-adds in increasing k,
/// then C = sum (first block, not accumulating) or C = C + sum. Threads split C along m or n, never along k, so
/// results are bit-identical for ANY thread count, and on every CPU (all paths fuse each multiply-add).</para>
/// </remarks>
internal static class Sgemm
{
    /// <summary>The longest k block: a worker's kc×16 packed panel (16 KiB) stays in L1 while the shared panels
    /// stream past it. The same for all paths, because k block bounds decide the rounding.</summary>
    internal const int KcMax = 256;

    /// <summary>Test hook: run one path instead of the fastest supported one (results do not change).</summary>
    internal static SgemmPath ForcedPath { get; set; } = SgemmPath.Auto;

    /// <summary>C = op(A)·op(B), or C += op(A)·op(B) when <paramref name="accumulate"/>; see the class remarks.</summary>
    public static void Multiply(bool transA, bool transB, int m, int n, int k,
        float[] a, int aOffset, int lda, float[] b, int bOffset, int ldb,
        float[] c, int cOffset, int ldc, bool accumulate)
        => Multiply(transA, transB, m, n, k, a, aOffset, lda, b, bOffset, ldb, c, cOffset, ldc, accumulate,
            Parallelism.Threads);

    /// <summary>As above, on at most <paramref name="maxThreads"/> threads, run by <see cref="Parallelism.For"/>.</summary>
    internal static void Multiply(bool transA, bool transB, int m, int n, int k,
        float[] a, int aOffset, int lda, float[] b, int bOffset, int ldb,
        float[] c, int cOffset, int ldc, bool accumulate, int maxThreads)
    {
        Validate(transA, transB, m, n, k, a, aOffset, lda, b, bOffset, ldb, c, cOffset, ldc);
        if (m == 0 || n == 0) return;
        using var region = Profiler.Region(OpFamily.Gemm);
        if (k == 0)
        {
            if (!accumulate)
                for (int i = 0; i < m; i++) c.AsSpan(cOffset + i * ldc, n).Clear();
            return;
        }

        new SgemmJob(Resolve(ForcedPath), transA, transB, m, n, k,
            a, aOffset, lda, b, bOffset, ldb, c, cOffset, ldc, accumulate).Execute(maxThreads);
    }

    /// <summary>The path <paramref name="requested"/> resolves to on this CPU; throws if it cannot run here.</summary>
    internal static SgemmPath Resolve(SgemmPath requested)
    {
        if (!IsSupported(requested)) Check.Fail("sgemm", $"the {requested} path was requested but this CPU does not run it natively");
        if (requested != SgemmPath.Auto) return requested;
        if (IsSupported(SgemmPath.Vector512)) return SgemmPath.Vector512;
        if (IsSupported(SgemmPath.Vector256)) return SgemmPath.Vector256;
        // Vector128 stands in for the wider paths only on ARM64: an x64 CPU with FMA3 also has AVX2.
        return AdvSimd.IsSupported && IsSupported(SgemmPath.Vector128) ? SgemmPath.Vector128 : SgemmPath.Scalar;
    }

    /// <summary>True when <paramref name="path"/> can run on this CPU.</summary>
    internal static bool IsSupported(SgemmPath path) => path switch
    {
        SgemmPath.Vector512 => Vector512.IsHardwareAccelerated && Avx512F.IsSupported,
        SgemmPath.Vector256 => Vector256.IsHardwareAccelerated && Fma.IsSupported && Avx.IsSupported,
        SgemmPath.Vector128 => Vector128.IsHardwareAccelerated && (AdvSimd.IsSupported || Fma.IsSupported),
        _ => true,
    };

    private static void Validate(bool transA, bool transB, int m, int n, int k,
        float[] a, int aOffset, int lda, float[] b, int bOffset, int ldb, float[] c, int cOffset, int ldc)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(c);
        if (m < 0 || n < 0 || k < 0) Check.Fail("sgemm", $"sizes must be non-negative, got m={m}, n={n}, k={k}");
        // The kernels read through raw pointers, so every bound is checked here, once.
        CheckOperand("A", a.Length, aOffset, lda, transA ? k : m, transA ? m : k, transA);
        CheckOperand("B", b.Length, bOffset, ldb, transB ? n : k, transB ? k : n, transB);
        CheckOperand("C", c.Length, cOffset, ldc, m, n, false);
        if (m > 0 && n > 0 && k > 0
            && (Overlaps(c, cOffset, ldc, m, n, a, aOffset, lda, transA ? k : m, transA ? m : k)
                || Overlaps(c, cOffset, ldc, m, n, b, bOffset, ldb, transB ? n : k, transB ? k : n)))
            Check.Fail("sgemm", "C overlaps A or B in the same array; the result would read its own partial sums");
    }

    private static void CheckOperand(string name, int length, int offset, int ld, int rows, int cols, bool transposed)
    {
        string stored = $"{name}{(transposed ? " (stored transposed)" : "")} is {rows}×{cols}";
        if (offset < 0) Check.Fail("sgemm", $"{stored}: offset {offset} is negative");
        if (ld < Math.Max(1, cols)) Check.Fail("sgemm", $"{stored}: leading dimension {ld} is less than its {cols} columns");
        if (rows == 0 || cols == 0) return;
        long last = offset + (long)(rows - 1) * ld + cols;
        if (last > length)
            Check.Fail("sgemm", $"{stored} with offset {offset} and leading dimension {ld}: needs {last} elements, the array has {length}");
    }

    private static bool Overlaps(float[] c, int cOffset, int ldc, int m, int n,
        float[] x, int xOffset, int ldx, int rows, int cols)
    {
        if (!ReferenceEquals(c, x) || rows == 0 || cols == 0) return false;
        long cEnd = cOffset + (long)(m - 1) * ldc + n, xEnd = xOffset + (long)(rows - 1) * ldx + cols;
        return cOffset < xEnd && xOffset < cEnd;
    }
}
