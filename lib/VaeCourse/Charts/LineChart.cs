namespace VaeCourse.Charts;

/// <summary>
/// A line chart of one or more series, drawn as self-contained SVG: the course's loss curves (train and test
/// loss, or the BCE and KL terms, per epoch).
/// </summary>
public sealed class LineChart
{
    private readonly List<Series> _series = [];

    /// <summary>A new, empty chart.</summary>
    public LineChart(string title = "", string xLabel = "epoch", string yLabel = "loss")
    {
        Title = title;
        XLabel = xLabel;
        YLabel = yLabel;
    }

    /// <summary>Text above the plot.</summary>
    public string Title { get; set; }

    /// <summary>Text under the x axis.</summary>
    public string XLabel { get; set; }

    /// <summary>Text beside the y axis.</summary>
    public string YLabel { get; set; }

    /// <summary>Width of the picture in pixels.</summary>
    public int Width { get; set; } = 640;

    /// <summary>Height of the picture in pixels.</summary>
    public int Height { get; set; } = 400;

    /// <summary>Number of series added so far.</summary>
    public int SeriesCount => _series.Count;

    /// <summary>Adds a series plotted against 1, 2, 3, … (epochs).</summary>
    public LineChart Add(string name, IReadOnlyList<double> y, bool dashed = false) =>
        Add(name, Enumerable.Range(1, y.Count).Select(i => (double)i).ToArray(), y, dashed);

    /// <summary>Adds a series plotted against 1, 2, 3, … (epochs).</summary>
    public LineChart Add(string name, IReadOnlyList<float> y, bool dashed = false) =>
        Add(name, y.Select(v => (double)v).ToArray(), dashed);

    /// <summary>
    /// Adds a series of points (x[i], y[i]). Non-finite values leave a gap in the line (a diverged epoch stays
    /// visible as a gap rather than wrecking the axis range).
    /// </summary>
    public LineChart Add(string name, IReadOnlyList<double> x, IReadOnlyList<double> y, bool dashed = false)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Count != y.Count)
            throw new ArgumentException($"LineChart.Add: series '{name}' has {x.Count} x values and {y.Count} y values");
        _series.Add(new Series(name, x.ToArray(), y.ToArray(), ChartPalette.Color(_series.Count), dashed ? "6 4" : null));
        return this;
    }

    /// <summary>Renders the chart.</summary>
    public SvgImage ToSvg()
    {
        var points = _series.SelectMany(s => s.X.Zip(s.Y)).Where(p => double.IsFinite(p.First) && double.IsFinite(p.Second)).ToList();
        if (points.Count == 0)
            throw new InvalidOperationException("LineChart.ToSvg: no finite data points; add a series first");

        var xScale = NiceScale.For(points.Min(p => p.First), points.Max(p => p.First));
        var yScale = NiceScale.For(points.Min(p => p.Second), points.Max(p => p.Second));
        var legend = _series.Select(s => new LegendEntry(s.Name, s.Color, Dash: s.Dash)).ToList();
        var frame = new PlotFrame(Width, Height, xScale, yScale, legend);
        var svg = new SvgWriter(Width, Height);
        frame.DrawBackground(svg, Title, XLabel, YLabel);

        foreach (Series s in _series)
        {
            svg.OpenGroup(("class", "series"), ("data-name", s.Name));
            foreach (var run in FiniteRuns(s))
            {
                var pixels = run.Select(i => (frame.X(s.X[i]), frame.Y(s.Y[i]))).ToList();
                if (pixels.Count > 1) svg.Polyline(pixels, s.Color, 2, s.Dash);
                // Markers make short curves (a few epochs) readable; on long ones they would be clutter.
                if (s.X.Length <= 60)
                    foreach ((double px, double py) in pixels) svg.Circle(px, py, 2.5, s.Color);
            }
            svg.CloseGroup();
        }
        frame.DrawLegend(svg);
        return new SvgImage(svg.Finish());
    }

    /// <summary>
    /// The course's loss-curve figure: train and test loss per epoch (test dashed), sharing one y axis.
    /// </summary>
    public static SvgImage LossCurves(IReadOnlyList<double> train, IReadOnlyList<double>? test = null,
        string title = "Loss per epoch", string yLabel = "loss per example")
    {
        var chart = new LineChart(title, "epoch", yLabel).Add("train", train);
        if (test is not null) chart.Add("test", test, dashed: true);
        return chart.ToSvg();
    }

    /// <summary>
    /// The two terms of the negative ELBO per epoch: reconstruction (e.g. summed BCE) and KL divergence.
    /// </summary>
    public static SvgImage LossTerms(IReadOnlyList<double> reconstruction, IReadOnlyList<double> kl,
        string title = "Loss terms per epoch", string reconstructionName = "reconstruction (BCE)") =>
        new LineChart(title, "epoch", "nats per example")
            .Add(reconstructionName, reconstruction)
            .Add("KL divergence", kl)
            .ToSvg();

    // Index ranges of consecutive finite points.
    private static IEnumerable<List<int>> FiniteRuns(Series s)
    {
        var run = new List<int>();
        for (int i = 0; i < s.X.Length; i++)
        {
            if (double.IsFinite(s.X[i]) && double.IsFinite(s.Y[i])) { run.Add(i); continue; }
            if (run.Count > 0) { yield return run; run = []; }
        }
        if (run.Count > 0) yield return run;
    }

    private sealed record Series(string Name, double[] X, double[] Y, string Color, string? Dash);
}
