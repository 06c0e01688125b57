using ScottPlot;

namespace Kinerja.Dashboard.Charts;

/// <summary>
/// The predicate curve per unit: stacked shares (Sangat Baik first) with a white tick at the
/// unit's organisational limit on Sangat Baik (DOMAIN.md "Organisational predicate limits").
/// </summary>
public static class PredikatChart
{
    private static readonly string[] Names = ["Sangat Baik", "Baik", "Butuh Perbaikan", "Kurang/Misconduct", "Sangat Kurang"];

    public static Plot Build(PredikatSpec s)
    {
        var plot = ChartTheme.NewPlot("% pegawai yang dinilai");
        var n = s.Labels.Length;
        if (n == 0 || s.Rated.All(r => r == 0))
        {
            ChartRenderer.NoData(plot, "Belum ada predikat periode ini");
            return plot;
        }
        var positions = Enumerable.Range(0, n).Select(i => (double)(n - 1 - i)).ToArray();
        for (var k = 0; k < Names.Length; k++)
        {
            var bars = new List<Bar>(n);
            for (var i = 0; i < n; i++)
            {
                var start = s.Shares[i].Take(k).Sum();
                bars.Add(new Bar
                {
                    Position = positions[i],
                    ValueBase = start,
                    Value = start + s.Shares[i][k],
                    FillColor = ChartTheme.Predikat[k],
                    LineWidth = 0,
                    Size = 0.7,
                });
            }
            var layer = plot.Add.Bars(bars);
            layer.Horizontal = true;
            layer.LegendText = Names[k];
        }
        for (var i = 0; i < n; i++)
        {
            if (double.IsNaN(s.SangatBaikCap[i]))
            {
                continue;
            }
            var cap = plot.Add.Line(s.SangatBaikCap[i], positions[i] - 0.45, s.SangatBaikCap[i], positions[i] + 0.45);
            cap.LineWidth = 5;
            cap.Color = Colors.White;
            cap.LinePattern = LinePattern.Solid;
        }
        var legendCap = plot.Add.Line(-10, -10, -10, -10);
        legendCap.Color = Colors.White;
        legendCap.LineWidth = 5;
        legendCap.LegendText = "Batas Sangat Baik";
        ChartRenderer.CategoryTicks(plot.Axes.Left, s.Labels.Select(l => ChartRenderer.Short(l)).ToArray(), positions);
        plot.Axes.Left.TickLabelStyle.FontSize = n > 10 ? 15 : 19;
        ChartTheme.IndonesianTicks(plot.Axes.Bottom, 0, "%");
        plot.Axes.SetLimitsX(0, 104);
        plot.Axes.SetLimitsY(-0.6, n - 0.4);
        plot.Legend.FontSize = 15;
        plot.ShowLegend(Edge.Bottom);
        return plot;
    }
}
