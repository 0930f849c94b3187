namespace NotebookRunner.Tests.Formatting.Convention;

// Types following .NET Interactive's convention, declared here and not in the course library: the runner must
// find the attribute by its name alone, whatever its namespace or assembly.

[AttributeUsage(AttributeTargets.Class | AttributeTargets.Interface, AllowMultiple = true, Inherited = true)]
internal sealed class TypeFormatterSourceAttribute(Type formatterSourceType) : Attribute
{
    public Type FormatterSourceType { get; } = formatterSourceType;
    public string[]? PreferredMimeTypes { get; set; }
}

internal sealed class TextFormatter(string mimeType, Func<object, string?> render, Type? type = null)
{
    public string MimeType { get; } = mimeType;
    public Type? Type { get; } = type;

    public bool Format(object instance, TextWriter writer)
    {
        string? text = render(instance);
        if (text is null) return false;
        writer.Write(text);
        return true;
    }
}

public sealed class GreetingSource
{
    public IEnumerable<object> CreateTypeFormatters()
    {
        yield return new TextFormatter("text/html", o => $"<b>hello {((Greeting)o).Name}</b>");
        yield return new TextFormatter("text/plain", o => $"hello {((Greeting)o).Name}");
        yield return new TextFormatter("image/svg+xml", _ => null);
    }
}

[TypeFormatterSource(typeof(GreetingSource), PreferredMimeTypes = new[] { "text/plain", "text/html" })]
public class Greeting(string name)
{
    public string Name { get; } = name;
}

public sealed class LoudGreeting(string name) : Greeting(name);

public sealed class UnpreferredSource
{
    public IEnumerable<object> CreateTypeFormatters()
    {
        yield return new TextFormatter("text/plain", o => "plain");
        yield return new TextFormatter("text/html", o => $"<b>{((GreetingWithoutPreference)o).Name}</b>");
    }
}

[TypeFormatterSource(typeof(UnpreferredSource))]
public sealed class GreetingWithoutPreference(string name)
{
    public string Name { get; } = name;
}

public sealed class PlainOnlySource
{
    public IEnumerable<object> CreateTypeFormatters()
    {
        yield return new TextFormatter("text/plain", _ => "from the formatter");
    }
}

[TypeFormatterSource(typeof(PlainOnlySource))]
public sealed class PlainOnly
{
    public override string ToString() => "from ToString";
}

public sealed class DecliningSource
{
    public IEnumerable<object> CreateTypeFormatters()
    {
        yield return new TextFormatter("text/plain", _ => null);
        yield return new TextFormatter("text/plain", o => ((Numbered)o).Value % 2 == 0 ? "even" : null);
        yield return new TextFormatter("text/plain", _ => "never for strings", typeof(string));
    }
}

[TypeFormatterSource(typeof(DecliningSource), PreferredMimeTypes = new[] { "text/plain" })]
public sealed class Numbered(int value)
{
    public int Value { get; } = value;
    public override string ToString() => $"#{Value}";
}

[TypeFormatterSource(typeof(GreetingSource))]
public interface IMarked;

public sealed class MarkedOnlyThroughInterface : IMarked;

public sealed class NoFactorySource;

[TypeFormatterSource(typeof(NoFactorySource))]
public sealed class BrokenSource;
