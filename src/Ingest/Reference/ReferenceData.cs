using Kinerja.Core.Domain;

namespace Kinerja.Ingest.Reference;

/// <summary>A region's clock and per-day minute bounds.</summary>
internal sealed record RegionRef(string Id, RegionClock Clock, int DailyMinMinutes, int DailyMaxMinutes);

/// <summary>A unit and its region.</summary>
internal sealed record UnitRef(string Id, RegionRef Region);

/// <summary>An employee as validation needs it.</summary>
internal sealed record EmployeeRef(string Nip, UnitRef Unit, string? SupervisorNip)
{
    public RegionRef Region => Unit.Region;
}

/// <summary>An immutable snapshot of the reference tables, swapped whole on refresh.</summary>
internal sealed class ReferenceData(
    IReadOnlyDictionary<string, EmployeeRef> employees,
    IReadOnlyDictionary<string, UnitRef> units,
    IReadOnlyDictionary<string, RegionRef> regions,
    DateTimeOffset loadedAt)
{
    public static readonly ReferenceData Empty = new(
        new Dictionary<string, EmployeeRef>(), new Dictionary<string, UnitRef>(), new Dictionary<string, RegionRef>(),
        DateTimeOffset.MinValue);

    public IReadOnlyDictionary<string, EmployeeRef> Employees { get; } = employees;

    public IReadOnlyDictionary<string, UnitRef> Units { get; } = units;

    public IReadOnlyDictionary<string, RegionRef> Regions { get; } = regions;

    public DateTimeOffset LoadedAt { get; } = loadedAt;
}
