namespace Kinerja.Ingest.Contracts;

/// <summary>
/// An employee withdraws one of their own activities (issue 16), JSON <c>POST /api/v1/withdrawals</c>: a new event, the
/// activity's row stays as it was stored. A withdrawn activity counts nowhere (rollups, indicators, boards, review
/// queue). An edit is a new activity plus a withdrawal of the old one naming it in <see cref="ReplacedBy"/>.
/// </summary>
public sealed class WithdrawalItem
{
    /// <summary>Client-made idempotency key (<c>eventId</c>); a retry with the same id is a duplicate.</summary>
    public Guid EventId { get; init; }

    /// <summary>The withdrawn activity's <c>eventId</c> (<c>activityEventId</c>): pending or returned, of <see cref="Nip"/>.</summary>
    public Guid ActivityEventId { get; init; }

    /// <summary>The employee withdrawing (<c>nip</c>): must be the activity's owner.</summary>
    public string Nip { get; init; } = "";

    /// <summary>
    /// Optional (<c>replacedBy</c>): the activity that replaces the withdrawn one (an edit); an activity of the same
    /// employee, stored earlier or accepted in the same batch.
    /// </summary>
    public Guid? ReplacedBy { get; init; }

    /// <summary>When the employee withdrew it, with offset (<c>occurredAt</c>).</summary>
    public DateTimeOffset OccurredAt { get; init; }
}
