using System.Diagnostics;

namespace MiniTorch;

/// <summary>The families <see cref="Profiler"/> splits time into.</summary>
internal enum OpFamily
{
    /// <summary>Time in no family: autograd bookkeeping, allocation, random numbers, the caller's own code.</summary>
    Other,
    /// <summary>Matrix products (SGEMM), and convolutions with their im2col copies.</summary>
    Gemm,
    /// <summary>Elementwise ops, reductions and shape copies, forward and backward.</summary>
    Elementwise,
    /// <summary>Loss functions, forward and backward.</summary>
    Loss,
    /// <summary>Optimizer steps and zero_grad.</summary>
    Optimizer,
    /// <summary>Gathering batches (index_select, cat) and the index tensors for them.</summary>
    Batching,
}

/// <summary>
/// A cheap wall-clock profiler for <c>vae bench</c>: off unless <see cref="Start"/> was called on the current thread,
/// it charges that thread's time to the family of the innermost region, where a region opened inside another
/// region of a family other than <see cref="OpFamily.Other"/> leaves the time with the outer one (the elementwise
/// steps inside a loss are loss time) — except GEMM, which always takes its own time. Time outside every region is
/// <see cref="OpFamily.Other"/>. Only the starting thread is measured: a parallel kernel counts as the wall time its
/// caller waits for it.
/// </summary>
internal static class Profiler
{
    private static readonly int Families = Enum.GetValues<OpFamily>().Length;

    [ThreadStatic] private static bool t_enabled;
    [ThreadStatic] private static long[]? t_ticks;
    [ThreadStatic] private static OpFamily t_current;
    [ThreadStatic] private static long t_since;

    /// <summary>True while this thread is being profiled.</summary>
    public static bool Enabled => t_enabled;

    /// <summary>Starts (or restarts from zero) profiling the current thread.</summary>
    public static void Start()
    {
        t_ticks = new long[Families];
        t_current = OpFamily.Other;
        t_since = Stopwatch.GetTimestamp();
        t_enabled = true;
    }

    /// <summary>Seconds per family on this thread since <see cref="Start"/>; profiling continues.</summary>
    public static OpFamilyTimes Read()
    {
        if (!t_enabled || t_ticks is null) return new OpFamilyTimes(new double[Families]);
        Charge();
        return new OpFamilyTimes(t_ticks.Select(t => (double)t / Stopwatch.Frequency).ToArray());
    }

    /// <summary>Stops profiling this thread and returns what it measured.</summary>
    public static OpFamilyTimes Stop()
    {
        OpFamilyTimes times = Read();
        t_enabled = false;
        t_ticks = null;
        return times;
    }

    /// <summary>Charges the time until the returned region is disposed to <paramref name="family"/> (see the class rules).</summary>
    public static ProfilerRegion Region(OpFamily family)
    {
        if (!t_enabled) return default;
        OpFamily current = t_current;
        if (current != OpFamily.Other && family != OpFamily.Gemm) return default;
        Charge();
        t_current = family;
        return new ProfilerRegion(current, active: true);
    }

    /// <summary>The family of a graph node, by its op name (the backward pass charges each node to it).</summary>
    public static OpFamily FamilyOf(string op) => op switch
    {
        "linear" or "mm" or "matmul" or "conv2d" or "conv_transpose2d" => OpFamily.Gemm,
        "binary_cross_entropy" or "binary_cross_entropy_with_logits" or "mse_loss" or "vae_loss" => OpFamily.Loss,
        "index_select" or "cat" => OpFamily.Batching,
        _ => OpFamily.Elementwise,
    };

    internal static void Exit(OpFamily previous)
    {
        if (!t_enabled) return;
        Charge();
        t_current = previous;
    }

    private static void Charge()
    {
        long now = Stopwatch.GetTimestamp();
        t_ticks![(int)t_current] += now - t_since;
        t_since = now;
    }
}

/// <summary>An open profiler region; disposing it returns the time to the enclosing family.</summary>
internal readonly struct ProfilerRegion(OpFamily previous, bool active) : IDisposable
{
    public void Dispose()
    {
        if (active) Profiler.Exit(previous);
    }
}

/// <summary>Seconds spent per <see cref="OpFamily"/>.</summary>
internal sealed class OpFamilyTimes(double[] seconds)
{
    /// <summary>Seconds charged to <paramref name="family"/>.</summary>
    public double this[OpFamily family] => seconds[(int)family];

    /// <summary>All families together.</summary>
    public double Total => seconds.Sum();

    /// <summary>Element-wise sum of two measurements.</summary>
    public static OpFamilyTimes operator +(OpFamilyTimes a, OpFamilyTimes b) =>
        new(a.Seconds.Zip(b.Seconds, (x, y) => x + y).ToArray());

    /// <summary>Element-wise difference (a later reading minus an earlier one).</summary>
    public static OpFamilyTimes operator -(OpFamilyTimes a, OpFamilyTimes b) =>
        new(a.Seconds.Zip(b.Seconds, (x, y) => x - y).ToArray());

    private IReadOnlyList<double> Seconds => seconds;
}
