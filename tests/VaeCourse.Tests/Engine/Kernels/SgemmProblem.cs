using MiniTorch.Kernels;

namespace VaeCourse.Tests.Engine.Kernels;

/// <summary>
/// One GEMM test case: operands at random offsets with leading dimensions wider than the matrices, C inside a
/// larger array whose other elements must survive, and an independent double-precision triple-loop reference.
/// </summary>
internal sealed class SgemmProblem
{
    private const double UnitRoundoff = 1.0 / (1 << 24);

    private readonly float[] _initialC;

    private SgemmProblem(bool transA, bool transB, int m, int n, int k, bool accumulate, Random random)
    {
        (TransA, TransB, M, N, K, Accumulate) = (transA, transB, m, n, k, accumulate);
        // Stored shapes: A is m×k (k×m when transposed), B is k×n (n×k when transposed).
        int aRows = transA ? k : m, aCols = transA ? m : k, bRows = transB ? n : k, bCols = transB ? k : n;
        (AOffset, Lda) = (random.Next(0, 5), aCols + random.Next(0, 7));
        (BOffset, Ldb) = (random.Next(0, 5), bCols + random.Next(0, 7));
        (COffset, Ldc) = (random.Next(0, 5), n + random.Next(0, 7));
        A = Fill(random, AOffset + aRows * Lda + 3);
        B = Fill(random, BOffset + bRows * Ldb + 3);
        C = Fill(random, COffset + m * Ldc + 3);
        _initialC = (float[])C.Clone();
    }

    public bool TransA { get; }
    public bool TransB { get; }
    public int M { get; }
    public int N { get; }
    public int K { get; }
    public bool Accumulate { get; }
    public float[] A { get; }
    public float[] B { get; }
    public float[] C { get; }
    public int AOffset { get; }
    public int Lda { get; }
    public int BOffset { get; }
    public int Ldb { get; }
    public int COffset { get; }
    public int Ldc { get; }

    public static SgemmProblem Create(Random random, bool transA, bool transB, int m, int n, int k, bool accumulate)
        => new(transA, transB, m, n, k, accumulate, random);

    /// <summary>op(A)[i, p], read straight from the stored layout.</summary>
    public float OpA(int i, int p) => TransA ? A[AOffset + p * Lda + i] : A[AOffset + i * Lda + p];

    /// <summary>op(B)[p, j].</summary>
    public float OpB(int p, int j) => TransB ? B[BOffset + j * Ldb + p] : B[BOffset + p * Ldb + j];

    /// <summary>Runs Sgemm on this problem (C changes in place).</summary>
    public void Run(int? maxThreads = null)
    {
        if (maxThreads is int threads)
            Sgemm.Multiply(TransA, TransB, M, N, K, A, AOffset, Lda, B, BOffset, Ldb, C, COffset, Ldc, Accumulate, threads);
        else
            Sgemm.Multiply(TransA, TransB, M, N, K, A, AOffset, Lda, B, BOffset, Ldb, C, COffset, Ldc, Accumulate);
    }

    /// <summary>
    /// Null when C matches the reference within float rounding and nothing outside C's window changed; otherwise
    /// a description of the first difference. The tolerance is the worst-case bound of a k-term float sum,
    /// (k + 2)·u·(Σ|a||b| + |c|): no false alarms, yet far below the size of any one product.
    /// </summary>
    public string? FirstMismatch()
    {
        for (int index = 0; index < C.Length; index++)
        {
            int i = (index - COffset) / Ldc, j = (index - COffset) % Ldc;
            bool inside = index >= COffset && i < M && j < N;
            if (!inside && BitConverter.SingleToInt32Bits(C[index]) != BitConverter.SingleToInt32Bits(_initialC[index]))
                return $"{Describe()}: element {index} outside C changed from {_initialC[index]} to {C[index]}";
        }
        for (int i = 0; i < M; i++)
            for (int j = 0; j < N; j++)
            {
                double expected = Accumulate ? _initialC[COffset + i * Ldc + j] : 0.0;
                double magnitude = Math.Abs(expected);
                for (int p = 0; p < K; p++)
                {
                    double product = (double)OpA(i, p) * OpB(p, j);
                    expected += product;
                    magnitude += Math.Abs(product);
                }
                double actual = C[COffset + i * Ldc + j];
                double tolerance = (K + 2) * UnitRoundoff * magnitude;
                if (!(Math.Abs(actual - expected) <= tolerance))
                    return $"{Describe()}: C[{i},{j}] = {actual}, expected {expected} ± {tolerance}";
            }
        return null;
    }

    public void AssertMatchesReference()
    {
        string? mismatch = FirstMismatch();
        Assert.True(mismatch is null, mismatch);
    }

    private string Describe()
        => $"{(TransA ? "Aᵀ" : "A")}·{(TransB ? "Bᵀ" : "B")} m={M} n={N} k={K} accumulate={Accumulate} " +
           $"path={Sgemm.ForcedPath} offsets=({AOffset},{BOffset},{COffset}) ld=({Lda},{Ldb},{Ldc})";

    private static float[] Fill(Random random, int length)
    {
        var values = new float[length];
        for (int i = 0; i < length; i++) values[i] = (float)(random.NextDouble() * 2 - 1);
        return values;
    }
}
