namespace Kinerja.Ingest.Contracts;

/// <summary>
/// A superior's verdict on an activity, JSON <c>POST /api/v1/reviews</c>. The activity's status is the
/// verdict of its latest review by <see cref="At"/>.
/// </summary>
public sealed class ReviewItem
{
    /// <summary>Client-made idempotency key (<c>eventId</c>).</summary>
    public Guid EventId { get; init; }

    /// <summary>The reviewed activity's <c>eventId</c> (<c>activityEventId</c>); stored or earlier in the same batch.</summary>
    public Guid ActivityEventId { get; init; }

    /// <summary>Approved (true) or rejected (false) (<c>approved</c>).</summary>
    public bool Approved { get; init; }

    /// <summary>The reviewer's NIP (<c>reviewerNip</c>); must be the activity owner's supervisor.</summary>
    public string ReviewerNip { get; init; } = "";

    /// <summary>When the review was made, with offset (<c>at</c>).</summary>
    public DateTimeOffset At { get; init; }

    /// <summary>
    /// Optional note of the reviewer to the employee (<c>note</c>, umpan balik), at most 2000 characters, stored verbatim.
    /// </summary>
    public string? Note { get; init; }
}
