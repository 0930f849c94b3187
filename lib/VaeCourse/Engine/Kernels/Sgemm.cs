using System.Numerics;

namespace MiniTorch.Kernels;

/// <summary>
/// Single-precision GEMM on row-major matrices: C (m×n) = op(A) (m×k) · op(B) (k×n), or C += … when accumulating.
/// op(X) is X or Xᵀ; a transposed operand is stored as its untransposed shape with its own leading dimension.
/// </summary>
internal static class Sgemm
{
    public static void Multiply(bool transA, bool transB, int m, int n, int k,
        float[] a, int aOffset, int lda, float[] b, int bOffset, int ldb,
        float[] c, int cOffset, int ldc, bool accumulate)
    {
        // Simple reference-speed path: make both operands plain row-major, then rows of C as AXPYs.
        float[] aa = a; int aOff = aOffset, aLd = lda;
        if (transA) { aa = Transpose(a, aOffset, lda, k, m); aOff = 0; aLd = k; }
        float[] bb = b; int bOff = bOffset, bLd = ldb;
        if (transB) { bb = Transpose(b, bOffset, ldb, n, k); bOff = 0; bLd = n; }

        Parallelism.For(m, 8, (start, end) =>
        {
            int w = Vector<float>.Count;
            for (int i = start; i < end; i++)
            {
                Span<float> ci = c.AsSpan(cOffset + i * ldc, n);
                if (!accumulate) ci.Clear();
                for (int p = 0; p < k; p++)
                {
                    float av = aa[aOff + i * aLd + p];
                    if (av == 0f) continue;
                    ReadOnlySpan<float> bp = bb.AsSpan(bOff + p * bLd, n);
                    var va = new Vector<float>(av);
                    int j = 0;
                    for (; j <= n - w; j += w)
                        (new Vector<float>(ci.Slice(j)) + va * new Vector<float>(bp.Slice(j))).CopyTo(ci.Slice(j));
                    for (; j < n; j++) ci[j] += av * bp[j];
                }
            }
        });
    }

    // rows×cols stored with leading dimension ld -> cols×rows contiguous.
    private static float[] Transpose(float[] x, int offset, int ld, int rows, int cols)
    {
        var t = new float[rows * cols];
        for (int r = 0; r < rows; r++)
            for (int q = 0; q < cols; q++)
                t[q * rows + r] = x[offset + r * ld + q];
        return t;
    }
}
