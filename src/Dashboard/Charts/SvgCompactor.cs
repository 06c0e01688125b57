using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Kinerja.Dashboard.Charts;

/// <summary>
/// Shrinks ScottPlot's SVG before it is cached and pushed to every screen: coordinates rounded to a tenth of a
/// pixel, runs of sibling stroke-only paths with the same style merged into one path, no indentation. Text
/// content, colours and what is drawn stay the same; a chart goes to hundreds of screens per data version, so
/// its size is what the fan-out pays for (bench/Fanout README).
/// </summary>
public static partial class SvgCompactor
{
    private static readonly HashSet<string> Geometry = new(StringComparer.Ordinal)
    {
        "d", "x", "y", "width", "height", "transform", "points", "x1", "x2", "y1", "y2", "cx", "cy", "r", "rx", "ry",
    };

    public static string Compact(string svg)
    {
        var doc = XDocument.Parse(svg);
        foreach (var element in doc.Descendants())
        {
            foreach (var attribute in element.Attributes())
            {
                if (Geometry.Contains(attribute.Name.LocalName))
                {
                    attribute.Value = Decimal().Replace(attribute.Value, Round);
                }
            }
        }
        foreach (var parent in doc.Descendants().ToList())
        {
            MergeStrokePaths(parent);
        }
        return doc.Declaration + doc.Root!.ToString(SaveOptions.DisableFormatting);
    }

    /// <summary>Consecutive <c>path</c> siblings with <c>fill="none"</c> and equal other attributes become one path.</summary>
    private static void MergeStrokePaths(XElement parent)
    {
        XElement? run = null;
        foreach (var node in parent.Nodes().ToList())
        {
            if (node is not XElement { Name.LocalName: "path" } path || (string?)path.Attribute("fill") != "none"
                || path.HasElements || path.Attribute("d") is null)
            {
                run = null;
                continue;
            }
            if (run is not null && SameStyle(run, path))
            {
                run.SetAttributeValue("d", (string)run.Attribute("d")! + (string)path.Attribute("d")!);
                path.Remove();
                continue;
            }
            run = path;
        }
    }

    private static bool SameStyle(XElement a, XElement b)
    {
        var left = a.Attributes().Where(x => x.Name.LocalName != "d").Select(x => (x.Name, x.Value)).ToList();
        var right = b.Attributes().Where(x => x.Name.LocalName != "d").Select(x => (x.Name, x.Value)).ToList();
        return left.Count == right.Count && !left.Except(right).Any();
    }

    private static string Round(Match m)
    {
        var value = Math.Round(double.Parse(m.Value, CultureInfo.InvariantCulture), 1, MidpointRounding.AwayFromZero);
        return value.ToString("0.#", CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"-?\d+\.\d+")]
    private static partial Regex Decimal();
}
