using ScottPlot;

namespace Kinerja.Dashboard.Charts;

/// <summary>Today's attendance: employees per status, one coloured column each.</summary>
public static class AttendanceChart
{
    private static readonly Color[] Palette =
    [
        ChartTheme.Good, ChartTheme.Warn, ChartTheme.Accent, ChartTheme.Violet, Color.FromHex("#2dd4bf"),
        Color.FromHex("#818cf8"), ChartTheme.Bad, ChartTheme.Neutral,
    ];

    public static Plot Build(AttendanceSpec s)
    {
        var plot = ChartTheme.NewPlot(null, "Pegawai");
        if (s.Counts.Sum() <= 0)
        {
            ChartRenderer.NoData(plot);
            return plot;
        }
        var positions = Enumerable.Range(0, s.Labels.Length).Select(i => (double)i).ToArray();
        var bars = s.Counts.Select((c, i) => new Bar
        {
            Position = i,
            Value = c,
            FillColor = Palette[i % Palette.Length],
            LineWidth = 0,
            Size = 0.75,
            Label = ChartTheme.Number(c),
        }).ToList();
        var plottable = plot.Add.Bars(bars);
        plottable.ValueLabelStyle.FontSize = 20;
        plottable.ValueLabelStyle.ForeColor = ChartTheme.Text;
        ChartRenderer.CategoryTicks(plot.Axes.Bottom, s.Labels, positions);
        plot.Axes.Bottom.TickLabelStyle.FontSize = 15;
        ChartTheme.IndonesianTicks(plot.Axes.Left);
        plot.Axes.SetLimitsX(-0.6, s.Labels.Length - 0.4);
        plot.Axes.SetLimitsY(0, Math.Max(1, s.Counts.Max() * 1.18));
        return plot;
    }
}
