using MiniTorch;
using MiniTorch.Kernels;
using MiniTorch.Memory;

namespace Vae.Cli.Bench;

/// <summary>One timed epoch of one model.</summary>
/// <param name="WallSeconds">Elapsed time of the epoch.</param>
/// <param name="CpuSeconds">Process CPU time during the epoch (all threads).</param>
/// <param name="Families">The training thread's time split by op family.</param>
/// <param name="HeapMegabytes">Managed heap still alive after the epoch (after a full collection, not counted in any epoch).</param>
/// <param name="AllocatedMegabytes">Managed bytes allocated during the epoch, all threads.</param>
/// <param name="Gen0">Gen-0 collections during the epoch.</param>
/// <param name="Gen1">Gen-1 collections during the epoch.</param>
/// <param name="Gen2">Gen-2 (full) collections during the epoch.</param>
/// <param name="LossPerImage">Training loss per image over the epoch (a checksum: fixed for a seed and thread count).</param>
internal sealed record EpochMeasurement(double WallSeconds, double CpuSeconds, OpFamilyTimes Families,
    double HeapMegabytes, double AllocatedMegabytes, int Gen0, int Gen1, int Gen2, double LossPerImage);

/// <summary>Everything measured for one model.</summary>
/// <param name="Model">The model.</param>
/// <param name="Threads">Engine threads.</param>
/// <param name="Epochs">The timed epochs, in order.</param>
/// <param name="PeakRssMegabytes">Peak resident set (data set included), or null when unknown.</param>
/// <param name="PeakIsPerModel">True when the peak was restarted before this model (Linux), false when it counts from process start.</param>
/// <param name="Pool">What the engine's buffer pool did for this model.</param>
internal sealed record ModelMeasurement(BenchModel Model, int Threads, IReadOnlyList<EpochMeasurement> Epochs,
    double? PeakRssMegabytes, bool PeakIsPerModel, BufferPoolStatistics Pool);

/// <summary>A GEMM shape timed at one and at <c>--threads</c> threads.</summary>
internal sealed record GemmMeasurement(SgemmShape Shape, SgemmBenchmarkResult OneThread, SgemmBenchmarkResult? Threaded);

/// <summary>The whole run.</summary>
/// <param name="Machine">The machine description line.</param>
/// <param name="Data">Where the images came from.</param>
/// <param name="Images">Training images per epoch.</param>
/// <param name="Settings">The settings used.</param>
/// <param name="Models">Per-model measurements.</param>
/// <param name="Gemm">The GEMM table.</param>
/// <param name="RssAfterLoadMegabytes">Resident set once the data was loaded, before training.</param>
internal sealed record BenchResults(string Machine, string Data, long Images, BenchSettings Settings,
    IReadOnlyList<ModelMeasurement> Models, IReadOnlyList<GemmMeasurement> Gemm, double? RssAfterLoadMegabytes);
