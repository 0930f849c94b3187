using System.Reflection;
using NotebookRunner.Formatting;
using NotebookRunner.Tests.Support;

namespace NotebookRunner.Tests.Formatting;

/// <summary>The course library's formatter sources, loaded from lib/bin as a notebook loads them.</summary>
public class LibraryFormattersTests
{
    private static readonly Assembly Library = Assembly.LoadFrom(TestPaths.LibraryDll);

    [Fact]
    public void Tensor_prefers_plain_text_through_its_own_formatter()
    {
        var tensorType = Library.GetType("MiniTorch.Tensor", throwOnError: true)!;

        var sources = FormatterSourceConvention.For(tensorType);

        Assert.Equal(["text/plain"], sources.PreferredMimeTypes);
        var formatter = Assert.Single(sources.Formatters);
        Assert.Equal("text/plain", formatter.MimeType);
        Assert.Equal(tensorType, formatter.FormattedType);
        var attribute = tensorType.GetCustomAttributes(inherit: false).Single(a => a.GetType().Name == "TypeFormatterSourceAttribute");
        var sourceType = (Type)attribute.GetType().GetProperty("FormatterSourceType")!.GetValue(attribute)!;
        Assert.Equal("VaeCourse.Display.TensorFormatterSource", sourceType.FullName);
    }

    [Fact]
    public void Tensor_is_shown_as_its_text()
    {
        var torch = Library.GetType("MiniTorch.torch", throwOnError: true)!;
        var create = torch.GetMethod("tensor", [typeof(float[]), typeof(long[]), typeof(bool)])!;
        object tensor = create.Invoke(null, [new float[] { 1, 2, 3, 4 }, new long[] { 2, 2 }, false])!;

        var bundle = ValueFormatter.Format(tensor);

        Assert.Equal(["text/plain"], bundle.Entries.Select(e => e.Key));
        Assert.Equal(tensor.ToString(), bundle["text/plain"]);
    }

    [Fact]
    public void Rich_output_source_provides_png_svg_plain_and_html_formatters()
    {
        var sourceType = Library.GetType("VaeCourse.Display.RichOutputFormatterSource", throwOnError: true)!;
        var richOutput = Library.GetType("VaeCourse.Display.IRichOutput", throwOnError: true)!;
        object source = Activator.CreateInstance(sourceType)!;

        var formatters = ((System.Collections.IEnumerable)sourceType.GetMethod("CreateTypeFormatters")!.Invoke(source, null)!).Cast<object>().ToList();

        Assert.Equal(["image/png", "image/svg+xml", "text/plain", "text/html"],
            formatters.Select(f => (string)f.GetType().GetProperty("MimeType")!.GetValue(f)!));
        Assert.All(formatters, f => Assert.Equal(richOutput, f.GetType().GetProperty("Type")!.GetValue(f)));
        Assert.All(formatters, f => Assert.NotNull(f.GetType().GetMethod("Format", [typeof(object), typeof(TextWriter)])));
    }
}
