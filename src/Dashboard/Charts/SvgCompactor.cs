using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Kinerja.Dashboard.Charts;

/// <summary>
/// Shrinks ScottPlot's SVG before it is cached and pushed to every screen. A chart goes to hundreds of screens
/// per data version, so its size is what the fan-out pays for (bench/Fanout README). What is drawn stays the
/// same; the steps, each safe on its own:
/// <list type="bullet">
/// <item>dashed lines, which SkiaSharp writes as one filled quadrilateral per dash, drawn as one dashed stroke again
/// (<see cref="SvgDashes"/>);</item>
/// <item>coordinates rounded to a tenth of a pixel;</item>
/// <item>a label's per-glyph positions (SkiaSharp writes one x per glyph) reduced to its first: the browser lays
/// the glyphs out itself, identically with the same font and naturally with a fallback one;</item>
/// <item>the indentation inside labels removed (SVG collapses it anyway);</item>
/// <item>presentation attributes equal to SVG's initial value dropped where no ancestor sets them;</item>
/// <item>zero-length subpaths of butt-capped stroke-only paths (ScottPlot's hidden minor ticks) dropped;</item>
/// <item>runs of sibling stroke-only paths with the same style merged into one path;</item>
/// <item>identical clip paths declared once;</item>
/// <item>the labels' common font family and size set once on the root, the family with a generic fallback so
/// a screen without that font still draws a sans-serif face;</item>
/// <item>no XML declaration (UTF-8 is SVG's default) and no indentation.</item>
/// </list>
/// </summary>
public static partial class SvgCompactor
{
    private static readonly HashSet<string> Geometry = new(StringComparer.Ordinal)
    {
        "d", "x", "y", "width", "height", "transform", "points", "x1", "x2", "y1", "y2", "cx", "cy", "r", "rx", "ry",
    };

    /// <summary>SVG's initial values of the presentation attributes SkiaSharp writes out explicitly.</summary>
    private static readonly Dictionary<string, string> Initial = new(StringComparer.Ordinal)
    {
        ["stroke-width"] = "1",
        ["stroke-miterlimit"] = "4",
        ["fill-opacity"] = "1",
        ["stroke-opacity"] = "1",
        ["opacity"] = "1",
    };

    public static string Compact(string svg)
    {
        var doc = XDocument.Parse(svg);
        var root = doc.Root!;
        foreach (var path in root.Descendants().Where(e => e.Name.LocalName == "path").ToList())
        {
            SvgDashes.TryCollapse(path);
        }
        foreach (var element in root.DescendantsAndSelf())
        {
            RoundGeometry(element);
            if (element.Name.LocalName == "text")
            {
                FirstGlyphOnly(element);
                TrimLabel(element);
            }
        }
        foreach (var element in root.Descendants().ToList())
        {
            DropInitialValues(element);
            if (element.Name.LocalName == "path")
            {
                DropZeroLengthSubpaths(element);
            }
        }
        foreach (var parent in root.DescendantsAndSelf().ToList())
        {
            MergeStrokePaths(parent);
        }
        DeduplicateClipPaths(root);
        HoistLabelFont(root);
        return root.ToString(SaveOptions.DisableFormatting);
    }

    private static void RoundGeometry(XElement element)
    {
        foreach (var attribute in element.Attributes())
        {
            if (Geometry.Contains(attribute.Name.LocalName))
            {
                attribute.Value = Decimal().Replace(attribute.Value, Round);
            }
        }
    }

    /// <summary><c>x="-28.6, -15.9, "</c> (one per glyph) becomes <c>x="-28.6"</c>; the same for <c>y</c>.</summary>
    private static void FirstGlyphOnly(XElement text)
    {
        foreach (var name in new[] { "x", "y" })
        {
            if (text.Attribute(name) is { } attribute && attribute.Value.Contains(','))
            {
                attribute.Value = attribute.Value.Split(',', StringSplitOptions.TrimEntries)[0];
            }
        }
    }

    private static void TrimLabel(XElement text)
    {
        if (!text.HasElements && text.Value.Trim() is var trimmed && trimmed.Length != text.Value.Length)
        {
            text.Value = trimmed;
        }
    }

