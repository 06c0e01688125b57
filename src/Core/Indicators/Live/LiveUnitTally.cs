namespace Kinerja.Core.Indicators.Live;

/// <summary>
/// The running figures of one unit of a live region, kept one employee at a time as employees enter, change and leave
/// (<see cref="LiveRegionState.Put"/>, <see cref="LiveRegionState.Remove"/>): the sum of its active employees' rows and
/// the per-unit counts the unit statement computes (head count, today, predicates). A commit rebuilds only the units
/// whose tally or IKM changed since the last one, and pools the region from the tallies, instead of summing every
/// employee of the region again.
/// </summary>
internal sealed class LiveUnitTally(RegionPlan region, string periodKey)
{
    /// <summary>The active employees' rows summed (no unit row added).</summary>
    public GroupAccumulator Employees { get; private set; } = new(region, periodKey);

    /// <summary>Only the counted figures are used (head count, today, predicates); the unit's own fields come from its row.</summary>
    public UnitFactsRow Counts { get; private set; } = new();

    /// <summary>True when the tally or the unit's IKM changed since <see cref="Indicators"/> was built.</summary>
    public bool Changed { get; set; } = true;

    /// <summary>True when a removed row may have held the unit's longest TKS run: the employees are added again.</summary>
    public bool Recount { get; private set; }

    /// <summary>The unit's row with its counts, as of the last build (the region's total adds it).</summary>
    public UnitFactsRow? Row { get; private set; }

    /// <summary>The unit's indicators as of the last build.</summary>
    public UnitIndicators? Indicators { get; private set; }

    public void Add(LiveEmployee e)
    {
        if (!e.Row.Active)
        {
            return;
        }
        Employees.Add(e.Row);
        LiveRegionAggregator.Count(Counts, e, 1);
        Changed = true;
    }

    public void Remove(LiveEmployee e)
    {
        if (!e.Row.Active)
        {
            return;
        }
        Recount |= !Employees.Remove(e.Row);
        LiveRegionAggregator.Count(Counts, e, -1);
        Changed = true;
    }

    /// <summary>Sums the unit's employees again from scratch (after <see cref="Recount"/>).</summary>
    public void Reset(IEnumerable<LiveEmployee> employees)
    {
        Employees = new GroupAccumulator(region, periodKey);
        Counts = new UnitFactsRow();
        Recount = false;
        foreach (var e in employees)
        {
            Add(e);
        }
    }

    /// <summary>Builds the unit's row and indicators from the tally and <paramref name="unit"/> (its own fields and IKM).</summary>
    public void Build(UnitFactsRow unit)
    {
        var row = LiveRegionAggregator.Fresh(unit);
        row.EmployeeCount = Counts.EmployeeCount;
        row.FiledToday = Counts.FiledToday;
        row.TodayHadir = Counts.TodayHadir;
        row.TodayTerlambat = Counts.TodayTerlambat;
        row.TodayIzin = Counts.TodayIzin;
        row.TodaySakit = Counts.TodaySakit;
        row.TodayCuti = Counts.TodayCuti;
        row.TodayDinasLuar = Counts.TodayDinasLuar;
        row.TodayTks = Counts.TodayTks;
        row.SangatBaik = Counts.SangatBaik;
        row.Baik = Counts.Baik;
        row.ButuhPerbaikan = Counts.ButuhPerbaikan;
        row.KurangMisconduct = Counts.KurangMisconduct;
        row.SangatKurang = Counts.SangatKurang;
        Row = row;
        Indicators = IndicatorQueries.Unit(Employees.CopyEmployees(), row);
        Changed = false;
    }
}
