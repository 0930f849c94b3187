using MiniTorch.Kernels;

namespace VaeCourse.Tests.Engine.Kernels;

/// <summary>
/// Sgemm against a triple loop in double precision: every path, the four transpose cases, offsets, leading
/// dimensions wider than the matrices, odd sizes that cut across tiles and blocks, and bit-identity across thread
/// counts and paths.
/// </summary>
[Collection(SgemmCollection.Name)]
public class SgemmTests
{
    // Sizes that fall on, just off and across the tile sizes (16×16, 6×16, 8×8, 4×4) and the k block (256).
    private static readonly (int M, int N, int K)[] Shapes =
    [
        (1, 1, 1), (2, 7, 15), (7, 2, 1), (16, 16, 16), (17, 15, 31), (15, 17, 33), (31, 33, 7),
        (33, 31, 63), (63, 65, 2), (65, 63, 17), (1, 257, 65), (257, 1, 127), (2, 129, 129),
        (129, 2, 255), (127, 33, 257), (33, 127, 256), (255, 16, 16), (16, 255, 1), (257, 65, 15), (9, 513, 33),
    ];

    // Paths go by name: SgemmPath is internal and test method signatures are public.
    public static TheoryData<string, bool, bool> PathsAndTransposes()
    {
        var data = new TheoryData<string, bool, bool>();
        foreach (string path in new[] { nameof(SgemmPath.Vector512), nameof(SgemmPath.Vector256), nameof(SgemmPath.Vector128), nameof(SgemmPath.Scalar) })
            foreach (bool transA in new[] { false, true })
                foreach (bool transB in new[] { false, true })
                    data.Add(path, transA, transB);
        return data;
    }

    [Theory]
    [MemberData(nameof(PathsAndTransposes))]
    public void Every_path_matches_a_double_precision_triple_loop(string pathName, bool transA, bool transB)
    {
        var path = Enum.Parse<SgemmPath>(pathName);
        if (!Sgemm.IsSupported(path)) return; // this CPU cannot run the path; Auto is covered by the others
        using var forced = Force(path);
        var random = new Random((int)path * 4 + (transA ? 2 : 0) + (transB ? 1 : 0)); // fixed seeds: reproducible cases
        foreach (var (m, n, k) in Shapes)
            foreach (bool accumulate in new[] { false, true })
            {
                var problem = SgemmProblem.Create(random, transA, transB, m, n, k, accumulate);
                problem.Run();
                problem.AssertMatchesReference();
            }
    }

    [Fact]
    public void The_check_rejects_a_result_missing_a_single_product()
    {
        // The tolerance is tight: leaving out one ordinary term (|a·b| > 0.05) of k = 257 must be caught.
        var problem = SgemmProblem.Create(new Random(7), false, true, 9, 11, 257, accumulate: false);
        problem.Run();
        Assert.Null(problem.FirstMismatch());
        int i = 4, j = 5;
        int p = Enumerable.Range(0, problem.K).First(q => Math.Abs(problem.OpA(i, q) * problem.OpB(q, j)) > 0.05f);
        problem.C[problem.COffset + i * problem.Ldc + j] -= problem.OpA(i, p) * problem.OpB(p, j);
        Assert.NotNull(problem.FirstMismatch());
    }

    [Theory]
    [InlineData(false, true, 128, 400, 784)] // encoder x @ Wᵀ
    [InlineData(false, false, 130, 300, 200)] // dX = dY @ W, odd sizes
    [InlineData(true, false, 400, 130, 128)] // dW = dYᵀ @ X, split along m
    [InlineData(true, true, 61, 517, 259)]
    [InlineData(false, false, 37, 45, 15000)] // shared operand over its budget: two super-blocks
    [InlineData(true, true, 45, 37, 15000)]
    public void Results_are_bit_identical_for_any_thread_count(bool transA, bool transB, int m, int n, int k)
    {
        int saved = Parallelism.Threads;
        try
        {
            Parallelism.Threads = 2; // let workers really run side by side
            var one = SgemmProblem.Create(new Random(3), transA, transB, m, n, k, accumulate: true);
            one.Run(maxThreads: 1);
            one.AssertMatchesReference();
            foreach (int threads in new[] { 2, 3, 7 })
            {
                var other = SgemmProblem.Create(new Random(3), transA, transB, m, n, k, accumulate: true);
                other.Run(maxThreads: threads);
                Assert.True(one.C.AsSpan().SequenceEqual(other.C), $"{threads} threads differ from 1 thread");
            }
        }
        finally
        {
            Parallelism.Threads = saved;
        }
    }

    [Theory]
    [InlineData(false, true, 37, 45, 300)]
    [InlineData(true, false, 45, 37, 513)]
    public void Every_path_gives_the_same_bits(bool transA, bool transB, int m, int n, int k)
    {
        float[]? first = null;
        foreach (var path in new[] { SgemmPath.Vector512, SgemmPath.Vector256, SgemmPath.Vector128, SgemmPath.Scalar })
        {
            if (!Sgemm.IsSupported(path)) continue;
            using var forced = Force(path);
            var problem = SgemmProblem.Create(new Random(5), transA, transB, m, n, k, accumulate: true);
            problem.Run();
            problem.AssertMatchesReference();
            first ??= problem.C;
            Assert.True(first.AsSpan().SequenceEqual(problem.C), $"{path} differs from the first path");
        }
    }

    [Fact]
    public void Empty_k_clears_or_keeps_c()
    {
        float[] c = [1, 2, 3, 4, 5, 6];
        Sgemm.Multiply(false, false, 2, 2, 0, [], 0, 1, [], 0, 2, c, 1, 3, accumulate: true);
        Assert.Equal([1f, 2, 3, 4, 5, 6], c);
        Sgemm.Multiply(false, false, 2, 2, 0, [], 0, 1, [], 0, 2, c, 1, 3, accumulate: false);
        Assert.Equal([1f, 0, 0, 4, 0, 0], c);
    }

    [Fact]
    public void Bad_arguments_are_reported_with_the_operand_and_sizes()
    {
        float[] a = new float[6], b = new float[6], c = new float[4];
        var tooNarrow = Assert.Throws<ArgumentException>(() =>
            Sgemm.Multiply(false, false, 2, 2, 3, a, 0, 2, b, 0, 2, c, 0, 2, false));
        Assert.Contains("sgemm: A is 2×3: leading dimension 2 is less than its 3 columns", tooNarrow.Message);
        var tooShort = Assert.Throws<ArgumentException>(() =>
            Sgemm.Multiply(false, true, 2, 2, 3, a, 0, 3, b, 1, 3, c, 0, 2, false));
        Assert.Contains("B (stored transposed) is 2×3 with offset 1 and leading dimension 3: needs 7 elements, the array has 6", tooShort.Message);
        var overlapping = Assert.Throws<ArgumentException>(() =>
            Sgemm.Multiply(false, false, 2, 2, 2, c, 0, 2, b, 0, 2, c, 0, 2, false));
        Assert.Contains("C overlaps A or B", overlapping.Message);
        Assert.Throws<ArgumentException>(() => Sgemm.Multiply(false, false, -1, 2, 2, a, 0, 2, b, 0, 2, c, 0, 2, false));
    }

    private static Restore Force(SgemmPath path)
    {
        var saved = Sgemm.ForcedPath;
        Sgemm.ForcedPath = path;
        return new Restore(() => Sgemm.ForcedPath = saved);
    }

    private sealed class Restore(Action undo) : IDisposable
    {
        public void Dispose() => undo();
    }
}
