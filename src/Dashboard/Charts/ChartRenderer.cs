using ScottPlot;

namespace Kinerja.Dashboard.Charts;

/// <summary>
/// Draws a <see cref="ChartSpec"/> with ScottPlot. Each call builds its own <see cref="Plot"/> (a Plot
/// is not for concurrent use) and throws it away; callers cache the output per data version.
/// </summary>
public static class ChartRenderer
{
    public static string Svg(ChartSpec spec)
    {
        var plot = Build(spec);
        return SvgCompactor.Compact(plot.GetSvgXml(ChartTheme.Width, ChartTheme.Height));
    }

    public static byte[] Png(ChartSpec spec)
    {
        var plot = Build(spec);
        return plot.GetImageBytes(ChartTheme.Width, ChartTheme.Height, ImageFormat.Png);
    }

    public static Plot Build(ChartSpec spec) => spec switch
    {
        CumulativeMinutesSpec s => CumulativeMinutesChart.Build(s),
        PercentBarsSpec s => PercentBarsChart.Build(s),
        PredikatSpec s => PredikatChart.Build(s),
        AttendanceSpec s => AttendanceChart.Build(s),
        IkmTrendSpec s => IkmTrendChart.Build(s),
        TriggerCountsSpec s => TriggerCountsChart.Build(s),
        _ => throw new ArgumentOutOfRangeException(nameof(spec), spec.GetType().Name, "Unknown chart kind"),
    };

    /// <summary>A centred "no data yet" note inside an otherwise empty plot.</summary>
    internal static void NoData(Plot plot, string text = "Belum ada data")
    {
        var label = plot.Add.Text(text, 0.5, 0.5);
        label.LabelFontSize = 28;
        label.LabelFontColor = ChartTheme.Muted;
        label.LabelAlignment = Alignment.MiddleCenter;
        plot.Axes.SetLimits(0, 1, 0, 1);
        plot.HideGrid();
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual();
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual();
    }

    internal static void CategoryTicks(IAxis axis, string[] labels, double[] positions)
    {
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        for (var i = 0; i < labels.Length; i++)
        {
            ticks.AddMajor(positions[i], labels[i]);
        }
        axis.TickGenerator = ticks;
    }

    /// <summary>Shortens long unit names so labels stay readable across a room.</summary>
    internal static string Short(string label, int max = 24) =>
        label.Length <= max ? label : label[..(max - 1)].TrimEnd() + "…";
}
