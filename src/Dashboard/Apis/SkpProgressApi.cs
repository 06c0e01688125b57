using System.Security.Claims;
using Kinerja.Core.Skp;
using Kinerja.Dashboard.Access;
using Kinerja.Dashboard.Employees;
using Kinerja.Dashboard.Skp;
using Kinerja.Ingest.Contracts;
using Kinerja.Ingest.Http;

namespace Kinerja.Dashboard.Apis;

/// <summary>
/// Realisations and assessments of the SKP (issue 17, second part), under <see cref="Policies.Employee"/>, answered per
/// item like the ingest (<c>accepted</c>, <c>duplicate</c>, <c>rejected</c> with field errors):
/// <c>POST /api/v1/me/skp/realisations</c> (the employee, against their current approved plan) and
/// <c>POST /api/v1/team/skp/assessments</c> (only the direct superior, per RHK of a report's current approved plan).
/// </summary>
public static class SkpProgressApi
{
    public static RouteGroupBuilder MapMeSkpRealisations(this RouteGroupBuilder group)
    {
        group.MapPost("/realisations", FileRealisations).WithName("FileMySkpRealisations")
            .WithSummary("Files realisations [{ eventId, indicatorId, period, value | text, note?, evidenceUrl? }] of my current approved plan; " +
                         "a retry of an eventId is a duplicate, a later realisation of the same indicator and period supersedes the earlier.")
            .Accepts<object[]>("application/json").Produces<IngestResult>()
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        return group;
    }

    public static RouteGroupBuilder MapTeamSkpAssessments(this RouteGroupBuilder group)
    {
        group.MapPost("/assessments", FileAssessments).WithName("FileTeamSkpAssessments")
            .WithSummary("Assesses RHK of my direct reports' approved plans [{ eventId, nip, rhkId, period, level: di_atas|sesuai|di_bawah, " +
                         "feedback? }]; a reassessment of the same RHK and period supersedes the earlier.")
            .Accepts<object[]>("application/json").Produces<IngestResult>()
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        return group;
    }

    public static async Task<IResult> FileRealisations(HttpContext ctx, ClaimsPrincipal user, TeamScope team, SkpRealisationWrites writes,
        TimeProvider time, ILoggerFactory logs)
    {
        var ct = ctx.RequestAborted;
        var (me, problem) = await EmployeeSession.ResolveAsync(user, team, ct);
        if (me is null)
        {
            return problem!;
        }
        var (items, bad) = await EmployeeItemBatch.ReadJsonAsync(ctx, SkpItemReader.ReadRealisations, "realisations");
        if (items is null)
        {
            return bad!;
        }
        var results = await writes.FileAsync(me.Nip, me.UnitId, me.RegionId, items, ct);
        if (results.Any(r => r.Status == ItemStatus.Accepted))
        {
            var owner = await SkpAnswers.OwnerAsync(me, team, ct);
            await SkpPush.AfterCommitAsync(ctx.RequestServices, me.Nip, owner.SuperiorNip, time, logs.CreateLogger(typeof(SkpProgressApi)));
        }
        return new IngestAccepted(new IngestResult(results));
    }

    public static async Task<IResult> FileAssessments(HttpContext ctx, ClaimsPrincipal user, TeamScope team, SkpAssessmentWrites writes,
        TimeProvider time, ILoggerFactory logs)
    {
        var ct = ctx.RequestAborted;
        var (me, problem) = await EmployeeSession.ResolveAsync(user, team, ct);
        if (me is null)
        {
            return problem!;
        }
        var (items, bad) = await EmployeeItemBatch.ReadJsonAsync(ctx, SkpItemReader.ReadAssessments, "assessments");
        if (items is null)
        {
            return bad!;
        }
        var reports = new Dictionary<string, EmployeeEntry>(StringComparer.Ordinal);
        foreach (var nip in await team.DirectReportsAsync(me.Nip, ct))
        {
            if (await team.EmployeeAsync(nip, ct) is { Active: true } report && report.SupervisorNip == me.Nip)
            {
                reports[nip] = report;
            }
        }
        var (results, changed) = await writes.FileAsync(me.Nip, reports, items, ct);
        var log = logs.CreateLogger(typeof(SkpProgressApi));
        foreach (var report in changed)
        {
            await SkpPush.AfterCommitAsync(ctx.RequestServices, report.Nip, me.Nip, time, log);
        }
        return new IngestAccepted(new IngestResult(results));
    }
}
