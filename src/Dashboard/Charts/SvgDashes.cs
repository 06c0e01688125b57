using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Kinerja.Dashboard.Charts;

/// <summary>
/// SkiaSharp's SVG canvas writes a dashed line (ScottPlot's <c>LinePattern.Dashed</c>: the monthly target, the IKM
/// band limits) as one filled quadrilateral per dash, about 70 bytes each. <see cref="TryCollapse"/> turns such a
/// path back into the single stroked line it draws, with <c>stroke-dasharray</c>: the same dashes at the same places,
/// a tenth of the bytes. Anything that is not exactly that shape (equal-width rectangles along one straight line,
/// equal dashes at a constant period, only the last one shorter) is left as it is.
/// </summary>
internal static partial class SvgDashes
{
    private const int MinDashes = 4;
    private const double Tolerance = 0.15; // px: the canvas writes 3 decimals

    /// <summary>Replaces <paramref name="path"/>'s filled dashes by one dashed stroke; false when it is not a dash run.</summary>
    public static bool TryCollapse(XElement path)
    {
        if ((string?)path.Attribute("fill") is not { } color || color == "none" || path.Attribute("stroke") is not null
            || (string?)path.Attribute("d") is not { } d)
        {
            return false;
        }
        var quads = Quads(d);
        if (quads is null || quads.Count < MinDashes || Pattern(quads) is not { } dash)
        {
            return false;
        }
        var opacity = (string?)path.Attribute("fill-opacity");
        path.SetAttributeValue("fill", "none");
        path.SetAttributeValue("fill-opacity", null);
        path.SetAttributeValue("stroke", color);
        path.SetAttributeValue("stroke-opacity", opacity);
        // Written to a thousandth; SvgCompactor rounds the path's geometry to a tenth like every other path's.
        path.SetAttributeValue("stroke-width", Format(dash.Width));
        path.SetAttributeValue("stroke-dasharray", $"{Format(dash.Length)} {Format(dash.Period - dash.Length)}");
        path.SetAttributeValue("d", $"M{Format(dash.From.X)} {Format(dash.From.Y)}L{Format(dash.To.X)} {Format(dash.To.Y)}");
        return true;
    }

    private readonly record struct Point(double X, double Y)
    {
        public static Point operator -(Point a, Point b) => new(a.X - b.X, a.Y - b.Y);
        public static Point operator +(Point a, Point b) => new(a.X + b.X, a.Y + b.Y);
        public Point Half => new(X / 2, Y / 2);
        public double Length => Math.Sqrt(X * X + Y * Y);
        public double Dot(Point o) => X * o.X + Y * o.Y;
    }

    /// <summary>One dash: its centre line from <paramref name="Start"/> to <paramref name="End"/>, and its width.</summary>
    private readonly record struct Quad(Point Start, Point End, double Width);

    private sealed record Dashes(Point From, Point To, double Length, double Period, double Width);

    /// <summary>The dashes of <c>M a L b L c L d</c> subpaths (a→b along the line, b→c across), or null.</summary>
    private static List<Quad>? Quads(string d)
    {
        var quads = new List<Quad>();
        var at = 0;
        foreach (Match m in QuadPattern().Matches(d))
        {
            if (m.Index != at)
            {
                return null;
            }
            at = m.Index + m.Length;
            var p = Enumerable.Range(1, 8).Select(i => double.Parse(m.Groups[i].Value, CultureInfo.InvariantCulture)).ToArray();
            Point a = new(p[0], p[1]), b = new(p[2], p[3]), c = new(p[4], p[5]), e = new(p[6], p[7]);
            var along = b - a;
            var across = e - a;
            if ((c - b - across).Length > Tolerance || along.Length < 0.01 || Math.Abs(along.Dot(across)) > Tolerance * along.Length)
            {
                return null; // not a rectangle
            }
            quads.Add(new Quad((a + e).Half, (b + c).Half, across.Length));
        }
        return at == d.Length ? quads : null;
    }

    /// <summary>Equal widths, one straight line, equal dashes at one period (the last may be cut short), or null.</summary>
    private static Dashes? Pattern(List<Quad> quads)
    {
        var first = quads[0];
        var last = quads[^1];
        var line = last.End - first.Start;
        if (line.Length < 1)
        {
            return null;
        }
        var direction = new Point(line.X / line.Length, line.Y / line.Length);
        var normal = new Point(-direction.Y, direction.X);
        var length = (first.End - first.Start).Length;
        var period = (last.Start - first.Start).Dot(direction) / (quads.Count - 1);
        for (var i = 0; i < quads.Count; i++)
        {
            var q = quads[i];
            var dashLength = (q.End - q.Start).Dot(direction);
            var onLine = Math.Abs((q.Start - first.Start).Dot(normal)) <= Tolerance && Math.Abs((q.End - first.Start).Dot(normal)) <= Tolerance;
            var inStep = Math.Abs((q.Start - first.Start).Dot(direction) - i * period) <= Tolerance;
            var sameLength = i == quads.Count - 1 ? dashLength <= length + Tolerance && dashLength > 0 : Math.Abs(dashLength - length) <= Tolerance;
            if (!onLine || !inStep || !sameLength || Math.Abs(q.Width - first.Width) > Tolerance)
            {
                return null;
            }
        }
        return period > length + Tolerance ? new Dashes(first.Start, last.End, length, period, first.Width) : null;
    }

    private static string Format(double value) =>
        Math.Round(value, 3, MidpointRounding.AwayFromZero).ToString("0.###", CultureInfo.InvariantCulture);

    private const string Number = @"(-?\d+(?:\.\d+)?)";

    [GeneratedRegex($"M{Number} {Number}L{Number} {Number}L{Number} {Number}L{Number} {Number}Z?")]
    private static partial Regex QuadPattern();
}
