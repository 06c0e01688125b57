using System.Security.Claims;
using Kinerja.Dashboard.Access;
using Kinerja.Dashboard.Employees;
using Kinerja.Ingest;
using Kinerja.Ingest.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.SignalR;

namespace Kinerja.Dashboard.Apis;

/// <summary>One note a superior writes (<c>POST /api/v1/team/feedback</c>). The author comes from the session.</summary>
/// <param name="AuthorNip">Only accepted when it is the signed-in employee's own NIP (better left out).</param>
public sealed record MyFeedbackItem(Guid? EventId, string? Nip, string? Note, string? AuthorNip);

/// <summary>
/// Continuous-feedback notes (PermenPAN-RB 6/2022, issue 16), under <see cref="Policies.Employee"/>: a superior writes
/// notes about their direct reports (through the ingest <c>feedback</c> stream, pushed after the commit to
/// <c>employee:{nip}</c> as <see cref="IEmployeeClient.FeedbackAdded"/>) and reads what they wrote; the employee reads
/// the notes about themselves.
/// </summary>
public static class FeedbackApi
{
    /// <summary>
    /// Notes are free text: their JSON escapes the HTML-significant characters (<c>&lt;</c> as <c>\u003C</c>, also
    /// <c>&gt; &amp; ' "</c>), unlike the host's relaxed default, so a note pasted into markup by mistake stays text.
    /// </summary>
    public static RouteGroupBuilder MapMyFeedbackReads(this RouteGroupBuilder group)
    {
        group.MapGet("", GetMine).WithName("GetMyFeedback")
            .WithSummary("Feedback notes about me in a month (newest first).")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return group;
    }

