using MiniTorch.Kernels;

namespace VaeCourse.Tests.Engine.Kernels;

[Collection(SgemmCollection.Name)]
public class SgemmBenchmarkTests
{
    [Fact]
    public void Vae_shapes_follow_the_layers_of_a_784_400_20_vae()
    {
        var shapes = SgemmBenchmark.VaeShapes(batch: 128);
        Assert.Equal(12, shapes.Count);
        // Forward x·Wᵀ with W stored out×in: m = batch, n = out, k = in, B transposed.
        Assert.Contains(shapes, s => s is { M: 128, N: 400, K: 784, TransA: false, TransB: true });
        Assert.Contains(shapes, s => s is { M: 128, N: 784, K: 400, TransA: false, TransB: true });
        // dX = dY·W: m = batch, n = in, k = out.
        Assert.Contains(shapes, s => s is { M: 128, N: 20, K: 400, TransA: false, TransB: false });
        // dW = dYᵀ·X: m = out, n = in, k = batch, A transposed.
        Assert.Contains(shapes, s => s is { M: 20, N: 400, K: 128, TransA: true, TransB: false });
        Assert.Contains(shapes, s => s is { M: 784, N: 400, K: 128, TransA: true, TransB: false });
        Assert.Equal(2.0 * 128 * 400 * 784, shapes.Single(s => s is { M: 128, N: 400, K: 784, TransB: true }).Flops);
    }

    [Fact]
    public void Measure_reports_a_consistent_median_and_restores_the_thread_count()
    {
        int saved = Parallelism.Threads;
        var shape = new SgemmShape("test", 33, 47, 65, true, false);
        var result = SgemmBenchmark.Measure(shape, threads: 1, runs: 5, secondsPerRun: 0.002);
        Assert.Equal(saved, Parallelism.Threads);
        Assert.Equal((shape, 1, 5, Sgemm.Resolve(SgemmPath.Auto)), (result.Shape, result.Threads, result.Runs, result.Path));
        Assert.True(result.CallsPerRun >= 1);
        Assert.InRange(result.MedianGflops, result.MinGflops, result.MaxGflops);
        Assert.True(result.MinGflops > 0);
        // GFLOP/s and time describe the same median: flops / (µs·1e3) = GFLOP/s.
        Assert.Equal(shape.Flops / (result.MedianMicroseconds * 1e3), result.MedianGflops, tolerance: 1e-9 * result.MedianGflops);
    }

    [Fact]
    public void Measure_rejects_nonsense()
    {
        var shape = new SgemmShape("test", 4, 4, 4, false, false);
        Assert.Contains("at least 1 thread", Assert.Throws<ArgumentException>(() => SgemmBenchmark.Measure(shape, 0)).Message);
        Assert.Contains("at least 1 run", Assert.Throws<ArgumentException>(() => SgemmBenchmark.Measure(shape, 1, runs: 0)).Message);
        Assert.Contains("sizes must be positive",
            Assert.Throws<ArgumentException>(() => SgemmBenchmark.Measure(shape with { K = 0 }, 1)).Message);
    }
}
