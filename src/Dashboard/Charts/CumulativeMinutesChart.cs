using ScottPlot;

namespace Kinerja.Dashboard.Charts;

/// <summary>Activity minutes month-to-date (cumulative) against the pro-rated target line.</summary>
public static class CumulativeMinutesChart
{
    public static Plot Build(CumulativeMinutesSpec s)
    {
        var plot = ChartTheme.NewPlot("Tanggal", "Menit (kumulatif)");
        if (s.Days.Length == 0 && s.Target.Length == 0)
        {
            ChartRenderer.NoData(plot);
            return plot;
        }
        var target = plot.Add.Scatter(s.TargetDays, s.Target);
        target.Color = ChartTheme.Muted;
        target.LineWidth = 3;
        target.LinePattern = LinePattern.Dashed;
        target.MarkerSize = 0;
        target.LegendText = "Target";
        if (s.Days.Length > 0)
        {
            var submitted = plot.Add.Scatter(s.Days, s.Submitted);
            submitted.Color = ChartTheme.Accent.WithAlpha(0.6);
            submitted.LineWidth = 3;
            submitted.MarkerSize = 0;
            submitted.LegendText = "Dilaporkan";
            var approved = plot.Add.Scatter(s.Days, s.Approved);
            approved.Color = ChartTheme.Good;
            approved.LineWidth = 5;
            approved.MarkerSize = 8;
            approved.LegendText = "Disetujui";
        }
        ChartTheme.IndonesianTicks(plot.Axes.Left);
        plot.Axes.SetLimitsX(1, Math.Max(2, s.DaysInMonth));
        var top = new[] { s.Target.DefaultIfEmpty(0).Max(), s.Submitted.DefaultIfEmpty(0).Max() }.Max();
        plot.Axes.SetLimitsY(0, Math.Max(1, top * 1.08));
        plot.ShowLegend(Alignment.UpperLeft);
        return plot;
    }
}
