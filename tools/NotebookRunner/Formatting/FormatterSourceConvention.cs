using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;

namespace NotebookRunner.Formatting;

/// <summary>A formatter found through the convention: one MIME type, the type it applies to, and its Format method.</summary>
internal sealed record ConventionFormatter(string MimeType, Type FormattedType, Func<object, TextWriter, bool> Format);

/// <summary>The formatters a type's formatter sources provide, and the MIME types its attribute prefers.</summary>
internal sealed record FormatterSources(IReadOnlyList<ConventionFormatter> Formatters, IReadOnlyList<string>? PreferredMimeTypes)
{
    public static readonly FormatterSources None = new([], null);
}

/// <summary>
/// .NET Interactive's dependency-free formatter convention, applied the way the kernel applies it so that a
/// value renders the same in VS Code and here:
/// <list type="bullet">
/// <item>an attribute whose type is <em>named</em> <c>TypeFormatterSourceAttribute</c> (any namespace or assembly),
/// found with <c>Type.GetCustomAttributes(inherit: true)</c>, i.e. on the class and its base classes;</item>
/// <item>its <c>FormatterSourceType</c> property names a class with a parameterless constructor and a public
/// <c>CreateTypeFormatters()</c> returning an enumerable of formatter objects;</item>
/// <item>each formatter has a <c>string MimeType</c> property, a <c>bool Format(object, TextWriter)</c> method
/// (false: "not mine, try the next") and optionally a <c>Type Type</c> property (default: the attributed type);</item>
/// <item>the attribute's optional <c>string[] PreferredMimeTypes</c> chooses the MIME types a value is shown as.</item>
/// </list>
/// The kernel ignores the attribute on interfaces, so finding it only there is reported as an error instead of
/// rendering something VS Code would not.
/// </summary>
internal static class FormatterSourceConvention
{
    public const string AttributeName = "TypeFormatterSourceAttribute";

    private static readonly ConcurrentDictionary<Type, FormatterSources> Cache = new();

    /// <summary>The formatter sources of <paramref name="type"/> (cached; sources are created once per type, as in the kernel).</summary>
    public static FormatterSources For(Type type) => Cache.GetOrAdd(type, Discover);

    private static FormatterSources Discover(Type type)
    {
        var attributes = type.GetCustomAttributes(inherit: true).Where(IsFormatterSourceAttribute).ToList();
        if (attributes.Count == 0)
        {
            RejectInterfaceOnlyAttribute(type);
            return FormatterSources.None;
        }

        var formatters = new List<ConventionFormatter>();
        IReadOnlyList<string>? preferred = null;
        foreach (var attribute in attributes)
        {
            var sourceType = ReadProperty(attribute, "FormatterSourceType") as Type
                ?? throw new InvalidOperationException($"{type}: {AttributeName}.FormatterSourceType is not set to a type");
            formatters.AddRange(CreateFormatters(sourceType, type));
            if (preferred is null && ReadProperty(attribute, "PreferredMimeTypes") is string[] { Length: > 0 } mimeTypes)
                preferred = mimeTypes;
        }
        return new FormatterSources(formatters, preferred);
    }

    private static IEnumerable<ConventionFormatter> CreateFormatters(Type sourceType, Type attributedType)
    {
        object source;
        try
        {
            source = Activator.CreateInstance(sourceType)
                     ?? throw new InvalidOperationException($"formatter source {sourceType} could not be created");
        }
        catch (MissingMethodException e)
        {
            throw new InvalidOperationException($"formatter source {sourceType} (named by {attributedType}) needs a public parameterless constructor", e);
        }

        var create = sourceType.GetMethod("CreateTypeFormatters", BindingFlags.Public | BindingFlags.Instance, Type.EmptyTypes)
            ?? throw new InvalidOperationException($"formatter source {sourceType} has no public CreateTypeFormatters() method");
        if (create.Invoke(source, null) is not IEnumerable created)
            throw new InvalidOperationException($"{sourceType}.CreateTypeFormatters() returned no enumerable of formatters");

        foreach (var formatter in created)
        {
            if (formatter is null) continue;
            // As in the kernel, an object without a string MimeType is not a formatter and is skipped.
            if (ReadProperty(formatter, "MimeType") is not string mimeType) continue;
            var format = formatter.GetType().GetMethod("Format", BindingFlags.Public | BindingFlags.Instance, [typeof(object), typeof(TextWriter)]);
            if (format is null || format.ReturnType != typeof(bool))
                throw new InvalidOperationException($"formatter {formatter.GetType()} ({mimeType}) needs a public bool Format(object, TextWriter) method");
            var formattedType = ReadProperty(formatter, "Type") as Type ?? attributedType;
            yield return new ConventionFormatter(mimeType, formattedType, (value, writer) => Invoke(format, formatter, value, writer));
        }
    }

    private static bool Invoke(MethodInfo format, object formatter, object value, TextWriter writer)
    {
        try
        {
            return (bool)format.Invoke(formatter, [value, writer])!;
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            throw;
        }
    }

    private static void RejectInterfaceOnlyAttribute(Type type)
    {
        var carrier = type.GetInterfaces().FirstOrDefault(i => i.GetCustomAttributes(inherit: false).Any(IsFormatterSourceAttribute));
        if (carrier is null) return;
        throw new InvalidOperationException(
            $"{type}: its {AttributeName} is on the interface {carrier}, where the .NET Interactive kernel does not look " +
            $"(it reads the attributes of the class and its base classes). Put the attribute on {type.Name} so that VS Code renders it too.");
    }

    private static bool IsFormatterSourceAttribute(object attribute) => attribute.GetType().Name == AttributeName;

    private static object? ReadProperty(object target, string name) =>
        target.GetType().GetProperty(name, BindingFlags.Public | BindingFlags.Instance)?.GetValue(target);
}
