using System.Text.RegularExpressions;
using System.Xml.Linq;
using Kinerja.Dashboard.Charts;

namespace Kinerja.Dashboard.Tests.Charts;

/// <summary>The pushed SVG is smaller than ScottPlot's, and draws the same things with the same words.</summary>
public sealed partial class SvgCompactorTests
{
    private static readonly ChartSpec[] Specs =
    [
        new PercentBarsSpec("p.uji.pengisian", "Pengisian laporan hari ini",
            ["Dinas Pendidikan", "Dinas Kesehatan", "Badan Keuangan Daerah", "Kecamatan Siantar Barat"],
            [100, 97.5, 61.25, double.NaN], 90, 70),
        new CumulativeMinutesSpec("r.uji.aktivitas", "Menit aktivitas bulan ini", 30,
            Enumerable.Range(1, 25).Select(d => (double)d).ToArray(),
            Enumerable.Range(1, 25).Select(d => d * 212.5).ToArray(),
            Enumerable.Range(1, 25).Select(d => d * 260.25).ToArray(), [1, 30], [225, 6750]),
        new IkmTrendSpec("p.uji.ikm", "Indeks kepuasan masyarakat", ["2026-09", "2026-10", "2026-11"], [81.37, 88.31, 76.6]),
    ];

    public static TheoryData<int> Charts() => [0, 1, 2];

    [Theory]
    [MemberData(nameof(Charts))]
    public void Compact_RenderedChart_IsMuchSmaller(int chart)
    {
        var raw = ScottPlotSvg(Specs[chart]);
        var compact = SvgCompactor.Compact(raw);
        Assert.True(compact.Length < raw.Length * 0.75, $"{compact.Length} of {raw.Length} bytes");
    }

    [Theory]
    [MemberData(nameof(Charts))]
    public void Compact_RenderedChart_KeepsEveryTextAndEverySubpath(int chart)
    {
        var raw = XDocument.Parse(ScottPlotSvg(Specs[chart]));
        var compact = XDocument.Parse(SvgCompactor.Compact(raw.ToString()));

        Assert.Equal(Texts(raw), Texts(compact));
        Assert.Equal(DrawnSubpaths(raw), DrawnSubpaths(compact));
        Assert.Equal(DrawnRects(raw), DrawnRects(compact));
        var ids = compact.Descendants().Select(e => (string?)e.Attribute("id")).OfType<string>().ToHashSet();
        Assert.All(compact.Descendants().Select(e => (string?)e.Attribute("clip-path")).OfType<string>(),
            reference => Assert.Contains(reference[5..^1], ids)); // url(#id)
        Assert.Equal("svg", compact.Root!.Name.LocalName);
    }

    [Fact]
    public void Compact_RoundsGeometryButNotLabels()
    {
        const string Svg = """
            <svg xmlns="http://www.w3.org/2000/svg" width="960" height="480">
                <path fill="none" stroke="#000" d="M301.01074 419.4375L301.01074 15"/>
                <path fill="none" stroke="#000" d="M358.509 419.4375L358.509 15"/>
                <path fill="#fff" stroke="#000" d="M1.26 2L3 4Z"/>
                <text transform="translate(909.5876 60.34375)" x="-28.588867, -15.864258, " y="-9.2578125, ">1.234,56</text>
            </svg>
            """;
        var compact = XDocument.Parse(SvgCompactor.Compact(Svg));
        var paths = compact.Descendants().Where(e => e.Name.LocalName == "path").ToList();

        Assert.Equal(2, paths.Count); // the two stroke-only paths merged; the filled one kept apart
        Assert.Equal("M301 419.4L301 15M358.5 419.4L358.5 15", (string)paths[0].Attribute("d")!);
        Assert.Equal("M1.3 2L3 4Z", (string)paths[1].Attribute("d")!);
        var text = compact.Descendants().Single(e => e.Name.LocalName == "text");
        Assert.Equal("1.234,56", text.Value);
        Assert.Equal("translate(909.6 60.3)", (string)text.Attribute("transform")!);
        Assert.Equal("-28.6", (string)text.Attribute("x")!); // the first glyph's position; the browser lays out the rest
        Assert.Equal("-9.3", (string)text.Attribute("y")!);
    }

