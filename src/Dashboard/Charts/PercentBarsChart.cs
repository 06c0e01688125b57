using ScottPlot;

namespace Kinerja.Dashboard.Charts;

/// <summary>
/// One horizontal bar per unit with its percentage; suppressed units show "—". A value past 100 (minutes beyond the
/// target) draws a full bar labelled with the value itself.
/// </summary>
public static class PercentBarsChart
{
    public static Plot Build(PercentBarsSpec s)
    {
        var plot = ChartTheme.NewPlot("%");
        if (s.Labels.Length == 0)
        {
            ChartRenderer.NoData(plot);
            return plot;
        }
        var n = s.Labels.Length;
        var bars = new List<Bar>(n);
        var positions = new double[n];
        for (var i = 0; i < n; i++)
        {
            positions[i] = n - 1 - i; // first label on top
            var v = s.Values[i];
            var color = double.IsNaN(v) ? ChartTheme.Neutral
                : v >= s.GoodAt ? ChartTheme.Good
                : v < s.WarnAt ? ChartTheme.Bad
                : ChartTheme.Warn;
            bars.Add(new Bar
            {
                Position = positions[i],
                Value = double.IsNaN(v) ? 0 : Math.Clamp(v, 0, 100),
                FillColor = color,
                LineWidth = 0,
                Size = 0.7,
                Label = double.IsNaN(v) ? "—" : ChartTheme.Number(v, 0) + "%",
            });
        }
        var plottable = plot.Add.Bars(bars);
        plottable.Horizontal = true;
        plottable.ValueLabelStyle.FontSize = 20;
        plottable.ValueLabelStyle.ForeColor = ChartTheme.Text;
        ChartRenderer.CategoryTicks(plot.Axes.Left, s.Labels.Select(l => ChartRenderer.Short(l)).ToArray(), positions);
        plot.Axes.Left.TickLabelStyle.FontSize = n > 10 ? 15 : 19;
        // Room right of 100 for the "100%" value label, but no tick past 100: a share never exceeds it.
        plot.Axes.SetLimitsX(0, 112);
        var steps = Enumerable.Range(0, 6).Select(i => i * 20.0).ToArray();
        ChartRenderer.CategoryTicks(plot.Axes.Bottom, steps.Select(v => ChartTheme.Number(v, 0)).ToArray(), steps);
        plot.Axes.SetLimitsY(-0.6, n - 0.4);
        plot.Grid.YAxisStyle.MajorLineStyle.Width = 0;
        return plot;
    }
}
