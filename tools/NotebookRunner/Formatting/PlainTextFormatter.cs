using System.Collections;
using System.Globalization;
using System.Text;

namespace NotebookRunner.Formatting;

/// <summary>
/// Plain text for values without a formatter source, close to the kernel's: scalars in invariant culture,
/// sequences as <c>[ 1, 2, 3 ]</c> (shortened after <see cref="SequenceLimit"/> items), everything else by ToString().
/// </summary>
internal static class PlainTextFormatter
{
    public const int SequenceLimit = 20;
    public const string Null = "<null>";

    public static string Format(object? value)
    {
        var builder = new StringBuilder();
        Append(builder, value, nested: false);
        return builder.ToString();
    }

    private static void Append(StringBuilder builder, object? value, bool nested)
    {
        switch (value)
        {
            case null:
                builder.Append(Null);
                break;
            case string text:
                builder.Append(nested ? $"\"{text}\"" : text);
                break;
            case IFormattable formattable when value.GetType().IsPrimitive || value is decimal:
                builder.Append(formattable.ToString(null, CultureInfo.InvariantCulture));
                break;
            case IEnumerable sequence when !nested:
                AppendSequence(builder, sequence);
                break;
            default:
                builder.Append(value.ToString() ?? value.GetType().ToString());
                break;
        }
    }

    private static void AppendSequence(StringBuilder builder, IEnumerable sequence)
    {
        builder.Append("[ ");
        int count = 0;
        var enumerator = sequence.GetEnumerator();
        try
        {
            while (enumerator.MoveNext())
            {
                if (count == SequenceLimit)
                {
                    builder.Append(" ... (more)");
                    break;
                }
                if (count > 0) builder.Append(", ");
                Append(builder, enumerator.Current, nested: true);
                count++;
            }
        }
        finally
        {
            (enumerator as IDisposable)?.Dispose();
        }
        builder.Append(" ]");
    }
}
