namespace VaeCourse.Charts;

/// <summary>One entry of a legend: a colour swatch (line or dot) and its name.</summary>
internal readonly record struct LegendEntry(string Name, string Color, bool Dot = false, string? Dash = null);

/// <summary>
/// The parts every chart shares: the plot rectangle inside margins, the mapping from data to pixels, grid lines,
/// axes with nice ticks and labels, the title, and a legend column on the right (so it never hides data).
/// </summary>
internal sealed class PlotFrame
{
    private const double MarginLeft = 72, MarginTop = 40, MarginBottom = 52, MarginRight = 20;
    private const double LegendRow = 20, CharWidth = 7.2;

    private readonly NiceScale _x, _y;

    public PlotFrame(double width, double height, NiceScale x, NiceScale y, IReadOnlyList<LegendEntry> legend)
    {
        _x = x;
        _y = y;
        Legend = legend;
        Width = width;
        Height = height;
        double legendWidth = legend.Count == 0 ? 0 : 36 + CharWidth * legend.Max(e => e.Name.Length);
        Left = MarginLeft;
        Top = MarginTop;
        Right = width - MarginRight - legendWidth;
        Bottom = height - MarginBottom;
        if (Right - Left < 40 || Bottom - Top < 40)
            throw new ArgumentException($"chart: {width}×{height} pixels leave no room to plot; make the chart larger");
    }

    public double Width { get; }
    public double Height { get; }
    public double Left { get; }
    public double Top { get; }
    public double Right { get; }
    public double Bottom { get; }
    public IReadOnlyList<LegendEntry> Legend { get; }

    public double X(double value) => Left + (value - _x.Min) / (_x.Max - _x.Min) * (Right - Left);

    public double Y(double value) => Bottom - (value - _y.Min) / (_y.Max - _y.Min) * (Bottom - Top);

    /// <summary>Background, grid, axes, ticks, tick labels, axis labels and title (everything under the data).</summary>
    public void DrawBackground(SvgWriter svg, string title, string xLabel, string yLabel)
    {
        svg.Rect(0, 0, Width, Height, "#ffffff");

        svg.OpenGroup(("class", "grid"), ("stroke", "#e6e6e6"), ("stroke-width", "1"));
        foreach (double t in _x.Ticks) svg.Line(X(t), Top, X(t), Bottom, "#e6e6e6");
        foreach (double t in _y.Ticks) svg.Line(Left, Y(t), Right, Y(t), "#e6e6e6");
        svg.CloseGroup();

        svg.OpenGroup(("class", "axis x"));
        svg.Line(Left, Bottom, Right, Bottom, "#444");
        foreach (double t in _x.Ticks)
        {
            svg.Line(X(t), Bottom, X(t), Bottom + 5, "#444");
            svg.Text(X(t), Bottom + 18, _x.Format(t), 11, "middle", cssClass: "tick");
        }
        if (xLabel.Length > 0) svg.Text((Left + Right) / 2, Height - 12, xLabel, 13, "middle", cssClass: "label");
        svg.CloseGroup();

        svg.OpenGroup(("class", "axis y"));
        svg.Line(Left, Top, Left, Bottom, "#444");
        foreach (double t in _y.Ticks)
        {
            svg.Line(Left - 5, Y(t), Left, Y(t), "#444");
            svg.Text(Left - 8, Y(t) + 4, _y.Format(t), 11, "end", cssClass: "tick");
        }
        if (yLabel.Length > 0) svg.Text(16, (Top + Bottom) / 2, yLabel, 13, "middle", rotate: -90, cssClass: "label");
        svg.CloseGroup();

        if (title.Length > 0) svg.Text(Width / 2, 24, title, 16, "middle", weight: "bold", cssClass: "title");
    }

    /// <summary>The legend column to the right of the plot.</summary>
    public void DrawLegend(SvgWriter svg)
    {
        if (Legend.Count == 0) return;
        svg.OpenGroup(("class", "legend"));
        double x = Right + 14, y = Top + 6;
        foreach (LegendEntry entry in Legend)
        {
            if (entry.Dot) svg.Circle(x + 9, y, 4.5, entry.Color);
            else svg.Line(x, y, x + 18, y, entry.Color, 2.5, entry.Dash);
            svg.Text(x + 24, y + 4, entry.Name, 12);
            y += LegendRow;
        }
        svg.CloseGroup();
    }
}
