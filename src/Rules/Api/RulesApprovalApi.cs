using Kinerja.Rules.Hosting;
using Kinerja.Rules.Loading;
using Kinerja.Rules.Model;
using Kinerja.Rules.Store;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Kinerja.Rules.Api;

/// <summary>
/// Four-eyes publishing (<c>Kinerja:Rules:RequireSecondApprover</c>): a publish is validated and waits in
/// <see cref="PendingPublishStore"/>; another account approves it (then it is published, author = the proposer) or
/// rejects it.
/// </summary>
public static class RulesApprovalApi
{
    /// <summary>Validates the candidate with the active set and stores it as waiting (202), or returns the issues.</summary>
    internal static async Task<Results<Ok<PublishReport>, Accepted<PendingPublish>, ValidationProblem>> ProposeAsync(
        IReadOnlyList<WorkflowSource> sources, string author, string note, string? effectiveFrom, bool reevaluateClosedMonths,
        RulesService rules, PendingPublishStore pending, CancellationToken ct)
    {
        var (set, issues) = rules.CompileCandidate(sources);
        if (set is null)
        {
            return RulesApi.Invalid(issues);
        }
        var id = await pending.AddAsync(sources.Select(s => s.Json).ToArray(), author, note, ct, effectiveFrom, reevaluateClosedMonths);
        return TypedResults.Accepted($"/api/v1/rules/pending/{id}", await pending.GetAsync(id, ct));
    }

    /// <summary><c>GET /api/v1/rules/pending</c>.</summary>
    public static async Task<Ok<IReadOnlyList<PendingPublish>>> GetPending(PendingPublishStore pending, CancellationToken ct) =>
        TypedResults.Ok(await pending.OpenAsync(ct));

    /// <summary><c>POST /api/v1/rules/pending/{id}/approve</c>: publishes the waiting candidate when the approver is not its author.</summary>
    /// <remarks>
    /// The waiting publish takes effect from its month, or from the current month when none was given; a month that has
    /// closed while it waited counts from the current month unless the proposer confirmed re-evaluating closed months.
    /// </remarks>
    public static async Task<Results<Ok<PublishReport>, NotFound<ProblemDetails>, Conflict<ProblemDetails>, ValidationProblem>> Approve(long id,
        DecisionRequest? body, PendingPublishStore pending, RulesService rules, TimeProvider time, HttpContext http, CancellationToken ct)
    {
        var waiting = await pending.GetAsync(id, ct);
        if (waiting is null)
        {
            return TypedResults.NotFound(RulesApi.Problem(404, "Not found", $"No waiting publish {id}."));
        }
        var approver = RulesApi.Actor(http, body?.Author);
        if (waiting.Status != "pending")
        {
            return TypedResults.Conflict(RulesApi.Problem(409, "Already decided", $"Penerbitan {id} sudah diputuskan ({waiting.Status}) oleh {waiting.DecidedBy}."));
        }
        if (string.Equals(approver, waiting.Author, StringComparison.OrdinalIgnoreCase))
        {
            return TypedResults.Conflict(RulesApi.Problem(409, "Second approver required",
                $"Penerbitan {id} diajukan oleh {waiting.Author}: persetujuan harus dari akun SDM/admin lain."));
        }
        var sources = new List<WorkflowSource>();
        var issues = new List<RuleIssue>();
        foreach (var w in waiting.Workflows.EnumerateArray())
        {
            var (s, e) = RuleFileLoader.Parse($"pending#{id}", w.GetRawText());
            sources.AddRange(s);
            issues.AddRange(e);
        }
        if (issues.Count > 0)
        {
            return RulesApi.Invalid(issues);
        }
        // publish first: a candidate that no longer validates over today's active set stays waiting; a second approver
        // racing this one publishes the same JSON again, which stores nothing (unchanged workflows keep their version)
        var current = RuleMonth.Current(time);
        var month = waiting.EffectiveFrom is { } m && (waiting.ReevaluateClosedMonths || string.CompareOrdinal(m, current) > 0) ? m : current;
        var report = await rules.PublishAsync(sources, waiting.Author, $"{waiting.Note} (disetujui oleh {approver})", ct, month);
        if (report.Issues.Count > 0)
        {
            return RulesApi.Invalid(report.Issues);
        }
        await pending.DecideAsync(id, approver, approved: true, ct);
        return TypedResults.Ok(await RulesApi.ReevaluateAsync(report, month, http, time, ct));
    }

    /// <summary><c>POST /api/v1/rules/pending/{id}/reject</c>.</summary>
    public static async Task<Results<NoContent, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> Reject(long id, DecisionRequest? body,
        PendingPublishStore pending, HttpContext http, CancellationToken ct)
    {
        if (await pending.GetAsync(id, ct) is null)
        {
            return TypedResults.NotFound(RulesApi.Problem(404, "Not found", $"No waiting publish {id}."));
        }
        return await pending.DecideAsync(id, RulesApi.Actor(http, body?.Author), approved: false, ct)
            ? TypedResults.NoContent()
            : TypedResults.Conflict(RulesApi.Problem(409, "Already decided", $"Penerbitan {id} sudah diputuskan."));
    }
}

/// <summary>Body of an approve/reject: the approver when authentication is off (as <c>author</c> in a publish).</summary>
public sealed record DecisionRequest(string? Author);
