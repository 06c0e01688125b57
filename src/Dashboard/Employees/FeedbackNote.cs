namespace Kinerja.Dashboard.Employees;

/// <summary>
/// A continuous-feedback note as the employee screens receive it (<c>GET /api/v1/me/feedback</c>,
/// <c>GET /api/v1/team/feedback</c>, hub message <c>FeedbackAdded</c>). <paramref name="Note"/> is the text as written:
/// screens insert it as text, never as HTML.
/// </summary>
public sealed record FeedbackNote(Guid EventId, string Nip, string AuthorNip, string AuthorName, string Note,
    DateTimeOffset OccurredAt, DateOnly LocalDay);
