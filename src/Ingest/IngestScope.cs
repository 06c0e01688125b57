namespace Kinerja.Ingest;

/// <summary>
/// What a source may write: employees and units of these regions or units. Null sets mean no limit on
/// that axis; <see cref="Unrestricted"/> allows everything. API keys resolve to a scope; a signed-in employee writing
/// their own activities gets <see cref="OfEmployee"/>.
/// </summary>
public sealed record IngestScope(IReadOnlySet<string>? Regions, IReadOnlySet<string>? Units)
{
    public static readonly IngestScope Unrestricted = new(null, null);

    /// <summary>
    /// When set, every NIP an item names (in any of its NIP fields) must be one of these, on top of the region/unit
    /// limit; an item naming another employee is rejected on that field. Null: no limit by person.
    /// </summary>
    public IReadOnlySet<string>? Employees { get; init; }

    public bool IsUnrestricted => Regions is null && Units is null && Employees is null;

    /// <summary>True when a subject of this unit and region may be written.</summary>
    public bool Allows(string unitId, string regionId) =>
        (Regions is null && Units is null) || (Regions?.Contains(regionId) ?? false) || (Units?.Contains(unitId) ?? false);

    /// <summary>True when the employee <paramref name="nip"/> may be named (see <see cref="Employees"/>).</summary>
    public bool AllowsEmployee(string nip) => Employees is null || Employees.Contains(nip);

    /// <summary>
    /// The scope of one employee writing in the application (issue 16): their own unit and region, and only their own
    /// NIP in any NIP field.
    /// </summary>
    public static IngestScope OfEmployee(string nip, string unitId, string regionId) =>
        new(new HashSet<string>(StringComparer.Ordinal) { regionId }, new HashSet<string>(StringComparer.Ordinal) { unitId })
        {
            Employees = new HashSet<string>(StringComparer.Ordinal) { nip },
        };
}
