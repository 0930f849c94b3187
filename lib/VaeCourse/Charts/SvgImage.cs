using VaeCourse.Checkpoints;
using VaeCourse.Display;

namespace VaeCourse.Charts;

/// <summary>A self-contained SVG picture (a chart) that saves itself and shows itself inline in a notebook.</summary>
[TypeFormatterSource(typeof(RichOutputFormatterSource), PreferredMimeTypes = new[] { RichOutputFormatterSource.Svg })]
public sealed class SvgImage : IRichOutput
{
    /// <summary>Wraps a complete SVG document.</summary>
    public SvgImage(string svg)
    {
        ArgumentNullException.ThrowIfNull(svg);
        if (!svg.TrimStart().StartsWith("<svg", StringComparison.Ordinal))
            throw new ArgumentException("SvgImage: the document must start with an <svg> element");
        Svg = svg;
    }

    /// <summary>The SVG document.</summary>
    public string Svg { get; }

    /// <summary>Writes the SVG (UTF-8) to <paramref name="path"/> atomically (temporary file, then rename).</summary>
    public void Save(string path) => AtomicFile.WriteAllText(path, "SvgImage.Save", Svg);

    /// <inheritdoc />
    public string MimeType => "image/svg+xml";

    /// <summary>The SVG markup itself, which is what notebook front ends expect for image/svg+xml.</summary>
    public string FormatContent() => Svg;

    /// <inheritdoc />
    public override string ToString() => $"SvgImage ({Svg.Length} characters)";
}
