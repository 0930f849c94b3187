namespace VaeCourse.Display;

/// <summary>
/// A value that shows itself as one MIME type (PNG image, SVG chart, plain text). The notebook kernel and the
/// project's runner both find the formatter through <see cref="TypeFormatterSourceAttribute"/>.
/// </summary>
public interface IRichOutput
{
    /// <summary>"image/png", "image/svg+xml", "text/html" or "text/plain".</summary>
    string MimeType { get; }

    /// <summary>The content as the kernel's display value for <see cref="MimeType"/> (PNG bytes as base64).</summary>
    string FormatContent();
}

/// <summary>
/// .NET Interactive's dependency-free formatter convention: the kernel looks this attribute up <em>by name</em>,
/// so the library needs no .NET Interactive package. (Completed by the notebook runner work.)
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct | AttributeTargets.Interface, Inherited = true)]
public sealed class TypeFormatterSourceAttribute(Type formatterSourceType) : Attribute
{
    public Type FormatterSourceType { get; } = formatterSourceType;
    public string[]? PreferredMimeTypes { get; set; }
}
