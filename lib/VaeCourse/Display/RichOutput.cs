namespace VaeCourse.Display;

/// <summary>
/// A value that shows itself as one MIME type (PNG image, SVG chart, HTML or plain text) in a notebook.
/// </summary>
/// <remarks>
/// The .NET Interactive kernel reads <see cref="TypeFormatterSourceAttribute"/> from the class and its base
/// classes only, never from interfaces, so each implementation carries the attribute itself, naming
/// <see cref="RichOutputFormatterSource"/> and its MIME type:
/// <code>
/// [TypeFormatterSource(typeof(RichOutputFormatterSource), PreferredMimeTypes = new[] { RichOutputFormatterSource.Png })]
/// public sealed class ImageGrid : IRichOutput { ... }
/// </code>
/// VS Code and the project's notebook runner then show it the same way (PNG as <c>image/png</c>, SVG as
/// <c>image/svg+xml</c>).
/// </remarks>
public interface IRichOutput
{
    /// <summary>"image/png", "image/svg+xml", "text/html" or "text/plain".</summary>
    string MimeType { get; }

    /// <summary>The content as the kernel's display value for <see cref="MimeType"/> (PNG bytes as base64).</summary>
    string FormatContent();
}

/// <summary>
/// .NET Interactive's dependency-free formatter convention: the kernel finds this attribute <em>by name</em> on a
/// value's class (or a base class), creates <see cref="FormatterSourceType"/> with its parameterless constructor,
/// calls its <c>CreateTypeFormatters()</c>, and uses each formatter's <c>MimeType</c> and
/// <c>bool Format(object, TextWriter)</c>. So the library needs no .NET Interactive package.
/// </summary>
/// <param name="formatterSourceType">A class with a public parameterless constructor and <c>CreateTypeFormatters()</c>.</param>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = true, Inherited = true)]
public sealed class TypeFormatterSourceAttribute(Type formatterSourceType) : Attribute
{
    /// <summary>The class whose <c>CreateTypeFormatters()</c> supplies the formatters.</summary>
    public Type FormatterSourceType { get; } = formatterSourceType;

    /// <summary>The MIME types the value is shown as, best first (the kernel otherwise picks text/html).</summary>
    public string[]? PreferredMimeTypes { get; set; }
}