    [Fact]
    public void Compact_LabelsShareOneFontWithAGenericFallback()
    {
        const string Svg = """
            <svg xmlns="http://www.w3.org/2000/svg" width="960" height="480">
                <text fill="#E2E8F0" font-size="20" font-family="DejaVu Sans" x="1">
                            0%
                    </text>
                <text fill="#E2E8F0" font-size="20" font-family="DejaVu Sans" x="2">10%</text>
                <text fill="#94A3B8" font-size="28" font-family="DejaVu Sans" x="3">Judul</text>
            </svg>
            """;
        var root = XDocument.Parse(SvgCompactor.Compact(Svg)).Root!;
        var texts = root.Elements().Where(e => e.Name.LocalName == "text").ToList();

        Assert.Equal("DejaVu Sans, sans-serif", (string?)root.Attribute("font-family"));
        Assert.Equal("20", (string?)root.Attribute("font-size"));
        Assert.All(texts, t => Assert.Null(t.Attribute("font-family")));
        Assert.Equal([null, null, "28"], texts.Select(t => (string?)t.Attribute("font-size")));
        Assert.Equal(["0%", "10%", "Judul"], texts.Select(t => t.Value)); // indentation inside labels dropped
    }

    [Fact]
    public void Compact_LabelWithoutFontAttributes_NothingHoisted()
    {
        const string Svg = """
            <svg xmlns="http://www.w3.org/2000/svg"><text font-family="DejaVu Sans" x="1">a</text><text x="2">b</text></svg>
            """;
        var root = XDocument.Parse(SvgCompactor.Compact(Svg)).Root!;

        Assert.Null(root.Attribute("font-family"));
        Assert.Equal("DejaVu Sans", (string?)root.Elements().First().Attribute("font-family"));
    }

    [Fact]
    public void Compact_ZeroLengthTicks_DroppedOnlyWhereTheyDrawNothing()
    {
        const string Svg = """
            <svg xmlns="http://www.w3.org/2000/svg">
                <path fill="none" stroke="#fff" stroke-width="1" stroke-miterlimit="4" d="M312.5 419.4L312.5 419.4M324 419.4L324 419.4"/>
                <path fill="none" stroke="#000" d="M1 1L1 1M2 2L2 5M3 3L3 3"/>
                <path fill="none" stroke="#000" stroke-linecap="round" d="M7 7L7 7"/>
                <path fill="#f00" d="M8 8L8 8"/>
            </svg>
            """;
        var paths = XDocument.Parse(SvgCompactor.Compact(Svg)).Root!.Elements().ToList();

        Assert.Equal(3, paths.Count); // the all-zero tick path is gone
        Assert.Equal("M2 2L2 5", (string?)paths[0].Attribute("d"));
        Assert.Equal("M7 7L7 7", (string?)paths[1].Attribute("d")); // a round cap draws a dot
        Assert.Equal("M8 8L8 8", (string?)paths[2].Attribute("d"));
    }

    [Fact]
    public void Compact_InitialValues_DroppedUnlessAnAncestorSetsThem()
    {
        const string Svg = """
            <svg xmlns="http://www.w3.org/2000/svg">
                <path fill="none" stroke="#000" stroke-width="1" stroke-miterlimit="4" fill-opacity="1" d="M0 0L1 1"/>
                <g stroke-width="3"><path fill="none" stroke="#000" stroke-width="1" d="M0 0L2 2"/></g>
                <path fill="none" stroke="#000" stroke-width="2" d="M0 0L3 3"/>
            </svg>
            """;
        var paths = XDocument.Parse(SvgCompactor.Compact(Svg)).Descendants().Where(e => e.Name.LocalName == "path").ToList();

        Assert.Equal(["fill", "stroke", "d"], paths[0].Attributes().Select(a => a.Name.LocalName));
        Assert.Equal("1", (string?)paths[1].Attribute("stroke-width")); // would inherit 3 otherwise
        Assert.Equal("2", (string?)paths[2].Attribute("stroke-width"));
    }

