using System.Xml.Linq;
using MiniTorch;
using VaeCourse.Charts;
using static VaeCourse.Tests.Charts.SvgAssert;

namespace VaeCourse.Tests.Charts;

public class ScatterChartTests
{
    // 500 latent means: class c clusters around (cos, sin) of angle 2πc/10 scaled by 3.
    private static (float[] Means, long[] Labels) Latents(int n = 500, int seed = 1)
    {
        var random = new Random(seed);
        var means = new float[2 * n];
        var labels = new long[n];
        for (int i = 0; i < n; i++)
        {
            labels[i] = random.Next(10);
            double angle = 2 * Math.PI * labels[i] / 10;
            means[2 * i] = (float)(3 * Math.Cos(angle) + random.NextDouble() - 0.5);
            means[2 * i + 1] = (float)(3 * Math.Sin(angle) + random.NextDouble() - 0.5);
        }
        return (means, labels);
    }

    [Fact]
    public void Latent_means_give_one_coloured_set_per_class_with_a_legend()
    {
        var (means, labels) = Latents();
        XElement root = Parse(ScatterChart.LatentMeans(torch.tensor(means, [500, 2]), torch.tensor(labels)).Svg);

        List<XElement> series = Series(root);
        Assert.Equal(Enumerable.Range(0, 10).Select(c => c.ToString()), series.Select(s => (string?)s.Attribute("data-name")));
        for (int c = 0; c < 10; c++)
            Assert.Equal(labels.Count(l => l == c), series[c].Elements(Svg + "circle").Count());
        Assert.Equal(10, series.Select(s => (string?)s.Attribute("fill")).Distinct().Count());

        XElement legend = Group(root, "legend");
        Assert.Equal(Enumerable.Range(0, 10).Select(c => c.ToString()), legend.Elements(Svg + "text").Select(t => t.Value));
        Assert.Equal(series.Select(s => (string?)s.Attribute("fill")), legend.Elements(Svg + "circle").Select(c => (string?)c.Attribute("fill")));
    }

    [Fact]
    public void Every_dot_sits_where_the_tick_labels_say()
    {
        var (means, labels) = Latents(60, seed: 4);
        XElement root = Parse(ScatterChart.LatentMeans(torch.tensor(means, [60, 2]), torch.tensor(labels)).Svg);
        Func<double, double> x = AxisMap(root, "x"), y = AxisMap(root, "y");
        List<XElement> series = Series(root);
        var cursor = new int[10];
        for (int i = 0; i < 60; i++)
        {
            // Within a class, dots keep the input order.
            XElement dot = series[(int)labels[i]].Elements(Svg + "circle").ElementAt(cursor[labels[i]]++);
            Assert.Equal(x(means[2 * i]), Number(dot, "cx"), tolerance: 0.02);
            Assert.Equal(y(means[2 * i + 1]), Number(dot, "cy"), tolerance: 0.02);
        }
    }

    [Fact]
    public void Class_names_replace_the_digits_in_the_legend()
    {
        string[] names = ["T-shirt/top", "Trouser", "Pullover"];
        XElement root = Parse(ScatterChart.ByClass([0.0, 1.0, 2.0, 3.0], [1.0, 0.0, 1.0, 0.0], [0, 1, 2, 1], classNames: names).Svg);
        Assert.Equal(names, Group(root, "legend").Elements(Svg + "text").Select(t => t.Value));
        Assert.Equal([1, 2, 1], Series(root).Select(s => s.Elements(Svg + "circle").Count()));
    }

    [Fact]
    public void Errors_name_what_was_expected()
    {
        var wrongShape = Assert.Throws<ArgumentException>(() => ScatterChart.LatentMeans(torch.rand(5, 3), torch.tensor(new long[5])));
        Assert.Contains("(N,2)", wrongShape.Message);
        var floatLabels = Assert.Throws<ArgumentException>(() => ScatterChart.LatentMeans(torch.rand(5, 2), torch.rand(5)));
        Assert.Contains("Int64 labels", floatLabels.Message);
        var tooMany = Assert.Throws<ArgumentException>(() => ScatterChart.ByClass([0.0], [0.0], [12]));
        Assert.Contains("0..9", tooMany.Message);
    }
}
