using ScottPlot;

namespace Kinerja.Dashboard.Charts;

/// <summary>Rewards, coaching and sanctions per month, grouped bars.</summary>
public static class TriggerCountsChart
{
    public static Plot Build(TriggerCountsSpec s)
    {
        var plot = ChartTheme.NewPlot(null, "Jumlah");
        if (s.Rewards.Sum() + s.Coaching.Sum() + s.Sanctions.Sum() <= 0)
        {
            ChartRenderer.NoData(plot, "Belum ada tindak lanjut");
            return plot;
        }
        var series = new[] { ("Penghargaan", s.Rewards, ChartTheme.Good), ("Pembinaan", s.Coaching, ChartTheme.Warn), ("Sanksi", s.Sanctions, ChartTheme.Bad) };
        for (var k = 0; k < series.Length; k++)
        {
            var (name, values, color) = series[k];
            var bars = values.Select((v, i) => new Bar
            {
                Position = i + (k - 1) * 0.27,
                Value = v,
                FillColor = color,
                LineWidth = 0,
                Size = 0.25,
            }).ToList();
            var layer = plot.Add.Bars(bars);
            layer.LegendText = name;
        }
        ChartRenderer.CategoryTicks(plot.Axes.Bottom, s.Months, Enumerable.Range(0, s.Months.Length).Select(i => (double)i).ToArray());
        ChartTheme.IndonesianTicks(plot.Axes.Left);
        plot.Axes.SetLimitsX(-0.6, s.Months.Length - 0.4);
        var top = new[] { s.Rewards.Max(), s.Coaching.Max(), s.Sanctions.Max() }.Max();
        plot.Axes.SetLimitsY(0, Math.Max(1, top * 1.2));
        plot.ShowLegend(Alignment.UpperLeft);
        return plot;
    }
}
