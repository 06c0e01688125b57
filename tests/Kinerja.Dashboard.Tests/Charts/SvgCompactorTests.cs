using System.Text.RegularExpressions;
using System.Xml.Linq;
using Kinerja.Dashboard.Charts;

namespace Kinerja.Dashboard.Tests.Charts;

/// <summary>The pushed SVG is smaller than ScottPlot's, and draws the same things with the same words.</summary>
public sealed class SvgCompactorTests
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
        Assert.Equal(Subpaths(raw), Subpaths(compact));
        Assert.Equal(raw.Descendants().Count(e => e.Name.LocalName == "rect"), compact.Descendants().Count(e => e.Name.LocalName == "rect"));
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
        Assert.Equal("-28.6, -15.9, ", (string)text.Attribute("x")!);
    }

    private static string ScottPlotSvg(ChartSpec spec) =>
        ChartRenderer.Build(spec).GetSvgXml(ChartTheme.Width, ChartTheme.Height);

    private static List<string> Texts(XDocument doc) =>
        doc.Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value.Trim()).ToList();

    private static int Subpaths(XDocument doc) =>
        doc.Descendants().Where(e => e.Name.LocalName == "path")
            .Sum(e => Regex.Count((string?)e.Attribute("d") ?? "", "M"));
}
