using Kinerja.Core.Calendar;

namespace Kinerja.Core.Indicators;

// Region and unit indicators built from summed rows: the database reads (BuildRegion) and the live model's unit
// tallies (Region, Unit) share them, so both give the same figures.
public sealed partial class IndicatorQueries
{
    /// <summary>Builds the unit rows and totals of a region from already fetched rows.</summary>
    internal static RegionIndicators BuildRegion(PeriodPlan plan, RegionCalendar calendar,
        IReadOnlyList<UnitFactsRow> units, IReadOnlyList<EmployeeFactsRow> rows)
    {
        var byUnit = rows.ToLookup(r => r.UnitId, StringComparer.Ordinal);
        var regionPlan = plan.Regions[calendar.RegionId];
        var total = new GroupAccumulator(regionPlan, plan.Period.Key);
        foreach (var row in rows)
        {
            total.Add(row);
        }
        var unitIndicators = new List<UnitIndicators>(units.Count);
        foreach (var unit in units)
        {
            total.Add(unit);
            unitIndicators.Add(BuildUnit(plan, unit, byUnit[unit.UnitId]));
        }
        return Region(calendar, total, unitIndicators);
    }

    /// <summary>
    /// A region's indicators from <paramref name="total"/> (every employee row and unit row of the region added) and its
    /// unit rows, in order.
    /// </summary>
    internal static RegionIndicators Region(RegionCalendar calendar, GroupAccumulator total, IReadOnlyList<UnitIndicators> units)
    {
        var ikm = IkmFigures.From(total.Survey, Survey.SurveyWeights.Default, total.IkmSum, total.IkmCount);
        return new RegionIndicators(total.Build())
        {
            RegionId = calendar.RegionId,
            Name = calendar.Name,
            TimeZone = calendar.Clock.TimeZoneId,
            MonthlyTargetMinutes = calendar.MonthlyTargetMinutes,
            Ikm = ikm.Ikm,
            IkmBand = ikm.Grade,
            IkmCount = ikm.Count,
            IkmRespondents = total.Survey.Respondents,
            IkmSource = ikm.Source,
            Units = units,
        };
    }

    internal static UnitIndicators BuildUnit(PeriodPlan plan, UnitFactsRow unit, IEnumerable<EmployeeFactsRow> rows)
    {
        var acc = new GroupAccumulator(plan.Regions[unit.RegionId], plan.Period.Key);
        foreach (var row in rows)
        {
            acc.Add(row);
        }
        return Unit(acc, unit);
    }

    /// <summary>A unit's indicators from its employees' rows summed in <paramref name="employees"/> (the unit row is added to it).</summary>
    internal static UnitIndicators Unit(GroupAccumulator employees, UnitFactsRow unit)
    {
        employees.Add(unit);
        var ikm = IkmFigures.Of(unit);
        return new UnitIndicators(employees.Build())
        {
            UnitId = unit.UnitId,
            RegionId = unit.RegionId,
            Name = unit.Name,
            UnitPredikat = unit.UnitPredikat,
            Ikm = ikm.Ikm,
            IkmBand = ikm.Grade,
            IkmCount = ikm.Count,
            IkmGrade = ikm.Grade,
            IkmRespondents = unit.SurveyRespondents,
            IkmElements = ikm.Elements,
            IkmSource = ikm.Source,
        };
    }
}
