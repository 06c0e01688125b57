namespace Kinerja.Ingest;

/// <summary>
/// What a source may write: employees and units of these regions or units. Null sets mean no limit on
/// that axis; <see cref="Unrestricted"/> allows everything. API keys (a later issue) resolve to a scope.
/// </summary>
public sealed record IngestScope(IReadOnlySet<string>? Regions, IReadOnlySet<string>? Units)
{
    public static readonly IngestScope Unrestricted = new(null, null);

    public bool IsUnrestricted => Regions is null && Units is null;

    /// <summary>True when a subject of this unit and region may be written.</summary>
    public bool Allows(string unitId, string regionId) =>
        IsUnrestricted || (Regions?.Contains(regionId) ?? false) || (Units?.Contains(unitId) ?? false);
}
