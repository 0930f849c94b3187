using System.Globalization;
using System.Text;

namespace MiniTorch;

public partial class Tensor
{
    private const int EdgeItems = 3;   // values shown at each end of a long dimension, as PyTorch's printoptions

    /// <summary>
    /// The shape line TorchSharp prints (<c>[2x3], type = Float32, device = cpu</c>) followed by the values, abbreviated
    /// with "..." beyond 3 items at each end of a dimension.
    /// </summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append('[').Append(string.Join("x", _shape)).Append("], type = ").Append(dtype).Append(", device = cpu");
        if (_requiresGrad) sb.Append(", requires_grad");
        sb.Append('\n');
        AppendValues(sb, 0, 0);
        return sb.ToString();
    }

    /// <summary>TorchSharp's <c>str()</c>: the same text as <see cref="ToString()"/>.</summary>
    public string str() => ToString();

    /// <summary>Writes <see cref="ToString()"/> to the console and returns this tensor.</summary>
    public Tensor print()
    {
        Console.WriteLine(ToString());
        return this;
    }

    private void AppendValues(StringBuilder sb, int dim, int offset)
    {
        if (_shape.Length == 0) { sb.Append(FormatValue(offset)); return; }
        int size = (int)_shape[dim];
        int stride = (int)Numel(_shape[(dim + 1)..]);
        sb.Append('[');
        for (int i = 0; i < size; i++)
        {
            if (size > 2 * EdgeItems && i == EdgeItems)
            {
                sb.Append("...");
                i = size - EdgeItems - 1;
                sb.Append(dim == _shape.Length - 1 ? ", " : ",\n" + new string(' ', dim + 1));
                continue;
            }
            if (dim == _shape.Length - 1) sb.Append(FormatValue(offset + i));
            else AppendValues(sb, dim + 1, offset + i * stride);
            if (i < size - 1) sb.Append(dim == _shape.Length - 1 ? ", " : ",\n" + new string(' ', dim + 1));
        }
        sb.Append(']');
    }

    private string FormatValue(int index)
    {
        if (Longs is not null) return Longs[index].ToString(CultureInfo.InvariantCulture);
        float v = Data[index];
        // Fixed notation hides tiny and huge values ("0" for 1e-5), so those switch to scientific notation.
        float magnitude = MathF.Abs(v);
        bool scientific = v != 0 && float.IsFinite(v) && (magnitude < 1e-4f || magnitude >= 1e6f);
        return v.ToString(scientific ? "0.####e+0" : "0.####", CultureInfo.InvariantCulture);
    }
}
