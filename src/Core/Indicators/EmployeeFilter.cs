namespace Kinerja.Core.Indicators;

/// <summary>
/// Which employees a population query covers. All set criteria apply together; an empty filter
/// means every employee. Inactive employees are left out unless <see cref="IncludeInactive"/>.
/// </summary>
public sealed record EmployeeFilter
{
    public static readonly EmployeeFilter All = new();

    public string? RegionId { get; init; }
    public string? UnitId { get; init; }
    public IReadOnlyCollection<string>? Nips { get; init; }
    public bool IncludeInactive { get; init; }

    /// <summary>True when no region, unit or NIP criterion is set (inactive employees may still be left out).</summary>
    public bool IsEveryone => RegionId is null && UnitId is null && Nips is null;

    public static EmployeeFilter Region(string regionId) => new() { RegionId = regionId };
    public static EmployeeFilter Unit(string unitId) => new() { UnitId = unitId };
    public static EmployeeFilter ForNips(IReadOnlyCollection<string> nips) => new() { Nips = nips, IncludeInactive = true };
}
