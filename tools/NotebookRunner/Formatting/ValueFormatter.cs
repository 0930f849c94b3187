using System.Net;

namespace NotebookRunner.Formatting;

/// <summary>
/// Turns a displayed value into a MIME bundle: through the value's formatter sources when it has any (the
/// .NET Interactive convention, see <see cref="FormatterSourceConvention"/>), otherwise as plain text.
/// </summary>
public static class ValueFormatter
{
    /// <summary>
    /// Formats <paramref name="value"/> for display. With <paramref name="mimeTypes"/> given, exactly those MIME
    /// types are produced (an error when one cannot be); otherwise the type's preferred MIME types, as the kernel
    /// chooses them.
    /// </summary>
    public static MimeBundle Format(object? value, params string[] mimeTypes)
    {
        ArgumentNullException.ThrowIfNull(mimeTypes);
        if (mimeTypes.Length > 0) return FormatAs(value, mimeTypes);

        switch (value)
        {
            case null:
                return MimeBundle.Of(MimeBundle.PlainText, PlainTextFormatter.Null);
            case HtmlContent html:
                return MimeBundle.Of(MimeBundle.Html, html.Html);
        }

        var sources = FormatterSourceConvention.For(value.GetType());
        if (sources.Formatters.Count > 0)
        {
            // The kernel's default MIME type for objects is text/html; a formatter source changes it with PreferredMimeTypes.
            var preferred = sources.PreferredMimeTypes ?? [MimeBundle.Html];
            var entries = preferred
                .Select(mimeType => (mimeType, content: TryConvention(value, mimeType, sources)))
                .Where(e => e.content is not null)
                .Select(e => new KeyValuePair<string, string>(e.mimeType, e.content!))
                .ToList();
            if (entries.Count > 0) return new MimeBundle(entries);
        }
        return MimeBundle.Of(MimeBundle.PlainText, PlainTextFormatter.Format(value));
    }

    private static MimeBundle FormatAs(object? value, string[] mimeTypes)
    {
        var sources = value is null ? FormatterSources.None : FormatterSourceConvention.For(value.GetType());
        var entries = new List<KeyValuePair<string, string>>();
        foreach (var mimeType in mimeTypes.Distinct(StringComparer.Ordinal))
        {
            string content = (value is null ? null : TryConvention(value, mimeType, sources))
                             ?? BuiltIn(value, mimeType)
                             ?? throw new ArgumentException($"No formatter is registered for MIME type {mimeType} (value of type {value!.GetType()}).", nameof(mimeTypes));
            entries.Add(new(mimeType, content));
        }
        return new MimeBundle(entries);
    }

    private static string? BuiltIn(object? value, string mimeType) => mimeType switch
    {
        MimeBundle.PlainText => PlainTextFormatter.Format(value),
        MimeBundle.Html => value is HtmlContent html ? html.Html : WebUtility.HtmlEncode(PlainTextFormatter.Format(value)),
        _ => null,
    };

    private static string? TryConvention(object value, string mimeType, FormatterSources sources)
    {
        var valueType = value.GetType();
        foreach (var formatter in sources.Formatters)
        {
            if (formatter.MimeType != mimeType || !formatter.FormattedType.IsAssignableFrom(valueType)) continue;
            using var writer = new StringWriter();
            if (formatter.Format(value, writer)) return writer.ToString();
        }
        return null;
    }
}
