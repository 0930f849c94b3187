using MiniTorch;
using VaeCourse.Display;

namespace VaeCourse.Tests.Display;

public class RichOutputFormatterSourceTests
{
    private sealed class Fixed(string mimeType, string content) : IRichOutput
    {
        public string MimeType { get; } = mimeType;
        public string FormatContent() => content;
    }

    private static readonly byte[] PngSignature = [137, 80, 78, 71, 13, 10, 26, 10];

    private static (bool Handled, string Text) Run(object formatter, object value)
    {
        using var writer = new StringWriter();
        bool handled = formatter switch
        {
            RichOutputFormatter f => f.Format(value, writer),
            RichOutputHtmlFormatter f => f.Format(value, writer),
            TensorPlainTextFormatter f => f.Format(value, writer),
            _ => throw new ArgumentException(formatter.GetType().Name),
        };
        return (handled, writer.ToString());
    }

    [Fact]
    public void One_formatter_per_mime_type_and_each_writes_only_its_own()
    {
        var formatters = new RichOutputFormatterSource().CreateTypeFormatters().ToList();
        var png = new Fixed(RichOutputFormatterSource.Png, Convert.ToBase64String(PngSignature));

        var byMime = formatters.OfType<RichOutputFormatter>().ToDictionary(f => f.MimeType);

        Assert.Equal([RichOutputFormatterSource.Png, RichOutputFormatterSource.Svg, RichOutputFormatterSource.PlainText], byMime.Keys);
        var written = Run(byMime[RichOutputFormatterSource.Png], png);
        Assert.True(written.Handled);
        Assert.Equal(PngSignature, Convert.FromBase64String(written.Text));
        Assert.Equal((false, ""), Run(byMime[RichOutputFormatterSource.Svg], png));
        Assert.Equal((false, ""), Run(byMime[RichOutputFormatterSource.Png], "not rich output"));
        Assert.Single(formatters.OfType<RichOutputHtmlFormatter>());
    }

    [Theory]
    [InlineData(RichOutputFormatterSource.Png, "AAEC", "<img src=\"data:image/png;base64,AAEC\" />")]
    [InlineData(RichOutputFormatterSource.Svg, "<svg></svg>", "<svg></svg>")]
    [InlineData(RichOutputFormatterSource.Html, "<p>x</p>", "<p>x</p>")]
    [InlineData(RichOutputFormatterSource.PlainText, "a < b", "<pre>a &lt; b</pre>")]
    public void Html_embeds_every_kind(string mimeType, string content, string html)
    {
        Assert.Equal((true, html), Run(new RichOutputHtmlFormatter(), new Fixed(mimeType, content)));
    }

    [Fact]
    public void Html_declines_unknown_mime_types() =>
        Assert.Equal((false, ""), Run(new RichOutputHtmlFormatter(), new Fixed("application/pdf", "x")));

    [Fact]
    public void Tensor_carries_the_attribute_the_kernel_looks_for_by_name()
    {
        var attribute = Assert.Single(typeof(Tensor).GetCustomAttributes(inherit: true), a => a.GetType().Name == "TypeFormatterSourceAttribute");
        var source = (TypeFormatterSourceAttribute)attribute;

        Assert.Equal(typeof(TensorFormatterSource), source.FormatterSourceType);
        Assert.Equal([RichOutputFormatterSource.PlainText], source.PreferredMimeTypes!);
        var formatter = Assert.IsType<TensorPlainTextFormatter>(Assert.Single(new TensorFormatterSource().CreateTypeFormatters()));
        var tensor = torch.tensor(new float[] { 1, 2 }, new long[] { 2 });
        Assert.Equal((true, tensor.ToString()!), Run(formatter, tensor));
        Assert.Equal((false, ""), Run(formatter, 3));
    }
}
