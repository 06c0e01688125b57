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
            ["Dinas Pendidikan", "Dinas Kesehatan", "Inspektorat"], [100, 42.4, double.NaN], 80, 50);

        var labels = XDocument.Parse(ChartRenderer.Svg(spec)).Descendants()
            .Where(e => e.Name.LocalName == "text").Select(e => e.Value).ToList();

        Assert.Equal(["0", "20", "40", "60", "80", "100"], labels.Where(l => int.TryParse(l, out _)));
        Assert.Contains("100%", labels); // the full bar's value label
        Assert.Contains("42%", labels);  // no decimals on the bars
        Assert.Contains("—", labels);    // suppressed unit
    }
}
