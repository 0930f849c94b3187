using System.CommandLine;
using Vae.Cli.Bench;
using VaeCourse.Data;

namespace Vae.Cli.Commands;

/// <summary>
/// <c>vae bench [--threads N] [--epochs 3] [--warmup 1] [--data DIR] [--model vae|ae|all]</c>: times training epochs of
/// the course's models on MNIST held in memory, the SGEMM shapes of the VAE, the time per op family and the memory, and
/// prints a plain-text report (format described in docs/perf.md).
/// </summary>
internal static class BenchCommand
{
    /// <summary>The benchmark ran.</summary>
    public const int Success = 0;
    /// <summary>Bad arguments, or no data.</summary>
    public const int UsageError = 2;

    public static Command Create()
    {
        var threads = new Option<int>("--threads")
        {
            Description = "Threads for the engine's parallel kernels (the default is the number of cores).",
            HelpName = "N",
            DefaultValueFactory = _ => Environment.ProcessorCount,
        };
        var epochs = new Option<int>("--epochs")
        {
            Description = "Timed epochs per model; the report gives their median, min and max.",
            DefaultValueFactory = _ => 3,
        };
        var warmup = new Option<int>("--warmup")
        {
            Description = "Untimed epochs before the timed ones (JIT compilation, buffer pool, caches).",
            DefaultValueFactory = _ => 1,
        };
        var data = new Option<string?>("--data")
        {
            Description = "Folder holding MNIST (or its mnist/ folder) [default: VAE_DATA, then the repository's data/].",
            HelpName = "DIR",
        };
        var model = new Option<string>("--model")
        {
            Description = $"Which model to time: {string.Join(", ", BenchModels.All.Select(m => m.Key))} or all.",
            DefaultValueFactory = _ => "all",
        };
        var synthetic = new Option<int?>("--synthetic")
        {
            Description = "Train on this many random images instead of MNIST (tests).",
            Hidden = true,
        };
        var quickGemm = new Option<bool>("--quick-gemm")
        {
            Description = "Time the GEMM shapes with fewer, shorter runs (tests).",
            Hidden = true,
        };

        var command = new Command("bench", "Time training epochs, GEMM shapes, op families and memory of the course's engine.")
        {
            threads, epochs, warmup, data, model, synthetic, quickGemm,
        };
        command.SetAction(parsed => Run(
            parsed.GetValue(model) ?? "all",
            parsed.GetValue(threads),
            parsed.GetValue(epochs),
            parsed.GetValue(warmup),
            parsed.GetValue(data),
            parsed.GetValue(synthetic),
            parsed.GetValue(quickGemm),
            parsed.InvocationConfiguration.Output,
            parsed.InvocationConfiguration.Error));
        return command;
    }

    internal static int Run(string model, int threads, int epochs, int warmup, string? dataFolder, int? synthetic, bool quickGemm,
        TextWriter stdout, TextWriter stderr)
    {
        string? problem =
            BenchModels.Select(model) is null ? $"--model must be one of {string.Join(", ", BenchModels.All.Select(m => m.Key))}, all; got '{model}'" :
            threads < 1 ? $"--threads must be at least 1; got {threads}" :
            epochs < 1 ? $"--epochs must be at least 1; got {epochs}" :
            warmup < 0 ? $"--warmup must be 0 or more; got {warmup}" :
            synthetic is < 1 ? $"--synthetic must be a positive number of images; got {synthetic}" :
            null;
        if (problem is not null)
        {
            stderr.WriteLine($"vae bench: {problem}");
            return UsageError;
        }

        var settings = new BenchSettings(BenchModels.Select(model)!, threads, epochs, warmup, dataFolder, synthetic, quickGemm);
        BenchResults results;
        try
        {
            results = BenchRunner.Run(settings, line => stderr.WriteLine(line));
        }
        catch (DatasetNotFoundException e)
        {
            stderr.WriteLine($"vae bench: {e.Message}");
            stderr.WriteLine("vae bench: pass --data DIR or set VAE_DATA to a folder holding mnist/");
            return UsageError;
        }
        BenchReport.Write(results, stdout);
        return Success;
    }
}
