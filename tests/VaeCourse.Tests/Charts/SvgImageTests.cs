using System.Xml.Linq;
using VaeCourse.Charts;
using VaeCourse.Tests.Imaging;
using static VaeCourse.Tests.Charts.SvgAssert;

namespace VaeCourse.Tests.Charts;

public class SvgImageTests
{
    [Fact]
    public void Rich_output_and_save()
    {
        SvgImage chart = new LineChart("t").Add("a", [1.0, 2.0, 4.0]).ToSvg();
        Assert.Equal("image/svg+xml", chart.MimeType);
        Assert.Equal(chart.Svg, chart.FormatContent());

        string folder = Directory.CreateTempSubdirectory("svg-save").FullName;
        try
        {
            string path = Path.Combine(folder, "loss.svg");
            chart.Save(path);
            Assert.Equal(chart.Svg, File.ReadAllText(path));
            Assert.Single(Directory.GetFiles(folder));
        }
        finally { Directory.Delete(folder, recursive: true); }
        Assert.Throws<ArgumentException>(() => new SvgImage("<html/>"));
    }

    [ExternalToolFact("rsvg-convert", "--version")]
    public void An_svg_renderer_draws_the_series_in_their_colours()
    {
        SvgImage chart = new LineChart("render check").Add("train", [3.0, 2.0, 1.5, 1.2]).Add("test", [2.5, 2.2, 2.0, 1.9]).ToSvg();
        XElement root = Parse(chart.Svg);
        string folder = Directory.CreateTempSubdirectory("svg-render").FullName;
        try
        {
            string svgPath = Path.Combine(folder, "chart.svg"), pngPath = Path.Combine(folder, "chart.png");
            chart.Save(svgPath);
            var (exit, _, error) = ExternalTool.Run("rsvg-convert", "-o", pngPath, svgPath);
            Assert.True(exit == 0, error);

            DecodedPng png = PngTestDecoder.Decode(File.ReadAllBytes(pngPath));
            Assert.Equal((640, 400), (png.Width, png.Height));
            // The centre of each marker must be painted in its series colour.
            foreach (XElement series in Series(root))
            {
                string hex = series.Element(Svg + "polyline")!.Attribute("stroke")!.Value;
                var colour = (R: Convert.ToByte(hex[1..3], 16), G: Convert.ToByte(hex[3..5], 16), B: Convert.ToByte(hex[5..7], 16));
                foreach (XElement marker in series.Elements(Svg + "circle"))
                {
                    var (r, g, b) = png.Rgb((int)Number(marker, "cx"), (int)Number(marker, "cy"));
                    Assert.True(Math.Abs(r - colour.R) + Math.Abs(g - colour.G) + Math.Abs(b - colour.B) < 40,
                        $"pixel ({r},{g},{b}) at a {series.Attribute("data-name")!.Value} marker, expected {hex}");
                }
            }
        }
        finally { Directory.Delete(folder, recursive: true); }
    }
}
