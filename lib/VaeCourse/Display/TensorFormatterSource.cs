using MiniTorch;

namespace VaeCourse.Display;

/// <summary>
/// Shows a <see cref="Tensor"/> as plain text (its <see cref="object.ToString"/>) in VS Code and in the runner,
/// through the .NET Interactive convention (see <see cref="TypeFormatterSourceAttribute"/>).
/// </summary>
public sealed class TensorFormatterSource
{
    /// <summary>Called by the kernel (and the runner) through reflection.</summary>
    public IEnumerable<object> CreateTypeFormatters()
    {
        yield return new TensorPlainTextFormatter();
    }
}

/// <summary>Writes a tensor's text form.</summary>
public sealed class TensorPlainTextFormatter
{
    /// <summary>Always text/plain.</summary>
    public string MimeType => RichOutputFormatterSource.PlainText;

    /// <summary>The values it applies to.</summary>
    public Type Type => typeof(Tensor);

    /// <summary>False (not handled) unless <paramref name="instance"/> is a <see cref="Tensor"/>.</summary>
    public bool Format(object instance, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (instance is not Tensor tensor) return false;
        writer.Write(tensor.ToString());
        return true;
    }
}
