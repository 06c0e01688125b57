using ScottPlot;

namespace Kinerja.Dashboard.Charts;

/// <summary>Citizen satisfaction (IKM, 25-100) per month with the A/B/C band limits.</summary>
public static class IkmTrendChart
{
    public static Plot Build(IkmTrendSpec s)
    {
        var plot = ChartTheme.NewPlot(null, "IKM");
        var points = s.Values.Select((v, i) => (X: (double)i, Y: v)).Where(p => !double.IsNaN(p.Y)).ToArray();
        if (points.Length == 0)
        {
            ChartRenderer.NoData(plot, "Belum ada survei kepuasan");
            return plot;
        }
        foreach (var (limit, band, color) in new[] { (88.31, "A", ChartTheme.Good), (76.61, "B", ChartTheme.Accent), (65.0, "C", ChartTheme.Warn) })
        {
            var line = plot.Add.HorizontalLine(limit);
            line.Color = color.WithAlpha(0.7);
            line.LineWidth = 2;
            line.LinePattern = LinePattern.Dashed;
            line.LabelText = band;
            line.LabelFontSize = 18;
            line.LabelBackgroundColor = color;
            line.LabelFontColor = ChartTheme.Background;
            line.LabelOppositeAxis = true;
        }
        var trend = plot.Add.Scatter(points.Select(p => p.X).ToArray(), points.Select(p => p.Y).ToArray());
        trend.Color = ChartTheme.Accent;
        trend.LineWidth = 5;
        trend.MarkerSize = 14;
        var last = points[^1];
        var label = plot.Add.Text(ChartTheme.Number(last.Y, 2), last.X, last.Y);
        label.LabelFontSize = 24;
        label.LabelFontColor = ChartTheme.Text;
        label.LabelAlignment = Alignment.LowerCenter;
        label.LabelOffsetY = -12;
        ChartRenderer.CategoryTicks(plot.Axes.Bottom, s.Months, Enumerable.Range(0, s.Months.Length).Select(i => (double)i).ToArray());
        plot.Axes.SetLimitsX(-0.5, s.Months.Length - 0.5);
        plot.Axes.Right.MinimumSize = 44; // room for the A/B/C band labels
        plot.Axes.SetLimitsY(Math.Min(55, points.Min(p => p.Y) - 5), 102);
        return plot;
    }
}
