using System.Globalization;
using System.Xml.Linq;

namespace VaeCourse.Tests.Charts;

/// <summary>Reads a chart back from its SVG: the tests never trust the chart's own mapping from data to pixels.</summary>
internal static class SvgAssert
{
    public static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    public static XElement Parse(string svg)
    {
        XElement root = XDocument.Parse(svg).Root!;
        Assert.Equal(Svg + "svg", root.Name);
        return root;
    }

    public static double Number(XElement element, string attribute) =>
        double.Parse(element.Attribute(attribute)!.Value, NumberStyles.Float, CultureInfo.InvariantCulture);

    public static XElement Group(XElement root, string cssClass) =>
        root.Descendants(Svg + "g").Single(g => (string?)g.Attribute("class") == cssClass);

    public static List<XElement> Series(XElement root) =>
        root.Descendants(Svg + "g").Where(g => (string?)g.Attribute("class") == "series").ToList();

    /// <summary>
    /// The data → pixel map of one axis, fitted through the tick labels and the positions at which they are
    /// drawn (x for the x axis, y for the y axis), after checking that all ticks lie on one straight line.
    /// </summary>
    public static Func<double, double> AxisMap(XElement root, string axis)
    {
        var ticks = Group(root, "axis " + axis).Elements(Svg + "text").Where(t => (string?)t.Attribute("class") == "tick")
            .Select(t => (Value: double.Parse(t.Value, CultureInfo.InvariantCulture), Pixel: Number(t, axis)))
            .ToList();
        Assert.True(ticks.Count >= 3, $"axis {axis} has {ticks.Count} ticks");
        var (v0, p0) = ticks[0];
        var (v1, p1) = ticks[^1];
        double slope = (p1 - p0) / (v1 - v0);
        // The y tick labels are drawn 4 px below their tick line to centre the text.
        double shift = axis == "y" ? -4 : 0;
        foreach (var (v, p) in ticks) Assert.Equal(p0 + (v - v0) * slope, p, tolerance: 0.02);
        return value => p0 + shift + (value - v0) * slope;
    }
}
