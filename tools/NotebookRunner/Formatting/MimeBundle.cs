namespace NotebookRunner.Formatting;

/// <summary>A displayed value rendered as one or more MIME types (nbformat's <c>data</c> bundle), in order.</summary>
public sealed class MimeBundle
{
    /// <summary>Plain text.</summary>
    public const string PlainText = "text/plain";
    /// <summary>HTML.</summary>
    public const string Html = "text/html";
    /// <summary>PNG image, base64-encoded.</summary>
    public const string Png = "image/png";
    /// <summary>SVG image.</summary>
    public const string Svg = "image/svg+xml";

    private readonly List<KeyValuePair<string, string>> _entries;

    /// <summary>A bundle of (MIME type, content) pairs; each MIME type may appear once.</summary>
    public MimeBundle(IEnumerable<KeyValuePair<string, string>> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        _entries = entries.ToList();
        var duplicate = _entries.GroupBy(e => e.Key).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new ArgumentException($"MIME type {duplicate.Key} appears {duplicate.Count()} times in one bundle", nameof(entries));
        if (_entries.Count == 0) throw new ArgumentException("a MIME bundle needs at least one entry", nameof(entries));
    }

    /// <summary>A bundle holding one entry.</summary>
    public static MimeBundle Of(string mimeType, string content) => new([new(mimeType, content)]);

    /// <summary>The entries in the order they were produced.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Entries => _entries;

    /// <summary>The content for <paramref name="mimeType"/>, or null.</summary>
    public string? this[string mimeType] => _entries.FirstOrDefault(e => e.Key == mimeType).Value;

    /// <summary>
    /// Whether nbformat stores the content as text lines (text/*, XML, JSON-ish script) rather than one string
    /// (base64 binary such as image/png).
    /// </summary>
    public static bool IsText(string mimeType) =>
        mimeType.StartsWith("text/", StringComparison.Ordinal)
        || mimeType.EndsWith("+xml", StringComparison.Ordinal)
        || mimeType == "application/javascript";
}
