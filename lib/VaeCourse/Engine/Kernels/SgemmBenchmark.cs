using System.Diagnostics;

namespace MiniTorch.Kernels;

/// <summary>A GEMM shape: C (m×n) = op(A) (m×k) · op(B) (k×n), named after the layer step it comes from.</summary>
internal readonly record struct SgemmShape(string Name, int M, int N, int K, bool TransA, bool TransB)
{
    /// <summary>Multiply-adds count as two flops: 2·m·n·k.</summary>
    public double Flops => 2.0 * M * N * K;

    /// <summary>"128×400×784 A·Bᵀ".</summary>
    public override string ToString() => $"{M}×{N}×{K} {(TransA ? "Aᵀ" : "A")}·{(TransB ? "Bᵀ" : "B")}";
}

/// <summary>What <see cref="SgemmBenchmark.Measure"/> found for one shape at one thread count.</summary>
/// <param name="Shape">The shape measured.</param>
/// <param name="Threads">Threads the GEMM was allowed to use.</param>
/// <param name="Path">The micro-kernel path that ran.</param>
/// <param name="Runs">Timed runs (after warm-up); each run repeats the GEMM <paramref name="CallsPerRun"/> times.</param>
/// <param name="CallsPerRun">GEMM calls per run, chosen so that a run lasts long enough to time.</param>
/// <param name="MedianGflops">Median over runs of GFLOP/s (2·m·n·k per call).</param>
/// <param name="MinGflops">Slowest run.</param>
/// <param name="MaxGflops">Fastest run.</param>
/// <param name="MedianMicroseconds">Median time of one GEMM call.</param>
internal sealed record SgemmBenchmarkResult(SgemmShape Shape, int Threads, SgemmPath Path, int Runs, int CallsPerRun,
    double MedianGflops, double MinGflops, double MaxGflops, double MedianMicroseconds);

/// <summary>Measures <see cref="Sgemm"/> speed (for <c>vae bench</c>); writes nothing anywhere.</summary>
internal static class SgemmBenchmark
{
    /// <summary>
    /// The GEMMs of one training step of an MLP VAE (input → hidden → latent, and back), batch rows at a time:
    /// forward y = x·Wᵀ (W stored out×in), backward dX = dY·W and dW = dYᵀ·X. The mean and log-variance heads
    /// share one shape, listed once.
    /// </summary>
    public static IReadOnlyList<SgemmShape> VaeShapes(int batch = 128, int input = 784, int hidden = 400, int latent = 20)
    {
        if (batch < 1 || input < 1 || hidden < 1 || latent < 1)
            Check.Fail("sgemm benchmark", $"sizes must be positive, got batch={batch}, input={input}, hidden={hidden}, latent={latent}");
        (string Layer, int In, int Out)[] layers =
            [("encoder fc1", input, hidden), ("encoder mu/logvar", hidden, latent), ("decoder fc3", latent, hidden), ("decoder fc4", hidden, input)];
        var shapes = new List<SgemmShape>();
        foreach (var (layer, inFeatures, outFeatures) in layers)
            shapes.Add(new($"{layer} forward x·Wᵀ", batch, outFeatures, inFeatures, false, true));
        foreach (var (layer, inFeatures, outFeatures) in layers)
            shapes.Add(new($"{layer} backward dX = dY·W", batch, inFeatures, outFeatures, false, false));
        foreach (var (layer, inFeatures, outFeatures) in layers)
            shapes.Add(new($"{layer} backward dW = dYᵀ·X", outFeatures, inFeatures, batch, true, false));
        return shapes;
    }

    /// <summary>
    /// Times <paramref name="shape"/> on <paramref name="threads"/> threads: warm-up calls, then
    /// <paramref name="runs"/> timed runs of enough calls to last about <paramref name="secondsPerRun"/> each;
    /// reports the median. Parallelism.Threads is restored afterwards.
    /// </summary>
    public static SgemmBenchmarkResult Measure(SgemmShape shape, int threads, int runs = 9, double secondsPerRun = 0.02)
    {
        if (shape.M < 1 || shape.N < 1 || shape.K < 1)
            Check.Fail("sgemm benchmark", $"{shape}: sizes must be positive");
        if (threads < 1) Check.Fail("sgemm benchmark", $"expected at least 1 thread, got {threads}");
        if (runs < 1) Check.Fail("sgemm benchmark", $"expected at least 1 run, got {runs}");
        if (!(secondsPerRun > 0)) Check.Fail("sgemm benchmark", $"expected a positive time per run, got {secondsPerRun}");

        var (m, n, k, transA, transB) = (shape.M, shape.N, shape.K, shape.TransA, shape.TransB);
        var random = new Random(12345);
        float[] a = RandomMatrix(random, m * k), b = RandomMatrix(random, k * n), c = new float[m * n];
        int lda = transA ? m : k, ldb = transB ? k : n;
        void Call() => Sgemm.Multiply(transA, transB, m, n, k, a, 0, lda, b, 0, ldb, c, 0, n, accumulate: false);

        int saved = Parallelism.Threads;
        try
        {
            Parallelism.Threads = threads;
            // Warm-up: fills the packing buffers and the caches, and sizes a run from the fastest call seen.
            var clock = Stopwatch.StartNew();
            double fastest = double.MaxValue;
            for (int call = 0; call < 3 || clock.Elapsed.TotalSeconds < secondsPerRun; call++)
            {
                long start = Stopwatch.GetTimestamp();
                Call();
                fastest = Math.Min(fastest, Stopwatch.GetElapsedTime(start).TotalSeconds);
            }
            int callsPerRun = (int)Math.Clamp(secondsPerRun / Math.Max(fastest, 1e-9), 1, 1_000_000);

            var seconds = new double[runs];
            for (int run = 0; run < runs; run++)
            {
                long start = Stopwatch.GetTimestamp();
                for (int call = 0; call < callsPerRun; call++) Call();
                seconds[run] = Stopwatch.GetElapsedTime(start).TotalSeconds / callsPerRun;
            }
            Array.Sort(seconds);
            double median = runs % 2 == 1 ? seconds[runs / 2] : (seconds[runs / 2 - 1] + seconds[runs / 2]) / 2;
            double gflops(double s) => shape.Flops / s / 1e9;
            return new SgemmBenchmarkResult(shape, threads, Sgemm.Resolve(Sgemm.ForcedPath), runs, callsPerRun,
                gflops(median), gflops(seconds[^1]), gflops(seconds[0]), median * 1e6);
        }
        finally
        {
            Parallelism.Threads = saved;
        }
    }

    private static float[] RandomMatrix(Random random, int length)
    {
        var values = new float[length];
        for (int i = 0; i < values.Length; i++) values[i] = (float)(random.NextDouble() * 2 - 1);
        return values;
    }
}
