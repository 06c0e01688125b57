namespace Kinerja.Ingest.Contracts;

/// <summary>
/// A continuous-feedback note (umpan balik berkelanjutan, PermenPAN-RB 6/2022) a superior writes about a direct report,
/// not tied to an activity, JSON <c>POST /api/v1/feedback</c>. Stored verbatim; screens show it escaped.
/// </summary>
public sealed class FeedbackItem
{
    /// <summary>Client-made idempotency key (<c>eventId</c>).</summary>
    public Guid EventId { get; init; }

    /// <summary>The employee the note is about (<c>nip</c>).</summary>
    public string Nip { get; init; } = "";

    /// <summary>The author's NIP (<c>authorNip</c>): must be the employee's <c>supervisor_nip</c>.</summary>
    public string AuthorNip { get; init; } = "";

    /// <summary>The note (<c>note</c>): 1 to 2000 characters, not only white space.</summary>
    public string Note { get; init; } = "";

    /// <summary>When the note was written, with offset (<c>occurredAt</c>).</summary>
    public DateTimeOffset OccurredAt { get; init; }
}