    public static RouteGroupBuilder MapTeamFeedbackReads(this RouteGroupBuilder group)
    {
        group.MapGet("", GetWritten).WithName("GetTeamFeedback")
            .WithSummary("Feedback notes I wrote about one of my direct reports in a month (newest first).")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden);
        return group;
    }

    public static RouteGroupBuilder MapTeamFeedbackWrites(this RouteGroupBuilder group)
    {
        group.MapPost("", PostFeedback).WithName("PostTeamFeedback")
            .WithSummary("Write feedback notes about my direct reports; per-item results like ingest; each stored note is pushed to employee:{nip}.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return group;
    }

    public static async Task<Results<JsonHttpResult<IReadOnlyList<FeedbackNote>>, ProblemHttpResult>> GetMine(ClaimsPrincipal user,
        string? period, FeedbackNotes notes, CancellationToken ct)
    {
        if (UserPrincipal.NipOf(user) is not { } nip)
        {
            return PersonalWrites.NoNip();
        }
        if (!PersonalWrites.TryMonth(period, out var month, out var problem))
        {
            return problem!;
        }
        return TypedResults.Json(await notes.AboutAsync(nip, month, ct), EmployeeJson.Options);
    }

    public static async Task<Results<JsonHttpResult<IReadOnlyList<FeedbackNote>>, ProblemHttpResult>> GetWritten(ClaimsPrincipal user,
        string? nip, string? period, FeedbackNotes notes, TeamScope team, CancellationToken ct)
    {
        if (UserPrincipal.NipOf(user) is not { } me)
        {
            return PersonalWrites.NoNip();
        }
        if (string.IsNullOrEmpty(nip))
        {
            return PersonalWrites.BadBody("nip is required: the NIP of one of your direct reports.");
        }
        if (!PersonalWrites.TryMonth(period, out var month, out var problem))
        {
            return problem!;
        }
        if (!await team.IsDirectReportAsync(me, nip, ct))
        {
            return TypedResults.Problem(title: "Forbidden", detail: $"{nip} is not your direct report.",
                statusCode: StatusCodes.Status403Forbidden);
        }
        return TypedResults.Json(await notes.ByAuthorAsync(me, nip, month, ct), EmployeeJson.Options);
    }

    public static async Task<Results<Ok<PersonalWriteResult>, ProblemHttpResult>> PostFeedback(HttpContext ctx,
        ClaimsPrincipal user, List<MyFeedbackItem>? items, TeamScope team, FeedbackNotes notes, IIngestPipeline pipeline,
        TimeProvider time, ILoggerFactory logs, CancellationToken ct)
    {
        if (UserPrincipal.NipOf(user) is not { } me)
        {
            return PersonalWrites.NoNip();
        }
        if (items is null || items.Count == 0 || items.Count > PersonalWrites.MaxItems)
        {
            return PersonalWrites.BadBody($"The body must be a JSON array of 1 to {PersonalWrites.MaxItems} notes.");
        }
        var results = new PersonalItemResult?[items.Count];
        var toSubmit = new List<FeedbackItem>();
        var positions = new List<int>();
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var errors = new List<FieldError>();
            if (item is null)
            {
                errors.Add(new FieldError("", "Each item must be an object { eventId, nip, note }."));
            }
            else
            {
                if (item.EventId is not { } id || id == Guid.Empty)
                {
                    errors.Add(new FieldError("eventId", "eventId is required and must be a non-empty UUID."));
                }
                if (item.AuthorNip is { } author && author != me)
                {
                    errors.Add(new FieldError("authorNip", "authorNip comes from your session: leave it out."));
                }
                if (string.IsNullOrEmpty(item.Nip))
                {
                    errors.Add(new FieldError("nip", "nip is required (the NIP of your direct report)."));
                }
                else if (!await team.IsDirectReportAsync(me, item.Nip, ct))
                {
                    errors.Add(new FieldError("nip", $"{item.Nip} is not your direct report: you write notes about your direct reports only."));
                }
            }
            if (errors.Count > 0)
            {
                results[i] = new PersonalItemResult(i, item?.EventId?.ToString(), PersonalWriteResult.RejectedStatus, errors);
                continue;
            }
            // note length and content, and repeated eventIds, are the stream's validation (FeedbackValidator)
            toSubmit.Add(new FeedbackItem
            {
                EventId = item!.EventId!.Value, Nip = item.Nip!, AuthorNip = me, Note = item.Note ?? "", OccurredAt = time.GetUtcNow(),
            });
            positions.Add(i);
        }
        if (toSubmit.Count > 0)
        {
            IngestResult stored;
            try
            {
                stored = await pipeline.SubmitAsync(toSubmit, null, Backpressure.Reject, ct);
            }
            catch (IngestUnavailableException ex)
            {
                return PersonalWrites.Unavailable(ctx, ex);
            }
            foreach (var r in stored.Items)
            {
                var i = positions[r.Index];
                results[i] = new PersonalItemResult(i, items[i].EventId?.ToString(), PersonalWriteResult.StatusOf(r.Status), r.Errors);
            }
            await PushAsync(ctx.RequestServices, notes, stored, toSubmit, logs, ct);
        }
        return TypedResults.Ok(PersonalWriteResult.Of(results.Select(r => r!).ToList()));
    }

    /// <summary>Sends each note stored now to its employee's group (in a process that runs the hub; see README).</summary>
    private static async Task PushAsync(IServiceProvider services, FeedbackNotes notes, IngestResult stored,
        List<FeedbackItem> submitted, ILoggerFactory logs, CancellationToken ct)
    {
        if (services.GetService<IHubContext<EmployeeHub, IEmployeeClient>>() is not { } hub)
        {
            return;
        }
        foreach (var r in stored.Items.Where(r => r.Status == ItemStatus.Accepted))
        {
            try
            {
                if (await notes.FindAsync(submitted[r.Index].EventId, ct) is { } note)
                {
                    await hub.Clients.Group(EmployeeHub.GroupPrefix + note.Nip).FeedbackAdded(note);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // stored is stored: a failed push only means the screen shows the note on its next load
                logs.CreateLogger(typeof(FeedbackApi)).LogWarning(ex, "Could not push feedback note {EventId}", submitted[r.Index].EventId);
            }
        }
    }
}
