using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using MiniTorch.Kernels;

namespace Vae.Cli.Bench;

/// <summary>The machine line of the report, and the process's resident memory (Linux /proc, else the Process API).</summary>
internal static class MachineInfo
{
    /// <summary>"AMD EPYC, 2 cores, .NET 10.0.0, Linux 6.8 (X64), 512-bit vectors, SGEMM Vector512".</summary>
    public static string Describe()
    {
        string vectors = Vector512.IsHardwareAccelerated ? "512-bit" : Vector256.IsHardwareAccelerated ? "256-bit" :
            Vector128.IsHardwareAccelerated ? "128-bit" : "scalar";
        return $"{CpuModel()}, {Environment.ProcessorCount} cores, {RuntimeInformation.FrameworkDescription}, " +
               $"{RuntimeInformation.OSDescription} ({RuntimeInformation.OSArchitecture}), {vectors} vectors, " +
               $"SGEMM {Sgemm.Resolve(SgemmPath.Auto)}";
    }

    /// <summary>The CPU's model name from /proc/cpuinfo, or the architecture where there is none.</summary>
    public static string CpuModel()
    {
        try
        {
            foreach (string line in File.ReadLines("/proc/cpuinfo"))
                if (line.StartsWith("model name", StringComparison.Ordinal) && line.IndexOf(':') is int colon and > 0)
                    return line[(colon + 1)..].Trim();
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return $"{RuntimeInformation.ProcessArchitecture} CPU";
    }

    /// <summary>Peak resident set in MB: VmHWM from /proc/self/status, else Process.PeakWorkingSet64.</summary>
    public static double? PeakRssMegabytes() => StatusKilobytes("VmHWM") / 1024.0 ?? Mega(Process.GetCurrentProcess().PeakWorkingSet64);

    /// <summary>Current resident set in MB: VmRSS, else Process.WorkingSet64.</summary>
    public static double? RssMegabytes() => StatusKilobytes("VmRSS") / 1024.0 ?? Mega(Process.GetCurrentProcess().WorkingSet64);

    /// <summary>Restarts the peak-RSS count from the current RSS (Linux: "5" to /proc/self/clear_refs); false where unsupported.</summary>
    public static bool ResetPeakRss()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return false; }
    }

    private static double? Mega(long bytes) => bytes > 0 ? bytes / (1024.0 * 1024.0) : null;

    private static long? StatusKilobytes(string field)
    {
        try
        {
            foreach (string line in File.ReadLines("/proc/self/status"))
                if (line.StartsWith(field + ":", StringComparison.Ordinal)
                    && long.TryParse(line[(field.Length + 1)..].Trim().Split(' ')[0], out long kb))
                    return kb;
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return null;
    }
}