    [Fact]
    public void Compact_IdenticalClipPaths_DeclaredOnceAndReferencesFollow()
    {
        const string Svg = """
            <svg xmlns="http://www.w3.org/2000/svg">
                <clipPath id="cl_3"><rect x="301" y="15" width="644" height="404.4"/></clipPath>
                <g clip-path="url(#cl_3)"><rect fill="#111" x="301" y="15" width="644" height="404.4"/></g>
                <clipPath id="cl_4"><rect x="301" y="15" width="644" height="404.4"/></clipPath>
                <g clip-path="url(#cl_4)"><text x="1">a</text></g>
                <clipPath id="cl_5"><rect x="0" y="0" width="10" height="10"/></clipPath>
                <g clip-path="url(#cl_5)"><text x="2">b</text></g>
            </svg>
            """;
        var root = XDocument.Parse(SvgCompactor.Compact(Svg)).Root!;

        Assert.Equal(["cl_3", "cl_5"], root.Elements().Where(e => e.Name.LocalName == "clipPath").Select(e => (string?)e.Attribute("id")));
        Assert.Equal(["url(#cl_3)", "url(#cl_3)", "url(#cl_5)"],
            root.Elements().Where(e => e.Name.LocalName == "g").Select(e => (string?)e.Attribute("clip-path")));
    }

    [Fact]
    public void Compact_DashedTargetLine_OneStrokeWithTheSameDashes()
    {
        var raw = XDocument.Parse(ScottPlotSvg(Specs[1])); // the monthly target is a dashed line
        var quads = raw.Descendants().Where(e => e.Name.LocalName == "path" && (string?)e.Attribute("fill") == "#94A3B8")
            .Select(e => Regex.Count((string)e.Attribute("d")!, "M")).Max();

        var compact = XDocument.Parse(SvgCompactor.Compact(raw.ToString()));
        var dashed = Assert.Single(compact.Descendants(), e => e.Attribute("stroke-dasharray") is not null);

        Assert.True(quads >= 20, $"{quads} dashes in ScottPlot's SVG");
        Assert.Equal(("none", "#94A3B8"), ((string?)dashed.Attribute("fill"), (string?)dashed.Attribute("stroke")));
        Assert.Equal(quads, DashCount((string)dashed.Attribute("d")!, (string)dashed.Attribute("stroke-dasharray")!));
        var pattern = Numbers((string)dashed.Attribute("stroke-dasharray")!);
        Assert.InRange(pattern[0], 9.5, 10.5);  // ScottPlot's dash: 10 px on,
        Assert.InRange(pattern[1], 9.5, 10.5);  // 10 px off
    }

    [Fact]
    public void Compact_DashedBandLinesWithOpacity_KeepTheirColourAndOpacity()
    {
        var raw = ScottPlotSvg(Specs[2]); // IKM: three dashed band limits, 70 % opaque
        var compact = XDocument.Parse(SvgCompactor.Compact(raw));

        var dashed = compact.Descendants().Where(e => e.Attribute("stroke-dasharray") is not null).ToList();

        Assert.Equal(3, dashed.Count);
        Assert.All(dashed, d => Assert.StartsWith("0.69", (string?)d.Attribute("stroke-opacity")));
        Assert.Equal(["#34D399", "#38BDF8", "#FBBF24"], dashed.Select(d => (string?)d.Attribute("stroke")).Order());
        Assert.True(SvgCompactor.Compact(raw).Length < 7000, $"{SvgCompactor.Compact(raw).Length} bytes");
    }

    [Theory]
    [InlineData("M0 0L10 0L10 2L0 2M20 0L30 0L30 2L20 2M40 0L50 0L50 2L40 2")]                             // three dashes: too few
    [InlineData("M0 0L10 0L10 2L0 2M20 0L30 0L30 2L20 2M45 0L55 0L55 2L45 2M60 0L70 0L70 2L60 2")]        // uneven period
    [InlineData("M0 0L10 0L10 2L0 2M20 1L30 1L30 3L20 3M40 0L50 0L50 2L40 2M60 0L70 0L70 2L60 2")]        // off the line
    [InlineData("M0 0L10 0L10 2L0 2M20 0L30 0L30 4L20 4M40 0L50 0L50 2L40 2M60 0L70 0L70 2L60 2")]        // uneven width
    [InlineData("M0 0L10 0L12 2L2 2M20 0L30 0L32 2L22 2M40 0L50 0L52 2L42 2M60 0L70 0L72 2L62 2")]        // slanted, not rectangles
    public void Compact_FilledShapesThatAreNotADashedLine_LeftAlone(string d)
    {
        var svg = $"""<svg xmlns="http://www.w3.org/2000/svg"><path fill="#f00" d="{d}"/></svg>""";

        var path = XDocument.Parse(SvgCompactor.Compact(svg)).Root!.Elements().Single();

        Assert.Equal(("#f00", d), ((string?)path.Attribute("fill"), (string?)path.Attribute("d")));
    }

