namespace Kinerja.Core.Skp;

/// <summary>A target: numeric (<see cref="Value"/> with its unit of measure) or qualitative (<see cref="Text"/>), never both.</summary>
public sealed record SkpTarget(decimal? Value, string? Unit, string? Text)
{
    public bool IsNumeric => Value is not null;

    public static SkpTarget Numeric(decimal value, string unit) => new(value, unit, null);

    public static SkpTarget Qualitative(string text) => new(null, null, text);
}

/// <summary>One indicator of an RHK: its aspect, what is measured, the annual target and optional per-period targets
/// (keys <c>YYYY-MM</c> or <c>YYYY-Qn</c> of the plan's year).</summary>
public sealed record IndicatorDraft(string Aspect, string Text, SkpTarget Target, IReadOnlyDictionary<string, SkpTarget> PeriodTargets);

/// <summary>
/// One RHK as the employee writes it. It cascades from exactly one parent: <see cref="ParentRhkId"/> (an RHK of the
/// direct superior's current plan of the same year) or <see cref="ParentIku"/> (the code of an IKU of the employee's
/// unit, for the top of a unit). An imported plan names the superior's RHK by its code (<see cref="ParentRhkCode"/>) until
/// the import resolves it to an id.
/// </summary>
public sealed record RhkDraft(string Code, string Kind, string Text, long? ParentRhkId, string? ParentIku, IReadOnlyList<IndicatorDraft> Indicators,
    string? ParentRhkCode = null);

/// <summary>
/// The whole plan of a year as the employee saves it (<c>POST /api/v1/me/skp?year=</c>). <see cref="Version"/> is the
/// version the edit is based on (0 when there is no plan yet); <see cref="Revision"/>, when given, is the revision of
/// that version the screen read (a stricter check between saves of the same draft).
/// </summary>
public sealed record SkpDraft(int Year, int Version, int? Revision, IReadOnlyList<RhkDraft> Rhk);
