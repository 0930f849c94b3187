using System.Globalization;
using System.Xml.Linq;
using VaeCourse.Charts;
using static VaeCourse.Tests.Charts.SvgAssert;

namespace VaeCourse.Tests.Charts;

public class LineChartTests
{
    private static readonly double[] Train = [190.2, 150.7, 130.1, 121.9, 117.3, 114.8, 112.6, 111.0, 109.9, 108.8];
    private static readonly double[] Test = [160.4, 138.2, 126.5, 119.7, 116.0, 113.9, 112.3, 111.2, 110.5, 110.1];

    private static IReadOnlyList<(double X, double Y)> Points(XElement polyline) =>
        polyline.Attribute("points")!.Value.Split(' ')
            .Select(p => p.Split(','))
            .Select(xy => (double.Parse(xy[0], CultureInfo.InvariantCulture), double.Parse(xy[1], CultureInfo.InvariantCulture)))
            .ToList();

    [Fact]
    public void Loss_curves_have_title_axes_labels_two_series_and_a_legend()
    {
        XElement root = Parse(LineChart.LossCurves(Train, Test, title: "VAE on MNIST").Svg);

        Assert.Equal("VAE on MNIST", root.Descendants(Svg + "text").Single(t => (string?)t.Attribute("class") == "title").Value);
        var labels = root.Descendants(Svg + "text").Where(t => (string?)t.Attribute("class") == "label").Select(t => t.Value);
        Assert.Equal(["epoch", "loss per example"], labels);

        List<XElement> series = Series(root);
        Assert.Equal(["train", "test"], series.Select(s => (string?)s.Attribute("data-name")));
        Assert.All(series, s => Assert.Equal(10, Points(s.Element(Svg + "polyline")!).Count));
        Assert.Null(series[0].Element(Svg + "polyline")!.Attribute("stroke-dasharray"));
        Assert.NotNull(series[1].Element(Svg + "polyline")!.Attribute("stroke-dasharray"));
        Assert.NotEqual(series[0].Element(Svg + "polyline")!.Attribute("stroke")!.Value, series[1].Element(Svg + "polyline")!.Attribute("stroke")!.Value);

        Assert.Equal(["train", "test"], Group(root, "legend").Elements(Svg + "text").Select(t => t.Value));
    }

    [Fact]
    public void Every_point_sits_where_the_tick_labels_say()
    {
        XElement root = Parse(LineChart.LossCurves(Train, Test).Svg);
        Func<double, double> x = AxisMap(root, "x"), y = AxisMap(root, "y");
        var train = Points(Series(root)[0].Element(Svg + "polyline")!);
        for (int i = 0; i < Train.Length; i++)
        {
            Assert.Equal(x(i + 1), train[i].X, tolerance: 0.02);
            Assert.Equal(y(Train[i]), train[i].Y, tolerance: 0.02);
        }
    }

    [Fact]
    public void A_planted_wrong_value_is_caught_by_the_point_check()
    {
        double[] planted = (double[])Train.Clone();
        planted[4] += 5;
        XElement root = Parse(new LineChart().Add("train", planted).ToSvg().Svg);
        Func<double, double> y = AxisMap(root, "y");
        var points = Points(Series(root)[0].Element(Svg + "polyline")!);
        Assert.NotEqual(y(Train[4]), points[4].Y, tolerance: 0.02);
    }

    [Fact]
    public void Non_finite_values_split_the_line()
    {
        double[] values = [3, 2, double.NaN, 1.5, 1.2, double.PositiveInfinity, 1.0];
        XElement root = Parse(new LineChart().Add("loss", values).ToSvg().Svg);
        var polylines = Series(root)[0].Elements(Svg + "polyline").Select(p => Points(p).Count);
        Assert.Equal([2, 2], polylines);               // the lone last point has a marker but no line
        Assert.Equal(5, Series(root)[0].Elements(Svg + "circle").Count());
    }

    [Fact]
    public void Numbers_are_invariant_whatever_the_culture()
    {
        CultureInfo saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");
            XElement root = Parse(new LineChart().Add("a", [0.125, 0.5, 0.875]).ToSvg().Svg);
            foreach (XAttribute attribute in root.DescendantsAndSelf().Attributes()
                         .Where(a => a.Name.LocalName is "x" or "y" or "x1" or "y1" or "x2" or "y2" or "cx" or "cy" or "width" or "height"))
                Assert.Matches(@"^-?\d+(\.\d+)?$", attribute.Value);
            var tickLabels = Group(root, "axis y").Elements(Svg + "text").Where(t => (string?)t.Attribute("class") == "tick").Select(t => t.Value);
            Assert.Contains("0.4", tickLabels);
        }
        finally { CultureInfo.CurrentCulture = saved; }
    }

    [Fact]
    public void Text_is_escaped()
    {
        const string title = "Loss <BCE> & \"KL\" 'β' \u0001";
        XElement root = Parse(new LineChart(title, "x & y", "<nats>").Add("a<b", [1.0, 2.0]).ToSvg().Svg);
        Assert.Equal("Loss <BCE> & \"KL\" 'β' ", root.Descendants(Svg + "text").Single(t => (string?)t.Attribute("class") == "title").Value);
        Assert.Equal("a<b", (string?)Series(root)[0].Attribute("data-name"));
    }

    [Fact]
    public void Loss_terms_chart_has_reconstruction_and_kl()
    {
        XElement root = Parse(LineChart.LossTerms([100, 90, 85], [20, 24, 25]).Svg);
        Assert.Equal(["reconstruction (BCE)", "KL divergence"], Series(root).Select(s => (string?)s.Attribute("data-name")));
    }

    [Fact]
    public void Errors_name_the_series()
    {
        var mismatch = Assert.Throws<ArgumentException>(() => new LineChart().Add("kl", [1.0, 2.0], [1.0]));
        Assert.Contains("'kl' has 2 x values and 1 y values", mismatch.Message);
        Assert.Throws<InvalidOperationException>(() => new LineChart().ToSvg());
        Assert.Throws<InvalidOperationException>(() => new LineChart().Add("nan", [double.NaN]).ToSvg());
    }
}