    [Fact]
    public void Compact_FourEvenDashes_OneStroke()
    {
        const string Svg = """<svg xmlns="http://www.w3.org/2000/svg"><path fill="#f00" d="M0 0L10 0L10 2L0 2M20 0L30 0L30 2L20 2M40 0L50 0L50 2L40 2M60 0L66 0L66 2L60 2"/></svg>""";

        var path = XDocument.Parse(SvgCompactor.Compact(Svg)).Root!.Elements().Single();

        Assert.Equal("M0 1L66 1", (string?)path.Attribute("d")); // the last dash cut short where the line ends
        Assert.Equal(("none", "#f00", "2", "10 10"), ((string?)path.Attribute("fill"), (string?)path.Attribute("stroke"),
            (string?)path.Attribute("stroke-width"), (string?)path.Attribute("stroke-dasharray")));
    }

    [Fact]
    public void Compact_Output_HasNoXmlDeclaration()
    {
        var compact = SvgCompactor.Compact(ScottPlotSvg(Specs[0]));

        Assert.StartsWith("<svg", compact);
    }

    private static string ScottPlotSvg(ChartSpec spec) =>
        ChartRenderer.Build(spec).GetSvgXml(ChartTheme.Width, ChartTheme.Height);

    private static List<string> Texts(XDocument doc) =>
        doc.Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value.Trim()).ToList();

    private static List<string> DrawnRects(XDocument doc) =>
        doc.Descendants().Where(e => e.Name.LocalName == "rect" && e.Parent?.Name.LocalName != "clipPath")
            .Select(e => $"{(string?)e.Attribute("fill")} {(string?)e.Attribute("stroke")} {(string?)e.Attribute("fill-opacity")}").ToList();

    /// <summary>
    /// Subpaths that put ink on the screen: all but stroke-only zero-length ones (after rounding); a dashed stroke
    /// counts its dashes.
    /// </summary>
    private static int DrawnSubpaths(XDocument doc) =>
        doc.Descendants().Where(e => e.Name.LocalName == "path")
            .Sum(e => e.Attribute("stroke-dasharray") is { } dashes
                ? DashCount((string)e.Attribute("d")!, (string)dashes)
                : Regex.Matches(Rounded((string?)e.Attribute("d") ?? ""), @"M[^M]*")
                    .Count(m => (string?)e.Attribute("fill") != "none" || !ZeroLength().IsMatch(m.Value)));

    private static int DashCount(string d, string dasharray)
    {
        var p = Numbers(d);
        var pattern = Numbers(dasharray);
        var length = Math.Sqrt(Math.Pow(p[2] - p[0], 2) + Math.Pow(p[3] - p[1], 2));
        return (int)Math.Ceiling(length / (pattern[0] + pattern[1]));
    }

    private static double[] Numbers(string s) => Regex.Matches(s, @"-?\d+(\.\d+)?")
        .Select(m => double.Parse(m.Value, System.Globalization.CultureInfo.InvariantCulture)).ToArray();

    private static string Rounded(string d) => Regex.Replace(d, @"-?\d+\.\d+",
        m => Math.Round(double.Parse(m.Value, System.Globalization.CultureInfo.InvariantCulture), 1, MidpointRounding.AwayFromZero)
            .ToString("0.#", System.Globalization.CultureInfo.InvariantCulture));

    [GeneratedRegex(@"^M(-?[\d.]+) (-?[\d.]+)L\1 \2$")]
    private static partial Regex ZeroLength();
}
