using System.Globalization;
using System.Text;

namespace VaeCourse.Charts;

/// <summary>
/// Builds an SVG document element by element. Numbers are written in the invariant culture (a German locale
/// would otherwise write "1,5" and break the file) and all text is XML-escaped.
/// </summary>
internal sealed class SvgWriter
{
    private readonly StringBuilder _svg = new();
    private int _openGroups;

    public SvgWriter(double width, double height, string fontFamily = "DejaVu Sans, Helvetica, Arial, sans-serif")
    {
        _svg.Append("<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\"")
            .Append(" width=\"").Append(Number(width)).Append("\" height=\"").Append(Number(height)).Append('"')
            .Append(" viewBox=\"0 0 ").Append(Number(width)).Append(' ').Append(Number(height)).Append('"')
            .Append(" font-family=\"").Append(Escape(fontFamily)).Append("\">\n");
    }

    /// <summary>A number with at most two decimals, invariant culture, no exponent: enough for pixel positions.</summary>
    public static string Number(double value) =>
        double.IsFinite(value) ? Math.Round(value, 2).ToString("0.##", CultureInfo.InvariantCulture) : "0";

    /// <summary>Escapes text for element content and attribute values; drops characters XML 1.0 forbids.</summary>
    public static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length);
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            switch (c)
            {
                case '&': escaped.Append("&amp;"); break;
                case '<': escaped.Append("&lt;"); break;
                case '>': escaped.Append("&gt;"); break;
                case '"': escaped.Append("&quot;"); break;
                case '\'': escaped.Append("&apos;"); break;
                case '\t' or '\n' or '\r': escaped.Append(c); break;
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                        escaped.Append(c).Append(text[++i]);
                    else if (c >= 0x20 && !char.IsSurrogate(c) && c != '\uFFFE' && c != '\uFFFF')
                        escaped.Append(c);
                    break;
            }
        }
        return escaped.ToString();
    }

    public SvgWriter Rect(double x, double y, double width, double height, string fill, string? stroke = null)
    {
        _svg.Append("<rect x=\"").Append(Number(x)).Append("\" y=\"").Append(Number(y))
            .Append("\" width=\"").Append(Number(width)).Append("\" height=\"").Append(Number(height))
            .Append("\" fill=\"").Append(Escape(fill)).Append('"');
        if (stroke is not null) _svg.Append(" stroke=\"").Append(Escape(stroke)).Append('"');
        _svg.Append("/>\n");
        return this;
    }

    public SvgWriter Line(double x1, double y1, double x2, double y2, string stroke, double strokeWidth = 1, string? dash = null)
    {
        _svg.Append("<line x1=\"").Append(Number(x1)).Append("\" y1=\"").Append(Number(y1))
            .Append("\" x2=\"").Append(Number(x2)).Append("\" y2=\"").Append(Number(y2))
            .Append("\" stroke=\"").Append(Escape(stroke)).Append("\" stroke-width=\"").Append(Number(strokeWidth)).Append('"');
        if (dash is not null) _svg.Append(" stroke-dasharray=\"").Append(Escape(dash)).Append('"');
        _svg.Append("/>\n");
        return this;
    }

    public SvgWriter Polyline(IReadOnlyList<(double X, double Y)> points, string stroke, double strokeWidth, string? dash = null)
    {
        _svg.Append("<polyline fill=\"none\" stroke=\"").Append(Escape(stroke))
            .Append("\" stroke-width=\"").Append(Number(strokeWidth)).Append("\" stroke-linejoin=\"round\"");
        if (dash is not null) _svg.Append(" stroke-dasharray=\"").Append(Escape(dash)).Append('"');
        _svg.Append(" points=\"");
        for (int i = 0; i < points.Count; i++)
        {
            if (i > 0) _svg.Append(' ');
            _svg.Append(Number(points[i].X)).Append(',').Append(Number(points[i].Y));
        }
        _svg.Append("\"/>\n");
        return this;
    }

    /// <summary>A circle; fill and opacity come from the enclosing group when <paramref name="fill"/> is null.</summary>
    public SvgWriter Circle(double cx, double cy, double r, string? fill = null)
    {
        _svg.Append("<circle cx=\"").Append(Number(cx)).Append("\" cy=\"").Append(Number(cy))
            .Append("\" r=\"").Append(Number(r)).Append('"');
        if (fill is not null) _svg.Append(" fill=\"").Append(Escape(fill)).Append('"');
        _svg.Append("/>\n");
        return this;
    }

    /// <summary>Text anchored at (x, y); <paramref name="anchor"/> is start, middle or end; optional rotation in degrees.</summary>
    public SvgWriter Text(double x, double y, string text, double size = 12, string anchor = "start",
        string fill = "#222", double rotate = 0, string? weight = null, string? cssClass = null)
    {
        _svg.Append("<text x=\"").Append(Number(x)).Append("\" y=\"").Append(Number(y))
            .Append("\" font-size=\"").Append(Number(size)).Append("\" text-anchor=\"").Append(Escape(anchor))
            .Append("\" fill=\"").Append(Escape(fill)).Append('"');
        if (weight is not null) _svg.Append(" font-weight=\"").Append(Escape(weight)).Append('"');
        if (cssClass is not null) _svg.Append(" class=\"").Append(Escape(cssClass)).Append('"');
        if (rotate != 0)
            _svg.Append(" transform=\"rotate(").Append(Number(rotate)).Append(' ').Append(Number(x)).Append(' ').Append(Number(y)).Append(")\"");
        _svg.Append('>').Append(Escape(text)).Append("</text>\n");
        return this;
    }

    /// <summary>Opens a &lt;g&gt; whose attributes (already escaped name="value" pairs) its children inherit.</summary>
    public SvgWriter OpenGroup(params (string Name, string Value)[] attributes)
    {
        _svg.Append("<g");
        foreach ((string name, string value) in attributes)
            _svg.Append(' ').Append(name).Append("=\"").Append(Escape(value)).Append('"');
        _svg.Append(">\n");
        _openGroups++;
        return this;
    }

    public SvgWriter CloseGroup()
    {
        if (_openGroups == 0) throw new InvalidOperationException("SvgWriter: no group is open");
        _openGroups--;
        _svg.Append("</g>\n");
        return this;
    }

    /// <summary>The finished document (closes any open groups).</summary>
    public string Finish()
    {
        while (_openGroups > 0) CloseGroup();
        return _svg.ToString() + "</svg>\n";
    }
}
