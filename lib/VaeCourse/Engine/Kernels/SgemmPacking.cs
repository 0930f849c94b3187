using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace MiniTorch.Kernels;

/// <summary>
/// Packs blocks of op(A) and op(B) into the order the micro-kernels read them: op(A) as MR-row micro-panels
/// (for each k, MR consecutive rows), op(B) as NR-column micro-panels (for each k, NR consecutive columns).
/// Rows or columns past the matrix edge are zeros, so every micro-kernel call sees a full tile.
/// </summary>
/// <remarks>
/// Each transpose case becomes one of two moves: a strided copy, when the packed run is already contiguous in
/// memory (Aᵀ stored k×m, B stored k×n), or a transpose, when it is not (A stored m×k, Bᵀ stored n×k).
/// </remarks>
internal static unsafe class SgemmPacking
{
    /// <summary>
    /// Packs op(A)[i0..i0+mc, p0..p0+kc] into ceil(mc/mr) panels of mr×kc: dest[panel·mr·kc + p·mr + row].
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PackA(bool transA, float* a, nint lda, int i0, int mc, int p0, int kc, int mr, float* dest)
    {
        for (int i = 0; i < mc; i += mr, dest += (long)mr * kc)
        {
            int rows = Math.Min(mr, mc - i);
            if (transA) CopyRuns(a + (long)p0 * lda + i0 + i, lda, kc, rows, mr, dest); // op(A)[r,p] = a[p·lda + r]
            else Transpose(a + (long)(i0 + i) * lda + p0, lda, rows, kc, mr, dest);       // op(A)[r,p] = a[r·lda + p]
        }
    }

    /// <summary>
    /// Packs op(B)[p0..p0+kc, j0..j0+nc] into ceil(nc/nr) panels of kc×nr: dest[panel·nr·kc + p·nr + column].
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PackB(bool transB, float* b, nint ldb, int p0, int kc, int j0, int nc, int nr, float* dest)
    {
        for (int j = 0; j < nc; j += nr, dest += (long)nr * kc)
        {
            int cols = Math.Min(nr, nc - j);
            if (transB) Transpose(b + (long)(j0 + j) * ldb + p0, ldb, cols, kc, nr, dest); // op(B)[p,q] = b[q·ldb + p]
            else CopyRuns(b + (long)p0 * ldb + j0 + j, ldb, kc, cols, nr, dest);          // op(B)[p,q] = b[p·ldb + q]
        }
    }

    // dest[p·width + q] = src[p·ld + q] for q < count, 0 for count ≤ q < width; p < runs.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void CopyRuns(float* src, nint ld, int runs, int count, int width, float* dest)
    {
        for (int p = 0; p < runs; p++, src += ld, dest += width)
        {
            int q = 0;
            if (Vector256.IsHardwareAccelerated)
                for (; q <= count - 8; q += 8) Vector256.Store(Vector256.Load(src + q), dest + q);
            if (Vector128.IsHardwareAccelerated)
                for (; q <= count - 4; q += 4) Vector128.Store(Vector128.Load(src + q), dest + q);
            for (; q < count; q++) dest[q] = src[q];
            for (; q < width; q++) dest[q] = 0f;
        }
    }

    // dest[p·width + r] = src[r·ld + p] for r < rows, 0 for rows ≤ r < width; p < length.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Transpose(float* src, nint ld, int rows, int length, int width, float* dest)
    {
        int r = 0;
        if (Avx.IsSupported)
            for (; r <= rows - 8; r += 8)
            {
                float* block = src + r * ld;
                int p = 0;
                for (; p <= length - 8; p += 8) Transpose8x8(block + p, ld, dest + (long)p * width + r, width);
                for (; p < length; p++)
                    for (int q = 0; q < 8; q++) dest[(long)p * width + r + q] = block[q * ld + p];
            }
        for (; r < rows; r++)
        {
            float* row = src + r * ld;
            for (int p = 0; p < length; p++) dest[(long)p * width + r] = row[p];
        }
        if (rows < width)
            for (int p = 0; p < length; p++)
                for (int q = rows; q < width; q++) dest[(long)p * width + q] = 0f;
    }

    // Eight rows of eight floats -> eight columns: the unpack / shuffle / lane-swap ladder.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose8x8(float* src, nint ld, float* dest, nint destLd)
    {
        var r0 = Avx.LoadVector256(src);
        var r1 = Avx.LoadVector256(src + ld);
        var r2 = Avx.LoadVector256(src + 2 * ld);
        var r3 = Avx.LoadVector256(src + 3 * ld);
        var r4 = Avx.LoadVector256(src + 4 * ld);
        var r5 = Avx.LoadVector256(src + 5 * ld);
        var r6 = Avx.LoadVector256(src + 6 * ld);
        var r7 = Avx.LoadVector256(src + 7 * ld);
        // Interleave pairs of rows: t0 = r0[0] r1[0] r0[1] r1[1] | r0[4] r1[4] r0[5] r1[5].
        var t0 = Avx.UnpackLow(r0, r1); var t1 = Avx.UnpackHigh(r0, r1);
        var t2 = Avx.UnpackLow(r2, r3); var t3 = Avx.UnpackHigh(r2, r3);
        var t4 = Avx.UnpackLow(r4, r5); var t5 = Avx.UnpackHigh(r4, r5);
        var t6 = Avx.UnpackLow(r6, r7); var t7 = Avx.UnpackHigh(r6, r7);
        // Gather quads: s0 = column 0 of rows 0..3 | column 4 of rows 0..3.
        var s0 = Avx.Shuffle(t0, t2, 0x44); var s1 = Avx.Shuffle(t0, t2, 0xEE);
        var s2 = Avx.Shuffle(t1, t3, 0x44); var s3 = Avx.Shuffle(t1, t3, 0xEE);
        var s4 = Avx.Shuffle(t4, t6, 0x44); var s5 = Avx.Shuffle(t4, t6, 0xEE);
        var s6 = Avx.Shuffle(t5, t7, 0x44); var s7 = Avx.Shuffle(t5, t7, 0xEE);
        // Join 128-bit halves: low halves give columns 0..3, high halves columns 4..7.
        Avx.Store(dest, Avx.Permute2x128(s0, s4, 0x20));
        Avx.Store(dest + destLd, Avx.Permute2x128(s1, s5, 0x20));
        Avx.Store(dest + 2 * destLd, Avx.Permute2x128(s2, s6, 0x20));
        Avx.Store(dest + 3 * destLd, Avx.Permute2x128(s3, s7, 0x20));
        Avx.Store(dest + 4 * destLd, Avx.Permute2x128(s0, s4, 0x31));
        Avx.Store(dest + 5 * destLd, Avx.Permute2x128(s1, s5, 0x31));
        Avx.Store(dest + 6 * destLd, Avx.Permute2x128(s2, s6, 0x31));
        Avx.Store(dest + 7 * destLd, Avx.Permute2x128(s3, s7, 0x31));
    }
}
