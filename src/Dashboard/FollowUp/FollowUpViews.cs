namespace Kinerja.Dashboard.FollowUp;

/// <summary>
/// A follow-up item (tindak lanjut) as <c>GET /api/v1/followups</c> returns it. <see cref="Nip"/> and <see cref="Name"/>
/// are null for a reader who may not see the person; <see cref="DueDate"/> is the region's local calendar day
/// (<c>yyyy-MM-dd</c>); <see cref="Overdue"/> is true for an open item past that day in the region's time zone.
/// <see cref="CanAct"/> says whether the reader may move it (<c>POST /api/v1/followups/{id}/transitions</c>).
/// </summary>
public sealed record FollowUpItemView(long Id, string Kind, string Code, string Title, string? Nip, string? Name, string UnitId,
    string UnitName, string RegionId, string Period, string State, DateOnly DueDate, bool Overdue, FollowUpAssignee Assignee,
    string? EvidenceUrl, DateTimeOffset CreatedAt, DateTimeOffset? DoneAt, bool CanAct, IReadOnlyList<FollowUpHistoryEntry> History);

/// <summary>
/// Who must act: <see cref="Role"/> <c>atasan</c> (the superior), <c>pegawai</c> (the employee) or <c>sdm</c> (HR of the
/// region, <see cref="Nip"/> null); <see cref="Actor"/> is the rule's <c>Properties.actor</c> as written
/// (<c>pejabat_berwenang</c>, <c>bkpsdm</c>, ...).
/// </summary>
public sealed record FollowUpAssignee(string Role, string Actor, string? Nip, string? Name);

/// <summary>One change of an item: who (<c>rules</c> for the rules), when, from which state (null at creation) to which.</summary>
public sealed record FollowUpHistoryEntry(DateTimeOffset At, string Actor, string? From, string To, string Note, string? EvidenceUrl);

/// <summary>Body of <c>POST /api/v1/followups/{id}/transitions</c>.</summary>
/// <param name="To"><c>diproses</c>, <c>selesai</c> or <c>dibatalkan</c>.</param>
/// <param name="Note">What was done, or the reason of a cancellation (required for <c>dibatalkan</c>, and for
/// <c>selesai</c> of coaching and sanctions); at most 2,000 characters.</param>
/// <param name="EvidenceUrl">A link to the evidence (http or https, at most 2,000 characters).</param>
public sealed record FollowUpTransitionRequest(string? To, string? Note, string? EvidenceUrl);

/// <summary>The hint <c>FollowUpChanged</c> carries: which item, whose (<see cref="Nip"/>, null for a unit item), its new state.</summary>
public sealed record FollowUpChange(long Id, string? Nip, string State, DateTimeOffset At);

/// <summary>Per unit: follow-ups done on time, done late, open and overdue, and coaching completed.</summary>
public sealed record UnitFollowUpCounts(string UnitId, string UnitName, int DoneOnTime, int DoneLate, int Open, int Overdue,
    int CoachingDone);

/// <summary>
/// What the public display shows of follow-ups: per kind, the items completed (rewards given, coaching held), and
/// withheld (null) when fewer people than the privacy floor are behind a count.
/// </summary>
public sealed record PublicFollowUpCounts(string RegionId, string Period, int? RewardsGiven, int? CoachingHeld, int MinGroupSize);
