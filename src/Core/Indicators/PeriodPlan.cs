using Kinerja.Core.Calendar;
using Kinerja.Core.Domain;

namespace Kinerja.Core.Indicators;

/// <summary>
/// Everything the set-based queries need to know about one period beyond the employees: per region
/// "today", the end of year-to-date and the pro-rated target; the rating months; the key the rules
/// store levels under and the keys of the previous periods for the history features.
/// </summary>
internal sealed class PeriodPlan
{
    /// <summary>How many previous periods the history features look back: 12 months, 8 quarters or 5 years.</summary>
    public static int HistoryDepth(PeriodKind kind) => kind switch
    {
        PeriodKind.Quarter => 8,
        PeriodKind.Year => 5,
        _ => 12,
    };

    private PeriodPlan(Period period, IReadOnlyDictionary<string, RegionPlan> regions)
    {
        Period = period;
        Regions = regions;
        // Ratings and levels are monthly or coarser: a day reads the month it falls in.
        LevelPeriod = period.Kind == PeriodKind.Day ? Domain.Period.MonthOf(period.Start) : period;
        MonthKeys = MonthsOf(LevelPeriod).Select(m => m.Key).ToArray();
        var previous = new string[HistoryDepth(LevelPeriod.Kind)];
        var p = LevelPeriod;
        for (var i = 0; i < previous.Length; i++)
        {
            p = p.Previous();
            previous[i] = p.Key;
        }
        PreviousKeys = previous;
        SkpKeys = SkpPeriodKeys.For(LevelPeriod);
    }

    public Period Period { get; }

    public Period LevelPeriod { get; }

    public IReadOnlyDictionary<string, RegionPlan> Regions { get; }

    public string[] MonthKeys { get; }

    public string[] PreviousKeys { get; }

    /// <summary>The SKP evaluation periods that count for this period (<see cref="SkpPeriodKeys"/>).</summary>
    public string[] SkpKeys { get; }

    public static PeriodPlan Create(Period period, IEnumerable<RegionCalendar> calendars, TimeProvider time) =>
        new(period, calendars.ToDictionary(c => c.RegionId, c => RegionPlan.Create(c, period, time), StringComparer.Ordinal));

    /// <summary>Dapper parameters of <see cref="EmployeeFactsSql"/> and <see cref="RawRecomputeSql"/> (each binds only what it names).</summary>
    public object Parameters(EmployeeFilter filter) => new
    {
        start = Period.Start.ToDateTime(TimeOnly.MinValue),
        end = Period.End.ToDateTime(TimeOnly.MinValue),
        yearStart = new DateTime(Period.Start.Year, 1, 1),
        regionIds = Regions.Keys.ToArray(),
        ytdEnds = Regions.Values.Select(r => r.YtdEnd.ToDateTime(TimeOnly.MinValue)).ToArray(),
        todays = Regions.Values.Select(r => r.Today.ToDateTime(TimeOnly.MinValue)).ToArray(),
        monthKeys = MonthKeys,
        periodKey = LevelPeriod.Key,
        prevKeys = PreviousKeys,
        skpYear = LevelPeriod.Start.Year,
        skpKeys = SkpKeys,
        berakhlak = Aspect.BerAkhlak.ToArray(),
        region = filter.RegionId,
        unit = filter.UnitId,
        nips = filter.Nips?.ToArray(),
        includeInactive = filter.IncludeInactive,
    };

    internal static IEnumerable<Period> MonthsOf(Period period)
    {
        for (var m = Domain.Period.MonthOf(period.Start); m.Start < period.End; m = Domain.Period.MonthOf(m.End))
        {
            yield return m;
        }
    }
}

/// <summary>A region's view of a period: its local today, the end of year-to-date and the target.</summary>
internal sealed record RegionPlan(RegionCalendar Calendar, DateOnly Today, DateOnly YtdEnd, TargetFigures Target)
{
    public static RegionPlan Create(RegionCalendar calendar, Period period, TimeProvider time)
    {
        var today = calendar.Today(time);
        return new RegionPlan(calendar, today, RegionCalendar.ToDateEnd(period, today), ActivityTarget.For(calendar, period, today));
    }
}
