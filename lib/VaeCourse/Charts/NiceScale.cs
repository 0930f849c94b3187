using System.Globalization;

namespace VaeCourse.Charts;

/// <summary>
/// An axis range with "nice" tick marks (Heckbert, "Nice numbers for graph labels", Graphics Gems 1990): the step
/// is 1, 2 or 5 times a power of ten and the range is widened outward to whole steps, so ticks read 0, 0.5, 1, …
/// rather than 0.137, 0.274, ….
/// </summary>
internal readonly record struct NiceScale(double Min, double Max, double Step)
{
    /// <summary>A scale covering [dataMin, dataMax] with about <paramref name="maxTicks"/> ticks.</summary>
    public static NiceScale For(double dataMin, double dataMax, int maxTicks = 6)
    {
        if (!double.IsFinite(dataMin) || !double.IsFinite(dataMax) || dataMin > dataMax)
            throw new ArgumentException($"chart axis: cannot scale the range [{dataMin}, {dataMax}]");
        if (maxTicks < 2) throw new ArgumentOutOfRangeException(nameof(maxTicks), maxTicks, "chart axis: need at least 2 ticks");
        if (dataMin == dataMax)
        {
            // A constant series still gets a visible range around it.
            double pad = dataMin == 0 ? 1 : Math.Abs(dataMin) * 0.1;
            dataMin -= pad;
            dataMax += pad;
        }
        double range = NiceNumber(dataMax - dataMin, round: false);
        double step = NiceNumber(range / (maxTicks - 1), round: true);
        double min = Math.Floor(dataMin / step) * step;
        double max = Math.Ceiling(dataMax / step) * step;
        return new NiceScale(Clean(min, step), Clean(max, step), step);
    }

    /// <summary>The tick values from <see cref="Min"/> to <see cref="Max"/> inclusive.</summary>
    public IReadOnlyList<double> Ticks
    {
        get
        {
            int count = (int)Math.Round((Max - Min) / Step) + 1;
            var ticks = new double[count];
            for (int i = 0; i < count; i++) ticks[i] = Clean(Min + i * Step, Step);
            return ticks;
        }
    }

    /// <summary>A tick label with as many decimals as the step needs (step 0.05 → "0.15"; step 20 → "140").</summary>
    public string Format(double tick)
    {
        int decimals = Math.Max(0, -(int)Math.Floor(Math.Log10(Step) + 1e-9));
        string text = tick.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        // "-0" and "-0.00" read as a bug.
        return text.TrimStart('-').Trim('0', '.').Length == 0 ? text.TrimStart('-') : text;
    }

    // The nice number near x: 1, 2, 5 or 10 times a power of ten (rounded, or the smallest not below x).
    private static double NiceNumber(double x, bool round)
    {
        double exponent = Math.Floor(Math.Log10(x));
        double power = Math.Pow(10, exponent);
        double fraction = x / power;
        double nice = round
            ? fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10
            : fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
        return nice * power;
    }

    // Removes floating-point dust (0.30000000000000004 → 0.3) by rounding to the step's decimal places.
    private static double Clean(double value, double step)
    {
        int decimals = Math.Clamp(-(int)Math.Floor(Math.Log10(step)) + 1, 0, 15);
        return Math.Round(value, decimals);
    }
}
