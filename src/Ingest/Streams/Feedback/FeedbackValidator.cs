using Kinerja.Core.Domain;
using Kinerja.Ingest.Contracts;
using Kinerja.Ingest.Reference;
using Kinerja.Ingest.Validation;

namespace Kinerja.Ingest.Streams.Feedback;

/// <summary>Checks of one feedback note: both NIPs registered (and in scope), the author is the employee's superior.</summary>
internal static class FeedbackValidator
{
    /// <summary>Longest note, in UTF-16 code units (the table's check says the same).</summary>
    public const int MaxNote = 2000;

    public static PreparedFeedback? Validate(int index, FeedbackItem item, ValidationContext ctx, ref List<FieldError>? errors)
    {
        ctx.RequireEventId(item.EventId, ref errors);
        var employee = ctx.Employee(item.Nip, "nip", ref errors);
        // The author is looked up (registered, in scope) only with the employee known: a note about someone outside the
        // source's scope is refused once, on nip; a malformed author NIP is still named.
        EmployeeRef? author = null;
        if (employee is not null)
        {
            author = ctx.Employee(item.AuthorNip, "authorNip", ref errors);
        }
        else if (!Errors.Has(errors, "authorNip") && Nip.Validate(item.AuthorNip) is { } authorFormat)
        {
            Errors.Add(ref errors, "authorNip", authorFormat);
        }
        if (employee is not null && author is not null && employee.SupervisorNip != author.Nip)
        {
            Errors.Add(ref errors, "authorNip",
                $"NIP {author.Nip} is not the supervisor of employee {employee.Nip} (their supervisor is {employee.SupervisorNip ?? "not set"}).");
        }
        if (string.IsNullOrWhiteSpace(item.Note) && !Errors.Has(errors, "note"))
        {
            Errors.Add(ref errors, "note", "note is required (the feedback text).");
        }
        ValidationContext.MaxLength(item.Note, MaxNote, "note", ref errors);
        ctx.Instant(item.OccurredAt, "occurredAt", ref errors);
        if (errors is not null || employee is null || author is null)
        {
            return null;
        }
        return new PreparedFeedback(index, item, employee.Region.Clock.LocalDay(item.OccurredAt));
    }
}
