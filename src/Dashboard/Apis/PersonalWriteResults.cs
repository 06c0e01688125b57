using System.Globalization;
using Kinerja.Ingest;
using Kinerja.Ingest.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Kinerja.Dashboard.Apis;

/// <summary>One item's outcome of a personal write (ratings, feedback notes), as the ingest API answers it.</summary>
/// <param name="Index">Position in the submitted array.</param>
/// <param name="EventId">The item's <c>eventId</c> as sent.</param>
/// <param name="Status"><c>accepted</c>, <c>duplicate</c> or <c>rejected</c>.</param>
/// <param name="Errors">Why (per field) an item was rejected, or what a duplicate means.</param>
public sealed record PersonalItemResult(int Index, string? EventId, string Status, IReadOnlyList<FieldError> Errors);

/// <summary>The answer of <c>POST /api/v1/me/ratings</c> and <c>POST /api/v1/team/feedback</c>: like the ingest API's.</summary>
public sealed record PersonalWriteResult(int Accepted, int Duplicates, int Rejected, IReadOnlyList<PersonalItemResult> Items)
{
    public static PersonalWriteResult Of(IReadOnlyList<PersonalItemResult> items) => new(
        items.Count(i => i.Status == AcceptedStatus), items.Count(i => i.Status == DuplicateStatus), items.Count(i => i.Status == RejectedStatus), items);

    internal const string AcceptedStatus = "accepted";
    internal const string DuplicateStatus = "duplicate";
    internal const string RejectedStatus = "rejected";

    internal static string StatusOf(ItemStatus status) => status switch
    {
        ItemStatus.Accepted => AcceptedStatus,
        ItemStatus.Duplicate => DuplicateStatus,
        _ => RejectedStatus,
    };
}

/// <summary>Answers shared by the personal write endpoints.</summary>
internal static class PersonalWrites
{
    /// <summary>Most items in one personal write (a person rates a few dozen aspects at most).</summary>
    public const int MaxItems = 200;

    public static ProblemHttpResult NoNip() => TypedResults.Problem(title: "Forbidden",
        detail: "This account is not bound to an employee (NIP).", statusCode: StatusCodes.Status403Forbidden);

    public static ProblemHttpResult BadBody(string detail) =>
        TypedResults.Problem(title: "Bad request", detail: detail, statusCode: StatusCodes.Status400BadRequest);

    /// <summary>503 with Retry-After: nothing of the request was written.</summary>
    public static ProblemHttpResult Unavailable(HttpContext ctx, IngestUnavailableException ex)
    {
        ctx.Response.Headers.RetryAfter = Math.Max(1, Math.Ceiling(ex.RetryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        return TypedResults.Problem(title: "Service unavailable", detail: ex.Message, statusCode: StatusCodes.Status503ServiceUnavailable);
    }

    /// <summary>The month of <c>?period=YYYY-MM</c>, or a 400 saying what is wrong.</summary>
    public static bool TryMonth(string? period, out Kinerja.Core.Domain.Period month, out ProblemHttpResult? problem)
    {
        problem = null;
        if (Kinerja.Core.Domain.Period.TryParse(period, out month) && month.Kind == Kinerja.Core.Domain.PeriodKind.Month)
        {
            return true;
        }
        problem = BadBody(string.IsNullOrEmpty(period)
            ? "period is required: the month, YYYY-MM (e.g. 2026-03)."
            : $"period must be a month YYYY-MM (e.g. 2026-03); got '{period}'.");
        return false;
    }
}
