using System.Diagnostics;
using MiniTorch;
using MiniTorch.Kernels;
using MiniTorch.Memory;
using VaeCourse.Data;
using VaeCourse.Training;
using static MiniTorch.torch;

namespace Vae.Cli.Bench;

/// <summary>Runs the measurements of <c>vae bench</c>; reports progress lines through a callback, never to the console.</summary>
internal static class BenchRunner
{
    public static BenchResults Run(BenchSettings settings, Action<string> progress)
    {
        string machine = MachineInfo.Describe();
        var (images, data) = LoadImages(settings);
        // The loader's temporary arrays are garbage now: collect them so training starts from a settled heap.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        double? rssAfterLoad = MachineInfo.RssMegabytes();

        int savedThreads = get_num_threads();
        try
        {
            set_num_threads(settings.Threads);
            var models = new List<ModelMeasurement>();
            foreach (BenchModel model in settings.Models)
            {
                progress($"training {model.Key} ({model.Description}): {settings.WarmupEpochs} warm-up + {settings.Epochs} timed epochs on {settings.Threads} thread(s)");
                Tensor input = model.TakesImagePlanes ? images.view(images.size(0), 1, 28, 28) : images;
                models.Add(MeasureModel(model, input, settings, progress));
            }
            progress("timing the VAE's GEMM shapes");
            var gemm = MeasureGemm(settings);
            return new BenchResults(machine, data, images.size(0), settings, models, gemm, rssAfterLoad);
        }
        finally
        {
            set_num_threads(savedThreads);
        }
    }

    private static (Tensor Images, string Description) LoadImages(BenchSettings settings)
    {
        if (settings.SyntheticImages is int count)
        {
            var generator = new Generator(12345);
            return (rand(new long[] { count, 784 }, generator), $"{count} synthetic images (uniform random pixels), in memory");
        }
        var sources = DataSources.Default() with { Downloader = null };
        DatasetSplit split = Mnist.Load(MnistDataset.Mnist, Split.Train, settings.DataFolder, sources: sources);
        return (split.Images, $"MNIST training set, {split.Count} images of {split.Height}×{split.Width}, in memory (from {split.SourceFolder})");
    }

    private static ModelMeasurement MeasureModel(BenchModel spec, Tensor images, BenchSettings settings, Action<string> progress)
    {
        // Each model starts from an empty pool and a settled heap, so its memory figures are its own.
        BufferPool.Clear();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        bool peakReset = MachineInfo.ResetPeakRss();

        manual_seed(BenchSettings.Seed);
        nn.Module model = spec.Create();
        var optimizer = optim.Adam(model.parameters(), lr: BenchSettings.LearningRate);
        for (int w = 0; w < settings.WarmupEpochs; w++)
            TrainingEpoch.Run(model, optimizer, images, BenchSettings.BatchSize, beta: 1.0, null, CancellationToken.None);

        var epochs = new List<EpochMeasurement>();
        using var process = Process.GetCurrentProcess();
        for (int e = 0; e < settings.Epochs; e++)
        {
            int gen0 = GC.CollectionCount(0), gen1 = GC.CollectionCount(1), gen2 = GC.CollectionCount(2);
            long allocated = GC.GetTotalAllocatedBytes(precise: true);
            process.Refresh();
            TimeSpan cpu = process.TotalProcessorTime;
            Profiler.Start();
            long start = Stopwatch.GetTimestamp();
            TrainingEpoch.Sums sums = TrainingEpoch.Run(model, optimizer, images, BenchSettings.BatchSize, beta: 1.0, null, CancellationToken.None);
            double wall = Stopwatch.GetElapsedTime(start).TotalSeconds;
            OpFamilyTimes families = Profiler.Stop();
            process.Refresh();
            double cpuSeconds = (process.TotalProcessorTime - cpu).TotalSeconds;
            double allocatedMegabytes = (GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1048576.0;
            int collected0 = GC.CollectionCount(0) - gen0, collected1 = GC.CollectionCount(1) - gen1, collected2 = GC.CollectionCount(2) - gen2;
            // What is still alive once the epoch's garbage is gone (this full collection is not counted in any epoch):
            // the same number after every epoch means memory is steady.
            double liveMegabytes = GC.GetTotalMemory(forceFullCollection: true) / 1048576.0;
            var epoch = new EpochMeasurement(wall, cpuSeconds, families, liveMegabytes, allocatedMegabytes,
                collected0, collected1, collected2, sums.Loss / images.size(0));
            epochs.Add(epoch);
            progress($"  {spec.Key} epoch {e + 1}/{settings.Epochs}: {epoch.WallSeconds:F3} s");
        }
        return new ModelMeasurement(spec, settings.Threads, epochs, MachineInfo.PeakRssMegabytes(), peakReset, BufferPool.Statistics);
    }

    private static List<GemmMeasurement> MeasureGemm(BenchSettings settings)
    {
        int runs = settings.QuickGemm ? 3 : 9;
        double seconds = settings.QuickGemm ? 0.002 : 0.02;
        var table = new List<GemmMeasurement>();
        foreach (SgemmShape shape in SgemmBenchmark.VaeShapes(BenchSettings.BatchSize))
        {
            var one = SgemmBenchmark.Measure(shape, 1, runs, seconds);
            var threaded = settings.Threads > 1 ? SgemmBenchmark.Measure(shape, settings.Threads, runs, seconds) : null;
            table.Add(new GemmMeasurement(shape, one, threaded));
        }
        return table;
    }
}
