namespace Kinerja.Dashboard.Charts;

/// <summary>
/// The data of one chart, independent of drawing. Two specs with equal content render the same
/// image, so the cache renders again only when <see cref="ChartCache"/> sees new content.
/// </summary>
public abstract record ChartSpec(string ChartId, string Title);

/// <summary>Month-to-date cumulative minutes against the pro-rated target (leader boards).</summary>
/// <param name="Days">Day of month of each point (1..31).</param>
public sealed record CumulativeMinutesSpec(string ChartId, string Title, int DaysInMonth, double[] Days,
    double[] Approved, double[] Submitted, double[] TargetDays, double[] Target) : ChartSpec(ChartId, Title);

/// <summary>A horizontal bar per item, values as percentages (filing rate per unit, attendance per unit).</summary>
/// <param name="Labels">Bar labels, top to bottom.</param>
/// <param name="Values">Percentages (bars stop at 100, labels show the value), NaN for suppressed ("—").</param>
/// <param name="GoodAt">Bars at or above this are green, below <paramref name="WarnAt"/> red, amber between.</param>
public sealed record PercentBarsSpec(string ChartId, string Title, string[] Labels, double[] Values, double GoodAt,
    double WarnAt) : ChartSpec(ChartId, Title);

/// <summary>Stacked predicate shares per unit with the organisational limit of each unit marked.</summary>
/// <param name="Shares">Per unit, five shares 0-100 (Sangat Baik .. Sangat Kurang).</param>
/// <param name="SangatBaikCap">Per unit, the largest allowed Sangat Baik share (NaN when the unit has no predicate).</param>
public sealed record PredikatSpec(string ChartId, string Title, string[] Labels, double[][] Shares,
    double[] SangatBaikCap, int[] Rated) : ChartSpec(ChartId, Title);

/// <summary>Today's attendance as counts per status.</summary>
public sealed record AttendanceSpec(string ChartId, string Title, string[] Labels, double[] Counts)
    : ChartSpec(ChartId, Title);

/// <summary>IKM per month with the band limits A/B/C.</summary>
public sealed record IkmTrendSpec(string ChartId, string Title, string[] Months, double[] Values)
    : ChartSpec(ChartId, Title);

/// <summary>Rewards, coaching and sanctions per month (grouped bars).</summary>
public sealed record TriggerCountsSpec(string ChartId, string Title, string[] Months, double[] Rewards,
    double[] Coaching, double[] Sanctions) : ChartSpec(ChartId, Title);
