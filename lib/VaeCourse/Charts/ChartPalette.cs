namespace VaeCourse.Charts;

/// <summary>Series colours: matplotlib's "tab10", distinguishable for ten classes and familiar to ML readers.</summary>
public static class ChartPalette
{
    private static readonly string[] Tab10 =
    [
        "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
        "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf",
    ];

    /// <summary>Number of distinct colours before they repeat.</summary>
    public static int Count => Tab10.Length;

    /// <summary>The colour of series or class <paramref name="index"/> (wraps after <see cref="Count"/>).</summary>
    public static string Color(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        return Tab10[index % Tab10.Length];
    }
}
