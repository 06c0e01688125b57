using Kinerja.Core.Skp;

namespace Kinerja.Dashboard.Skp;

/// <summary>One indicator of an RHK as the API answers it. <c>target</c> is <c>{ value, unit }</c> or <c>{ text }</c>.</summary>
public sealed record SkpIndicatorView(long Id, string Aspect, string Text, SkpTarget Target, IReadOnlyDictionary<string, SkpTarget> PeriodTargets);

/// <summary>One RHK of a plan version; its parent is <c>parentRhkId</c> (the superior's RHK) or <c>parentIku</c> (an IKU code of the unit).</summary>
public sealed record SkpRhkView(long Id, string Code, string Kind, string Text, long? ParentRhkId, string? ParentIku,
    IReadOnlyList<SkpIndicatorView> Indicators);

/// <summary>One step of a plan version's life: <c>saved</c>, <c>diajukan</c>, <c>disetujui</c> or <c>dikembalikan</c>, by whom and when.</summary>
public sealed record SkpStepView(string Step, string ActorNip, DateTimeOffset At, string? Note);

/// <summary>
/// A plan version (<c>GET /api/v1/me/skp</c>, and each plan of <c>GET /api/v1/team/skp</c>). Save with
/// <see cref="Version"/> (and, for a stricter check, <see cref="Revision"/>); <see cref="Note"/> is the superior's note
/// of the last decision; <see cref="Versions"/> lists every version of the year, the history kept.
/// </summary>
public sealed record SkpPlanView(string Nip, int Year, int Version, int Revision, string Status, string? Note, string UnitId,
    string? SuperiorNip, DateTimeOffset SavedAt, DateTimeOffset? SubmittedAt, DateTimeOffset? DecidedAt, string? DecidedBy,
    IReadOnlyList<SkpRhkView> Rhk, IReadOnlyList<SkpStepView> Steps, IReadOnlyList<SkpVersionSummary> Versions)
{
    /// <summary>Minutes per RHK, realisations and assessments of this plan's year (filled by the plan reads of the me and team views).</summary>
    public SkpProgressView? Progress { get; init; }
}

/// <summary>One version of a year's plan in the history: number, status, when last saved.</summary>
public sealed record SkpVersionSummary(int Version, string Status, DateTimeOffset SavedAt, DateTimeOffset? DecidedAt);

/// <summary>A direct report and their current plan of the year (null when they have none yet).</summary>
public sealed record TeamSkpMember(string Nip, string Name, string? Status, SkpPlanView? Plan);

/// <summary>
/// The answer of <c>GET /api/v1/me/skp/years</c> and <c>GET /api/v1/team/skp/years</c>: the years (newest first) in which the
/// person, or one of their direct reports, has a plan, within the years the SKP API opens (<paramref name="From"/> to
/// <paramref name="To"/>; a year outside is refused with 400 for reads and writes alike).
/// </summary>
public sealed record SkpYears(IReadOnlyList<int> WithPlan, int From, int To);

/// <summary>The answer of <c>GET /api/v1/team/skp?year=</c>: submitted plans first, then by name.</summary>
public sealed record TeamSkpResponse(string SupervisorNip, int Year, IReadOnlyList<TeamSkpMember> Members);

/// <summary>An RHK the employee may cascade from (an RHK of the direct superior's current plan).</summary>
public sealed record SkpParentRhk(long Id, string Code, string Kind, string Text, int Version, string Status);

/// <summary>An IKU of a unit's annual plan.</summary>
public sealed record UnitIkuView(string Code, string Name, decimal TargetValue, string TargetUnit);

/// <summary>
/// What the employee's RHK may link to in a year (<c>GET /api/v1/me/skp/parents</c>): the direct superior's current
/// plan's RHK when the superior is in the same unit, else the unit's IKU.
/// </summary>
public sealed record SkpParentOptions(int Year, string? SuperiorNip, bool LinksToIku, IReadOnlyList<SkpParentRhk> SuperiorRhk,
    IReadOnlyList<UnitIkuView> UnitIku);