    private static void DropInitialValues(XElement element)
    {
        foreach (var attribute in element.Attributes().ToList())
        {
            if (Initial.TryGetValue(attribute.Name.LocalName, out var initial) && attribute.Value == initial
                && !element.Ancestors().Any(a => a.Attribute(attribute.Name) is not null))
            {
                attribute.Remove();
            }
        }
    }

    /// <summary>
    /// <c>M x y L x y</c> with nothing else draws nothing with SVG's default butt caps and no fill; ScottPlot writes
    /// one per minor tick even when their length is zero.
    /// </summary>
    private static void DropZeroLengthSubpaths(XElement path)
    {
        if ((string?)path.Attribute("fill") != "none" || path.Attribute("d") is not { } d
            || path.AncestorsAndSelf().Any(e => e.Attribute("stroke-linecap") is not null))
        {
            return;
        }
        var kept = ZeroLengthSubpath().Replace(d.Value, "");
        if (kept.Length == d.Value.Length)
        {
            return;
        }
        if (kept.Length == 0)
        {
            path.Remove();
        }
        else
        {
            d.Value = kept;
        }
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

    /// <summary>ScottPlot declares the same data-area clip once per layer; later copies point at the first.</summary>
    private static void DeduplicateClipPaths(XElement root)
    {
        var first = new Dictionary<string, string>(StringComparer.Ordinal);
        var renamed = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var clip in root.Descendants().Where(e => e.Name.LocalName == "clipPath").ToList())
        {
            if ((string?)clip.Attribute("id") is not { } id)
            {
                continue;
            }
            var shape = string.Concat(clip.Nodes().Select(n => n.ToString(SaveOptions.DisableFormatting)));
            if (first.TryGetValue(shape, out var kept))
            {
                renamed[$"url(#{id})"] = $"url(#{kept})";
                clip.Remove();
            }
            else
            {
                first[shape] = id;
            }
        }
        if (renamed.Count == 0)
        {
            return;
        }
        foreach (var attribute in root.DescendantsAndSelf().SelectMany(e => e.Attributes()))
        {
            if (renamed.TryGetValue(attribute.Value, out var target))
            {
                attribute.Value = target;
            }
        }
    }

    /// <summary>The labels' most common font family and size go on the root; labels keep only what differs.</summary>
    private static void HoistLabelFont(XElement root)
    {
        var labels = root.Descendants().Where(e => e.Name.LocalName == "text").ToList();
        foreach (var name in new[] { "font-family", "font-size" })
        {
            // Labels without the attribute would inherit the hoisted value: then leave that attribute alone.
            if (root.Attribute(name) is not null || labels.Any(l => l.Attribute(name) is null)
                || root.Descendants().Any(e => e.Name.LocalName != "text" && e.Attribute(name) is not null))
            {
                continue;
            }
            var common = labels.GroupBy(l => (string)l.Attribute(name)!, StringComparer.Ordinal).MaxBy(g => g.Count())?.Key;
            if (common is null)
            {
                continue;
            }
            foreach (var label in labels.Where(l => (string)l.Attribute(name)! == common))
            {
                label.Attribute(name)!.Remove();
            }
            root.SetAttributeValue(name, name == "font-family" ? WithGenericFallback(common) : common);
        }
    }

    private static string WithGenericFallback(string family) =>
        GenericFamily().IsMatch(family) ? family : family + ", sans-serif";

    private static string Round(Match m)
    {
        var value = Math.Round(double.Parse(m.Value, CultureInfo.InvariantCulture), 1, MidpointRounding.AwayFromZero);
        return value.ToString("0.#", CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"-?\d+\.\d+")]
    private static partial Regex Decimal();

    [GeneratedRegex(@"M(-?[\d.]+) (-?[\d.]+)L\1 \2(?=M|$)")]
    private static partial Regex ZeroLengthSubpath();

    [GeneratedRegex(@"\b(serif|sans-serif|monospace|cursive|fantasy|system-ui)\b")]
    private static partial Regex GenericFamily();
}
