using MiniTorch;

namespace VaeCourse.Charts;

/// <summary>
/// A scatter plot of one or more point sets, drawn as self-contained SVG: in the course, the 2-D latent means of
/// the test set coloured by digit class.
/// </summary>
public sealed class ScatterChart
{
    private readonly List<PointSet> _sets = [];

    /// <summary>A new, empty chart.</summary>
    public ScatterChart(string title = "", string xLabel = "z₁", string yLabel = "z₂")
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
    public int Height { get; set; } = 520;

    /// <summary>Dot radius in pixels.</summary>
    public double PointRadius { get; set; } = 2;

    /// <summary>Dot opacity: below 1 so that dense clusters show their density.</summary>
    public double Opacity { get; set; } = 0.6;

    /// <summary>Number of point sets added so far.</summary>
    public int SetCount => _sets.Count;

    /// <summary>Adds a named set of points (x[i], y[i]); non-finite points are skipped.</summary>
    public ScatterChart Add(string name, IReadOnlyList<double> x, IReadOnlyList<double> y, string? color = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Count != y.Count)
            throw new ArgumentException($"ScatterChart.Add: set '{name}' has {x.Count} x values and {y.Count} y values");
        _sets.Add(new PointSet(name, x.ToArray(), y.ToArray(), color ?? ChartPalette.Color(_sets.Count)));
        return this;
    }

    /// <summary>Renders the chart.</summary>
    public SvgImage ToSvg()
    {
        var finite = _sets.SelectMany(s => s.X.Zip(s.Y)).Where(p => double.IsFinite(p.First) && double.IsFinite(p.Second)).ToList();
        if (finite.Count == 0)
            throw new InvalidOperationException("ScatterChart.ToSvg: no finite points; add a point set first");

        var xScale = NiceScale.For(finite.Min(p => p.First), finite.Max(p => p.First));
        var yScale = NiceScale.For(finite.Min(p => p.Second), finite.Max(p => p.Second));
        var legend = _sets.Select(s => new LegendEntry(s.Name, s.Color, Dot: true)).ToList();
        var frame = new PlotFrame(Width, Height, xScale, yScale, legend);
        var svg = new SvgWriter(Width, Height);
        frame.DrawBackground(svg, Title, XLabel, YLabel);

        foreach (PointSet s in _sets)
        {
            // Colour and opacity on the group keep ten thousand dots to a few hundred KiB.
            svg.OpenGroup(("class", "series"), ("data-name", s.Name), ("fill", s.Color), ("fill-opacity", SvgWriter.Number(Opacity)));
            for (int i = 0; i < s.X.Length; i++)
                if (double.IsFinite(s.X[i]) && double.IsFinite(s.Y[i]))
                    svg.Circle(frame.X(s.X[i]), frame.Y(s.Y[i]), PointRadius);
            svg.CloseGroup();
        }
        frame.DrawLegend(svg);
        return new SvgImage(svg.Finish());
    }

    /// <summary>
    /// The course's latent-space figure: 2-D means <paramref name="means"/> (N,2) coloured by integer class
    /// <paramref name="labels"/> (N) in 0..9, one legend entry per class (named by <paramref name="classNames"/>
    /// when given, e.g. Fashion-MNIST's "T-shirt/top", …, or by the digit).
    /// </summary>
    public static SvgImage LatentMeans(Tensor means, Tensor labels, string title = "Latent means of the test set",
        IReadOnlyList<string>? classNames = null)
    {
        ArgumentNullException.ThrowIfNull(means);
        ArgumentNullException.ThrowIfNull(labels);
        long[] shape = means.shape;
        if (means.dtype != ScalarType.Float32 || shape.Length != 2 || shape[1] != 2)
            throw new ArgumentException($"ScatterChart.LatentMeans: expected Float32 means shaped (N,2), got {means.dtype} ({string.Join(",", shape)})");
        if (labels.dtype != ScalarType.Int64 || labels.ndim != 1 || labels.size(0) != shape[0])
            throw new ArgumentException($"ScatterChart.LatentMeans: expected Int64 labels shaped ({shape[0]}), got {labels.dtype} ({string.Join(",", labels.shape)})");
        float[] xy = means.Data;
        long[] classes = labels.data<long>().ToArray();
        var x = new double[classes.Length];
        var y = new double[classes.Length];
        for (int i = 0; i < classes.Length; i++) { x[i] = xy[2 * i]; y[i] = xy[2 * i + 1]; }
        return ByClass(x, y, classes, title, classNames);
    }

    /// <summary>Points coloured by class: one set per class 0..K−1 (K ≤ 10), in class order.</summary>
    public static SvgImage ByClass(IReadOnlyList<double> x, IReadOnlyList<double> y, IReadOnlyList<long> classes,
        string title = "", IReadOnlyList<string>? classNames = null)
    {
        if (x.Count != y.Count || x.Count != classes.Count)
            throw new ArgumentException($"ScatterChart.ByClass: {x.Count} x values, {y.Count} y values and {classes.Count} classes differ in count");
        if (classes.Count == 0) throw new ArgumentException("ScatterChart.ByClass: no points");
        long maxClass = classes.Max();
        if (classes.Min() < 0 || maxClass >= ChartPalette.Count)
            throw new ArgumentException($"ScatterChart.ByClass: classes must lie in 0..{ChartPalette.Count - 1} (one colour each), found {classes.Min()}..{maxClass}");
        int classCount = classNames?.Count ?? (int)maxClass + 1;
        if (classNames is not null && maxClass >= classNames.Count)
            throw new ArgumentException($"ScatterChart.ByClass: {classNames.Count} class names but a point has class {maxClass}");

        var chart = new ScatterChart(title);
        for (int c = 0; c < classCount; c++)
        {
            var xs = new List<double>();
            var ys = new List<double>();
            for (int i = 0; i < classes.Count; i++)
                if (classes[i] == c) { xs.Add(x[i]); ys.Add(y[i]); }
            chart.Add(classNames?[c] ?? c.ToString(System.Globalization.CultureInfo.InvariantCulture), xs, ys, ChartPalette.Color(c));
        }
        return chart.ToSvg();
    }

    private sealed record PointSet(string Name, double[] X, double[] Y, string Color);
}
