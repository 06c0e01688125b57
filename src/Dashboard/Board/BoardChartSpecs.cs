using System.Globalization;
using Kinerja.Core.Indicators;
using Kinerja.Core.Privacy;
using Kinerja.Dashboard.Charts;

namespace Kinerja.Dashboard.Board;

/// <summary>The inputs of a region's charts, read once per flush.</summary>
public sealed record RegionChartInputs(
    RegionIndicators Region,
    IReadOnlyList<DailyMinutes> Daily,
    IReadOnlyList<MonthValue> Ikm,
    IReadOnlyList<TriggerCount> Triggers);

/// <summary>The inputs of one unit's charts.</summary>
public sealed record UnitChartInputs(UnitIndicators Unit, IReadOnlyList<DailyMinutes> Daily, IReadOnlyList<MonthValue> Ikm);

/// <summary>A chart of a group and the <see cref="FigureFamily"/> whose data version it is keyed on (the figures it draws).</summary>
public sealed record BoardChart(ChartSpec Spec, FigureFamily Family);

/// <summary>
/// Which charts each group shows, their data (chart ids: <c>r.</c>/<c>u.</c>/<c>p.</c> + id + name) and the figure family
/// each one draws: every figure a chart reads is in the family named beside it, so its family's version moves when it must
/// be redrawn.
/// </summary>
public static class BoardChartSpecs
{
    private static readonly string[] AttendanceLabels =
        ["Hadir", "Terlambat", "Izin", "Sakit", "Cuti", "Dinas Luar", "Tanpa Ket.", "Belum"];

    /// <summary>The last six month keys ending with <paramref name="period"/> (<c>YYYY-MM</c>), oldest first.</summary>
    public static string[] LastMonths(string period, int count = 6)
    {
        var month = DateOnly.ParseExact(period[..7] + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture);
        return Enumerable.Range(0, count).Select(i => month.AddMonths(i - count + 1).ToString("yyyy-MM", CultureInfo.InvariantCulture)).ToArray();
    }

    public static IReadOnlyList<BoardChart> Region(RegionChartInputs i)
    {
        var r = i.Region;
        var id = "r." + r.RegionId;
        var units = r.Units.OrderBy(u => u.Name, StringComparer.Ordinal).ToArray();
        var months = LastMonths(r.Period);
        return
        [
            new(Minutes(id + ".aktivitas", "Menit aktivitas bulan ini vs target", r, i.Daily), FigureFamily.Activity),
            new(new PercentBarsSpec(id + ".pengisian", "Pengisian laporan hari ini per unit",
                units.Select(u => u.Name).ToArray(), units.Select(u => u.FilingRateToday).ToArray(), 80, 50), FigureFamily.Filing),
            new(Predikat(id + ".predikat", units), FigureFamily.Predikat),
            new(Attendance(id + ".kehadiran", "Kehadiran hari ini", r.AttendanceToday), FigureFamily.Attendance),
            new(Ikm(id + ".ikm", "Indeks Kepuasan Masyarakat (IKM)", months, i.Ikm), FigureFamily.Ikm),
            new(Triggers(id + ".tindak-lanjut", "Penghargaan, pembinaan, sanksi per bulan", months, i.Triggers), FigureFamily.Period),
        ];
    }

    public static IReadOnlyList<BoardChart> Unit(RegionIndicators r, UnitChartInputs i)
    {
        var id = "u." + i.Unit.UnitId;
        var months = LastMonths(r.Period);
        return
        [
            new(Minutes(id + ".aktivitas", "Menit aktivitas bulan ini vs target", i.Unit, i.Daily), FigureFamily.Activity),
            new(Attendance(id + ".kehadiran", "Kehadiran hari ini", i.Unit.AttendanceToday), FigureFamily.Attendance),
            new(Ikm(id + ".ikm", "Indeks Kepuasan Masyarakat (IKM)", months, i.Ikm), FigureFamily.Ikm),
        ];
    }

