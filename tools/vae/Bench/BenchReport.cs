using System.Globalization;
using MiniTorch;

namespace Vae.Cli.Bench;

/// <summary>
/// Writes <c>vae bench</c>'s plain-text report. The format is stable (docs/perf.md records it): sections start with a
/// line ending in ':' at column 0, tables have one header row, cells are separated by two or more spaces, numbers use
/// '.' as decimal point and carry no units (the header names them).
/// </summary>
internal static class BenchReport
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    private static readonly (OpFamily Family, string Name)[] Families =
    [
        (OpFamily.Gemm, "gemm"), (OpFamily.Elementwise, "elementwise"), (OpFamily.Loss, "loss"),
        (OpFamily.Optimizer, "optimizer"), (OpFamily.Batching, "batching"), (OpFamily.Other, "other"),
    ];

    public static void Write(BenchResults r, TextWriter o)
    {
        var s = r.Settings;
        o.WriteLine("vae bench:");
        o.WriteLine($"machine   {r.Machine}");
        o.WriteLine($"data      {r.Data}");
        o.WriteLine($"epoch     one pass over {r.Images} images, batch {BenchSettings.BatchSize}, Adam lr {F(BenchSettings.LearningRate, "G")}, " +
                    $"no test pass; {s.WarmupEpochs} untimed warm-up epoch(s) first; threads {s.Threads}");
        o.WriteLine();

        o.WriteLine("epoch time (seconds):");
        Table(o, ["model", "threads", "epochs", "median", "min", "max", "cpu/epoch", "images/s", "loss/image"],
            r.Models.Select(m =>
            {
                double median = Median(m.Epochs.Select(e => e.WallSeconds));
                return new[]
                {
                    m.Model.Key, I(m.Threads), I(m.Epochs.Count), F(median, "F3"), F(m.Epochs.Min(e => e.WallSeconds), "F3"),
                    F(m.Epochs.Max(e => e.WallSeconds), "F3"), F(Median(m.Epochs.Select(e => e.CpuSeconds)), "F3"),
                    F(r.Images / median, "F0"), F(m.Epochs[^1].LossPerImage, "F4"),
                };
            }));
        o.WriteLine();

        o.WriteLine("time by op family (seconds per epoch, mean of the timed epochs; % of the epoch):");
        var header = new List<string> { "family" };
        foreach (var m in r.Models) header.AddRange([m.Model.Key, "%"]);
        Table(o, header, Families.Select(f =>
        {
            var row = new List<string> { f.Name };
            foreach (var m in r.Models)
            {
                double seconds = m.Epochs.Average(e => e.Families[f.Family]);
                double total = m.Epochs.Average(e => e.Families.Total);
                row.AddRange([F(seconds, "F3"), F(total > 0 ? 100 * seconds / total : 0, "F1")]);
            }
            return row;
        }));
        o.WriteLine();

        string path = r.Gemm.Count > 0 ? r.Gemm[0].OneThread.Path.ToString() : "";
        o.WriteLine($"gemm (SGEMM {path} path, GFLOP/s, median of {(r.Gemm.Count > 0 ? r.Gemm[0].OneThread.Runs : 0)} runs):");
        var gemmHeader = new List<string> { "step", "m×n×k", "op", "1 thread" };
        if (s.Threads > 1) gemmHeader.Add($"{s.Threads} threads");
        Table(o, gemmHeader, r.Gemm.Select(g =>
        {
            var row = new List<string>
            {
                g.Shape.Name, $"{g.Shape.M}×{g.Shape.N}×{g.Shape.K}",
                $"{(g.Shape.TransA ? "Aᵀ" : "A")}·{(g.Shape.TransB ? "Bᵀ" : "B")}", F(g.OneThread.MedianGflops, "F1"),
            };
            if (g.Threaded is not null) row.Add(F(g.Threaded.MedianGflops, "F1"));
            return row;
        }));
        o.WriteLine();

        o.WriteLine("memory (MB):");
        o.WriteLine($"rss after loading the data  {Mb(r.RssAfterLoadMegabytes)}");
        Table(o, ["model", "peak rss", "pool reuse %", "pool held"],
            r.Models.Select(m => new[]
            {
                m.Model.Key, Mb(m.PeakRssMegabytes) + (m.PeakIsPerModel ? "" : " (since start)"),
                F(m.Pool.Rents > 0 ? 100.0 * m.Pool.Reuses / m.Pool.Rents : 0, "F1"), F(m.Pool.PooledBytes / 1048576.0, "F1"),
            }));
        o.WriteLine();

        o.WriteLine("gc per epoch (MB of managed heap alive after the epoch, MB allocated during it, collections during it):");
        Table(o, ["model", "epoch", "live heap", "allocated", "gen0", "gen1", "gen2"],
            r.Models.SelectMany(m => m.Epochs.Select((e, i) => new[]
            {
                m.Model.Key, I(i + 1), F(e.HeapMegabytes, "F1"), F(e.AllocatedMegabytes, "F1"), I(e.Gen0), I(e.Gen1), I(e.Gen2),
            })));
    }

    /// <summary>The median (mean of the middle two for an even count).</summary>
    public static double Median(IEnumerable<double> values)
    {
        double[] sorted = values.OrderBy(v => v).ToArray();
        if (sorted.Length == 0) return double.NaN;
        int mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    // Left-aligned columns, two spaces apart, so a cell never runs into the next one.
    private static void Table(TextWriter o, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        var all = new List<IReadOnlyList<string>> { header };
        all.AddRange(rows);
        int columns = header.Count;
        var widths = new int[columns];
        foreach (var row in all)
            for (int c = 0; c < columns; c++) widths[c] = Math.Max(widths[c], row[c].Length);
        foreach (var row in all)
            o.WriteLine(string.Join("  ", row.Select((cell, c) => c == columns - 1 ? cell : cell.PadRight(widths[c]))).TrimEnd());
    }

    private static string F(double value, string format) => value.ToString(format, Invariant);
    private static string I(int value) => value.ToString(Invariant);
    private static string Mb(double? megabytes) => megabytes is double m ? F(m, "F0") : "n/a";
}
