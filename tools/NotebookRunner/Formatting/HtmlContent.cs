namespace NotebookRunner.Formatting;

/// <summary>HTML to be shown as is (what the kernel's <c>HTML(string)</c> returns).</summary>
public sealed class HtmlContent
{
    /// <summary>Wraps <paramref name="html"/> without encoding it.</summary>
    public HtmlContent(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        Html = html;
    }

    /// <summary>The markup.</summary>
    public string Html { get; }

    /// <inheritdoc />
    public override string ToString() => Html;
}
