using System.Net;

namespace VaeCourse.Display;

/// <summary>
/// The formatter source for <see cref="IRichOutput"/> values, following the .NET Interactive convention (see
/// <see cref="TypeFormatterSourceAttribute"/>): one formatter per MIME type, each writing the value's content
/// when the value is of that MIME type. The text/html formatter also embeds PNG and SVG, so a value still
/// renders when the kernel asks for HTML (its default when a class names no preferred MIME type).
/// </summary>
public sealed class RichOutputFormatterSource
{
    /// <summary>PNG image, content base64-encoded.</summary>
    public const string Png = "image/png";
    /// <summary>SVG image, content as XML text.</summary>
    public const string Svg = "image/svg+xml";
    /// <summary>HTML.</summary>
    public const string Html = "text/html";
    /// <summary>Plain text.</summary>
    public const string PlainText = "text/plain";

    /// <summary>Called by the kernel (and the runner) through reflection.</summary>
    public IEnumerable<object> CreateTypeFormatters()
    {
        yield return new RichOutputFormatter(Png);
        yield return new RichOutputFormatter(Svg);
        yield return new RichOutputFormatter(PlainText);
        yield return new RichOutputHtmlFormatter();
    }
}

/// <summary>Writes an <see cref="IRichOutput"/>'s content as is when its MIME type is this formatter's.</summary>
public sealed class RichOutputFormatter
{
    /// <summary>A formatter for <paramref name="mimeType"/>.</summary>
    public RichOutputFormatter(string mimeType)
    {
        ArgumentException.ThrowIfNullOrEmpty(mimeType);
        MimeType = mimeType;
    }

    /// <summary>The MIME type this formatter produces.</summary>
    public string MimeType { get; }

    /// <summary>The values it applies to.</summary>
    public Type Type => typeof(IRichOutput);

    /// <summary>False (not handled) unless <paramref name="instance"/> is an <see cref="IRichOutput"/> of <see cref="MimeType"/>.</summary>
    public bool Format(object instance, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (instance is not IRichOutput output || output.MimeType != MimeType) return false;
        writer.Write(output.FormatContent());
        return true;
    }
}

/// <summary>Shows any <see cref="IRichOutput"/> as HTML: PNG as an embedded image, SVG inline, text preformatted.</summary>
public sealed class RichOutputHtmlFormatter
{
    /// <summary>Always text/html.</summary>
    public string MimeType => RichOutputFormatterSource.Html;

    /// <summary>The values it applies to.</summary>
    public Type Type => typeof(IRichOutput);

    /// <summary>False unless <paramref name="instance"/> is an <see cref="IRichOutput"/> of a known MIME type.</summary>
    public bool Format(object instance, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (instance is not IRichOutput output) return false;
        string? html = output.MimeType switch
        {
            RichOutputFormatterSource.Html => output.FormatContent(),
            RichOutputFormatterSource.Svg => output.FormatContent(),
            RichOutputFormatterSource.Png => $"<img src=\"data:image/png;base64,{output.FormatContent()}\" />",
            RichOutputFormatterSource.PlainText => $"<pre>{WebUtility.HtmlEncode(output.FormatContent())}</pre>",
            _ => null,
        };
        if (html is null) return false;
        writer.Write(html);
        return true;
    }
}
