using System.Globalization;
using ScottPlot;

namespace Kinerja.Dashboard.Charts;

/// <summary>
/// The wall-screen look: dark background, high-contrast text, big fonts readable across a room,
/// Indonesian number formats. Every chart starts from <see cref="NewPlot"/>.
/// </summary>
public static class ChartTheme
{
    public const int Width = 960;
    public const int Height = 480;

    public static readonly CultureInfo Id = CultureInfo.GetCultureInfo("id-ID");

    public static readonly Color Background = Color.FromHex("#0f172a");
    public static readonly Color Panel = Color.FromHex("#111c33");
    public static readonly Color Text = Color.FromHex("#e2e8f0");
    public static readonly Color Muted = Color.FromHex("#94a3b8");
    public static readonly Color Grid = Color.FromHex("#24324f");
    public static readonly Color Accent = Color.FromHex("#38bdf8");
    public static readonly Color Good = Color.FromHex("#34d399");
    public static readonly Color Warn = Color.FromHex("#fbbf24");
    public static readonly Color Bad = Color.FromHex("#f87171");
    public static readonly Color Violet = Color.FromHex("#a78bfa");
    public static readonly Color Neutral = Color.FromHex("#64748b");

    /// <summary>Predicates best to worst.</summary>
    public static readonly Color[] Predikat =
    [
        Color.FromHex("#22c55e"), Color.FromHex("#38bdf8"), Color.FromHex("#fbbf24"), Color.FromHex("#fb923c"),
        Color.FromHex("#ef4444"),
    ];

    public const string FontName = "DejaVu Sans";

    public static Plot NewPlot(string? xLabel = null, string? yLabel = null)
    {
        var plot = new Plot();
        plot.Font.Set(FontName);
        plot.FigureBackground.Color = Background;
        plot.DataBackground.Color = Panel;
        plot.Axes.Color(Text);
        plot.Grid.MajorLineColor = Grid;
        plot.Legend.BackgroundColor = Panel;
        plot.Legend.FontColor = Text;
        plot.Legend.OutlineColor = Grid;
        plot.Legend.FontSize = 20;
        plot.Legend.FontName = FontName;
        foreach (var axis in new IAxis[] { plot.Axes.Left, plot.Axes.Bottom })
        {
            axis.TickLabelStyle.FontSize = 20;
            axis.TickLabelStyle.ForeColor = Text;
            axis.Label.FontSize = 20;
            axis.Label.ForeColor = Muted;
            axis.FrameLineStyle.Color = Grid;
            axis.MajorTickStyle.Color = Grid;
            axis.MinorTickStyle.Length = 0;
        }
        plot.Axes.Right.FrameLineStyle.Color = Grid;
        plot.Axes.Top.FrameLineStyle.Color = Grid;
        if (xLabel is not null)
        {
            plot.XLabel(xLabel);
        }
        if (yLabel is not null)
        {
            plot.YLabel(yLabel);
        }
        return plot;
    }

    /// <summary>
    /// <c>id-ID</c> digits, halves rounded away from zero as the screens' <c>Intl.NumberFormat</c> does (.NET's "N"
    /// format rounds an exact half to even: 42.5 would read 42 on a chart and 43 beside it).
    /// </summary>
    public static string Number(double value, int decimals = 0) =>
        Math.Round(value, decimals, MidpointRounding.AwayFromZero).ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), Id);

    /// <summary>Numeric ticks formatted the Indonesian way (1.234,5).</summary>
    public static void IndonesianTicks(IAxis axis, int decimals = 0, string suffix = "")
    {
        axis.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
        {
            LabelFormatter = v => Number(v, decimals) + suffix,
        };
    }
}
