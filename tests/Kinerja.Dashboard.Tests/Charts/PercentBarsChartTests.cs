using System.Xml.Linq;
using Kinerja.Dashboard.Charts;

namespace Kinerja.Dashboard.Tests.Charts;

/// <summary>The per-unit percentage bars (filing rate, attendance) as a screen receives them.</summary>
public sealed class PercentBarsChartTests
{
    [Fact]
    public void Svg_ShareAxis_TicksStopAtOneHundred()
    {
        var spec = new PercentBarsSpec("r.uji.pengisian", "Pengisian laporan hari ini per unit",
            ["Dinas Pendidikan", "Dinas Kesehatan", "Inspektorat"], [100, 42.5, double.NaN], 80, 50);

        var labels = XDocument.Parse(ChartRenderer.Svg(spec)).Descendants()
            .Where(e => e.Name.LocalName == "text").Select(e => e.Value).ToList();

        Assert.Equal(["0", "20", "40", "60", "80", "100"], labels.Where(l => int.TryParse(l, out _)));
        Assert.Contains("100%", labels); // the full bar's value label
        Assert.Contains("43%", labels);  // half rounded up, as the screens' Intl.NumberFormat does
        Assert.Contains("—", labels);    // suppressed unit
    }

    [Fact]
    public void Svg_ValuePastTheTarget_FullBarLabelledWithTheValue()
    {
        var spec = new PercentBarsSpec("p.uji.capaian", "Capaian target kerja bulan ini", ["Dinas Pendidikan"], [137.2], 100, 75);

        var svg = XDocument.Parse(ChartRenderer.Svg(spec));
        var labels = svg.Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value).ToList();

        Assert.Contains("137%", labels);
        var bar = svg.Descendants().Single(e => e.Name.LocalName == "rect" && (string?)e.Attribute("fill") == "#34D399");
        var plotArea = svg.Descendants().First(e => e.Name.LocalName == "clipPath").Elements().Single();
        var barEnd = double.Parse((string)bar.Attribute("x")!, System.Globalization.CultureInfo.InvariantCulture)
            + double.Parse((string)bar.Attribute("width")!, System.Globalization.CultureInfo.InvariantCulture);
        var areaEnd = double.Parse((string)plotArea.Attribute("x")!, System.Globalization.CultureInfo.InvariantCulture)
            + double.Parse((string)plotArea.Attribute("width")!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(barEnd < areaEnd - 20, $"bar ends at {barEnd}, the plot at {areaEnd}: room left for the label");
    }
}
