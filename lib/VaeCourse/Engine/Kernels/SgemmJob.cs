using System.Runtime.CompilerServices;

namespace MiniTorch.Kernels;

/// <summary>
/// One <see cref="Sgemm"/> call: its operands, path and blocking, and the blocked loops that run any rectangle of C.
/// </summary>
internal sealed unsafe class SgemmJob(SgemmPath path, bool transA, bool transB, int k,
    float[] a, int aOffset, int lda, float[] b, int bOffset, int ldb,
    float[] c, int cOffset, int ldc, bool accumulate)
{
    /// <summary>Rows of C per micro-kernel tile.</summary>
    public int Mr { get; } = path switch { SgemmPath.Vector512 => 8, SgemmPath.Vector256 => 6, _ => 4 };

    /// <summary>Columns of C per micro-kernel tile.</summary>
    public int Nr { get; } = path switch { SgemmPath.Vector512 => 32, SgemmPath.Vector256 => 16, _ => 4 };

    // Rows of op(A) packed at a time: the mc×kc block stays in L2 while the whole B block passes over it.
    private int Mc => SgemmTuning.Mc / Mr * Mr;

    // Columns of op(B) packed at a time: the kc×nc block is what the micro-panels of A stream against.
    private int Nc => SgemmTuning.Nc / Nr * Nr;

    /// <summary>Computes rows [rowStart, rowEnd) × columns [colStart, colEnd) of C on the calling thread.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Run(int rowStart, int rowEnd, int colStart, int colEnd)
    {
        int mr = Mr, nr = Nr, mcMax = Mc, ncMax = Nc;
        var workspace = SgemmWorkspace.ForCurrentThread(mcMax * Sgemm.KcMax, Sgemm.KcMax * ncMax, mr * nr);
        int kBlocks = (k + Sgemm.KcMax - 1) / Sgemm.KcMax;
        fixed (float* aBase = a, bBase = b, cBase = c)
        {
            float* aStart = aBase + aOffset, bStart = bBase + bOffset, cStart = cBase + cOffset;
            for (int jc = colStart; jc < colEnd; jc += ncMax)
            {
                int nc = Math.Min(ncMax, colEnd - jc);
                for (int kb = 0; kb < kBlocks; kb++)
                {
                    // Block bounds depend on k alone, so every path and thread count rounds alike.
                    int p0 = (int)((long)k * kb / kBlocks), kc = (int)((long)k * (kb + 1) / kBlocks) - p0;
                    bool add = accumulate || kb > 0;
                    SgemmPacking.PackB(transB, bStart, ldb, p0, kc, jc, nc, nr, workspace.B);
                    for (int ic = rowStart; ic < rowEnd; ic += mcMax)
                    {
                        int mc = Math.Min(mcMax, rowEnd - ic);
                        SgemmPacking.PackA(transA, aStart, lda, ic, mc, p0, kc, mr, workspace.A);
                        MacroKernel(kc, mc, nc, workspace.A, workspace.B, cStart + (long)ic * ldc + jc, add, workspace.Tile);
                    }
                }
            }
        }
    }

    // All tiles of an mc×nc block of C from packed A (mc×kc) and packed B (kc×nc).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void MacroKernel(int kc, int mc, int nc, float* packedA, float* packedB, float* cBlock, bool add, float* tile)
    {
        int mr = Mr, nr = Nr;
        for (int jr = 0; jr < nc; jr += nr)
        {
            int cols = Math.Min(nr, nc - jr);
            float* bPanel = packedB + (long)jr * kc;
            for (int ir = 0; ir < mc; ir += mr)
            {
                int rows = Math.Min(mr, mc - ir);
                float* aPanel = packedA + (long)ir * kc;
                float* cTile = cBlock + (long)ir * ldc + jr;
                if (rows == mr && cols == nr)
                {
                    Tile(kc, aPanel, bPanel, cTile, ldc, add);
                    continue;
                }
                // Edge tile: the padded tile goes to a scratch tile, then its valid corner to C, with the same
                // "C = sum" or "C = C + sum" that a full tile does.
                Tile(kc, aPanel, bPanel, tile, nr, add: false);
                for (int i = 0; i < rows; i++)
                {
                    float* src = tile + i * nr, dst = cTile + (long)i * ldc;
                    if (add) for (int j = 0; j < cols; j++) dst[j] += src[j];
                    else for (int j = 0; j < cols; j++) dst[j] = src[j];
                }
            }
        }
    }

    private void Tile(int kc, float* aPanel, float* bPanel, float* cTile, nint ldcTile, bool add)
    {
        switch (path)
        {
            case SgemmPath.Vector512: SgemmMicroKernel.Vector512Tile8x32(kc, aPanel, bPanel, cTile, ldcTile, add); break;
            case SgemmPath.Vector256: SgemmMicroKernel.Vector256Tile6x16(kc, aPanel, bPanel, cTile, ldcTile, add); break;
            default: SgemmMicroKernel.ScalarTile4x4(kc, aPanel, bPanel, cTile, ldcTile, add); break;
        }
    }
}
