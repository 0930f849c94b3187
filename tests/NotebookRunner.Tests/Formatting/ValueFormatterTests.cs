using NotebookRunner.Formatting;
using NotebookRunner.Tests.Formatting.Convention;

namespace NotebookRunner.Tests.Formatting;

public class ValueFormatterTests
{
    [Fact]
    public void Attribute_is_found_by_name_and_preferred_mime_types_are_produced_in_order()
    {
        var bundle = ValueFormatter.Format(new Greeting("Ada"));

        Assert.Equal(["text/plain", "text/html"], bundle.Entries.Select(e => e.Key));
        Assert.Equal("hello Ada", bundle["text/plain"]);
        Assert.Equal("<b>hello Ada</b>", bundle["text/html"]);
    }

    [Fact]
    public void Attribute_on_a_base_class_applies_to_subclasses()
    {
        Assert.Equal("hello Bo", ValueFormatter.Format(new LoudGreeting("Bo"))["text/plain"]);
    }

    [Fact]
    public void Without_a_preference_the_kernel_default_html_is_used()
    {
        var bundle = ValueFormatter.Format(new GreetingWithoutPreference("Cy"));

        Assert.Equal(["text/html"], bundle.Entries.Select(e => e.Key));
        Assert.Equal("<b>Cy</b>", bundle["text/html"]);
    }

    [Fact]
    public void Without_a_preference_or_an_html_formatter_plain_text_comes_from_ToString()
    {
        // The kernel would ask for text/html and fall back to its own HTML table; the runner falls back to text.
        var bundle = ValueFormatter.Format(new PlainOnly());

        Assert.Equal("from ToString", bundle["text/plain"]);
    }

    [Fact]
    public void Formatters_that_decline_pass_to_the_next_and_irrelevant_ones_are_skipped()
    {
        Assert.Equal("even", ValueFormatter.Format(new Numbered(4))["text/plain"]);
        Assert.Equal("#3", ValueFormatter.Format(new Numbered(3))["text/plain"]);
    }

    [Fact]
    public void Attribute_only_on_an_interface_is_an_error_because_the_kernel_ignores_it()
    {
        var error = Assert.Throws<InvalidOperationException>(() => ValueFormatter.Format(new MarkedOnlyThroughInterface()));

        Assert.Contains("is on the interface", error.Message);
        Assert.Contains(nameof(IMarked), error.Message);
        Assert.Contains($"Put the attribute on {nameof(MarkedOnlyThroughInterface)}", error.Message);
    }

    [Fact]
    public void Source_without_a_factory_method_is_reported()
    {
        var error = Assert.Throws<InvalidOperationException>(() => ValueFormatter.Format(new BrokenSource()));

        Assert.Contains($"{nameof(NoFactorySource)} has no public CreateTypeFormatters()", error.Message);
    }

    [Fact]
    public void Requested_mime_types_use_formatters_then_built_ins()
    {
        var bundle = ValueFormatter.Format(new Greeting("Di"), "text/html", "text/plain");
        Assert.Equal(["text/html", "text/plain"], bundle.Entries.Select(e => e.Key));
        Assert.Equal("<b>hello Di</b>", bundle["text/html"]);

        var builtIn = ValueFormatter.Format("a < b", "text/plain", "text/html");
        Assert.Equal("a < b", builtIn["text/plain"]);
        Assert.Equal("a &lt; b", builtIn["text/html"]);
    }

    [Fact]
    public void Requested_mime_type_without_a_formatter_is_an_error()
    {
        var error = Assert.Throws<ArgumentException>(() => ValueFormatter.Format(new Greeting("Ed"), "image/png"));

        Assert.StartsWith("No formatter is registered for MIME type image/png", error.Message);
    }

    [Fact]
    public void Html_content_is_html_and_null_is_shown_as_the_kernel_shows_it()
    {
        Assert.Equal("<p>x</p>", ValueFormatter.Format(new HtmlContent("<p>x</p>"))["text/html"]);
        Assert.Equal("<null>", ValueFormatter.Format(null)["text/plain"]);
    }

    [Theory]
    [InlineData(1.5, "1.5")]
    [InlineData(-2.25f, "-2.25")]
    [InlineData(42L, "42")]
    public void Scalars_use_the_invariant_culture(object value, string expected)
    {
        var previous = Thread.CurrentThread.CurrentCulture;
        Thread.CurrentThread.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
        try
        {
            Assert.Equal(expected, ValueFormatter.Format(value)["text/plain"]);
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = previous;
        }
    }

    [Fact]
    public void Sequences_are_listed_and_long_ones_shortened()
    {
        Assert.Equal("[ 1, 2, 3 ]", ValueFormatter.Format(new[] { 1, 2, 3 })["text/plain"]);
        Assert.Equal("[ \"a\", <null> ]", ValueFormatter.Format(new List<string?> { "a", null })["text/plain"]);
        string expected = "[ " + string.Join(", ", Enumerable.Range(0, 20)) + " ... (more) ]";
        Assert.Equal(expected, ValueFormatter.Format(Enumerable.Range(0, 1000))["text/plain"]);
    }
}