    /// <summary>Public charts: unit aggregates only; units below the minimum are "—".</summary>
    public static IReadOnlyList<BoardChart> Public(RegionChartInputs i, SmallGroups smallGroups)
    {
        var r = i.Region;
        var id = "p." + r.RegionId;
        var units = r.Units.OrderBy(u => u.Name, StringComparer.Ordinal).ToArray();
        double Shown(UnitIndicators u, double v) => smallGroups.Shown(v, u.EmployeeCount);
        return
        [
            new(new PercentBarsSpec(id + ".pengisian", "Pengisian laporan kinerja hari ini",
                units.Select(u => u.Name).ToArray(), units.Select(u => Shown(u, u.FilingRateToday)).ToArray(), 80, 50),
                FigureFamily.Filing),
            new(new PercentBarsSpec(id + ".kehadiran", "Kehadiran pegawai hari ini",
                units.Select(u => u.Name).ToArray(), units.Select(u => Shown(u, BoardComposer.AttendanceRate(u))).ToArray(), 90, 70),
                FigureFamily.Attendance),
            new(new PercentBarsSpec(id + ".capaian", "Capaian target kerja bulan ini",
                units.Select(u => u.Name).ToArray(), units.Select(u => Shown(u, u.ActivityPct)).ToArray(), 100, 75),
                FigureFamily.Activity),
            new(Ikm(id + ".ikm", "Indeks Kepuasan Masyarakat (IKM)", LastMonths(r.Period), i.Ikm), FigureFamily.Ikm),
        ];
    }

    private static CumulativeMinutesSpec Minutes(string chartId, string title, GroupIndicators g, IReadOnlyList<DailyMinutes> daily)
    {
        var month = DateOnly.ParseExact(g.Period[..7] + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var daysInMonth = DateTime.DaysInMonth(month.Year, month.Month);
        var today = DateOnly.TryParseExact(g.Today, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var t)
            && t.Year == month.Year && t.Month == month.Month ? t.Day : daysInMonth;
        var byDay = daily.ToDictionary(d => d.Day.Day);
        var days = new double[today];
        var approved = new double[today];
        var submitted = new double[today];
        double sumA = 0, sumS = 0;
        for (var d = 1; d <= today; d++)
        {
            if (byDay.TryGetValue(d, out var m))
            {
                sumA += m.Approved;
                sumS += m.Approved + m.Pending;
            }
            days[d - 1] = d;
            approved[d - 1] = sumA;
            submitted[d - 1] = sumS;
        }
        // The full-month target of the group, spread evenly over the month's working days.
        var full = g.WorkingDaysElapsed > 0 && g.WorkingDays > 0
            ? (double)g.ActivityTargetMinutes * g.WorkingDays / Math.Max(1, g.WorkingDaysElapsed)
            : g.ActivityTargetMinutes;
        return new CumulativeMinutesSpec(chartId, title, daysInMonth, days, approved, submitted,
            [1, daysInMonth], [full / daysInMonth, Math.Round(full)]);
    }

    private static PredikatSpec Predikat(string chartId, UnitIndicators[] units) => new(chartId,
        "Kurva predikat kinerja per unit",
        units.Select(u => u.Name).ToArray(),
        units.Select(u => new[] { u.Predikat.SangatBaikPct, u.Predikat.BaikPct, u.Predikat.ButuhPerbaikanPct,
            u.Predikat.KurangMisconductPct, u.Predikat.SangatKurangPct }).ToArray(),
        units.Select(u => SangatBaikCap(u.UnitPredikat)).ToArray(),
        units.Select(u => u.Predikat.RatedCount).ToArray());

    /// <summary>Largest Sangat Baik share a unit's organisational predicate allows (DOMAIN.md; NaN: no cap).</summary>
    public static double SangatBaikCap(string? unitPredikat) => unitPredikat switch
    {
        "ISTIMEWA" => 70,
        "BUTUH_PERBAIKAN" or "KURANG" => 10,
        "SANGAT_KURANG" => 0,
        _ => double.NaN,
    };

    private static AttendanceSpec Attendance(string chartId, string title, AttendanceToday a) => new(chartId, title,
        AttendanceLabels, [a.Hadir, a.Terlambat, a.Izin, a.Sakit, a.Cuti, a.DinasLuar, a.TanpaKeterangan, a.NotRecorded]);

    private static IkmTrendSpec Ikm(string chartId, string title, string[] months, IReadOnlyList<MonthValue> values)
    {
        var byMonth = values.ToDictionary(v => v.Month);
        return new IkmTrendSpec(chartId, title, months.Select(MonthLabel).ToArray(),
            months.Select(m => byMonth.TryGetValue(m, out var v) && v.Value is { } x ? x : double.NaN).ToArray());
    }

    private static TriggerCountsSpec Triggers(string chartId, string title, string[] months, IReadOnlyList<TriggerCount> counts)
    {
        double[] Of(string kind) => months.Select(m => (double)counts.Where(c => c.Period == m && c.Kind == kind).Sum(c => c.Count)).ToArray();
        return new TriggerCountsSpec(chartId, title, months.Select(MonthLabel).ToArray(), Of("REWARD"), Of("COACHING"), Of("SANCTION"));
    }

    private static string MonthLabel(string month) =>
        DateOnly.ParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture).ToString("MMM yy", Charts.ChartTheme.Id);
}
