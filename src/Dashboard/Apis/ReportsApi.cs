using System.Security.Claims;
using System.Text.Json;
using Kinerja.Core.Domain;
using Kinerja.Core.Indicators;
using Kinerja.Dashboard.Access;
using Kinerja.Dashboard.FollowUp;
using Kinerja.Dashboard.Reports;

namespace Kinerja.Dashboard.Apis;

/// <summary>A report job as <c>GET /api/v1/reports/{id}</c> answers it; <c>file</c> once the state is <c>selesai</c>.</summary>
public sealed record ReportJobView(Guid Id, string Kind, string? RegionId, string? UnitId, string? Nip, string Period, string State,
    int Progress, string? Error, DateTimeOffset CreatedAt, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt,
    JsonElement? RuleVersions, DateTimeOffset? DataAsOf, ReportFileView? File);

/// <summary>The finished document: its download address, name, type, size and SHA-256.</summary>
public sealed record ReportFileView(string Url, string Name, string ContentType, long Size, string Sha256);

/// <summary>
/// Report documents (issue 19): <c>POST /api/v1/reports</c> queues a job (202 with <c>{ id }</c> and a Location),
/// <c>GET /api/v1/reports/{id}</c> answers its state and progress (poll it; the worker updates progress as it goes) and,
/// when done, the download address <c>GET /api/v1/reports/{id}/file</c>. Who may ask for what: <see cref="ReportAccess"/>.
/// </summary>
public static class ReportsApi
{
    public static IEndpointRouteBuilder MapReportsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/reports").WithTags("Laporan").RequireAuthorization(Policies.Person);
        group.MapPost("", PostReport)
            .WithName("PostReport")
            .WithSummary("Queues a document: { kind: tpp|evaluation|unit, regionId|unitId|nip, period: YYYY-MM|YYYY }; 202 with { id }.")
            .Accepts<ReportRequest>("application/json")
            .Produces(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{id}", GetReport)
            .WithName("GetReport")
            .WithSummary("A report job: state (antri, berjalan, selesai, gagal), progress 0-100 and, when done, the file's address.")
            .Produces<ReportJobView>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{id}/file", GetFile)
            .WithName("GetReportFile")
            .WithSummary("The finished document as an attachment (XLSX or PDF); 409 while the job is not done.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    private static IResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(title: title, detail: detail, statusCode: status);

    public static async Task<IResult> PostReport(ClaimsPrincipal user, HttpRequest request, RegionAccess access, TeamScope team,
        AccessCache cache, ReportReads reads, ReportJobStore jobs, ReportSignal signal, IIndicatorQueries indicators, CancellationToken ct)
    {
        if (await FollowUpViewer.ResolveAsync(user, access, team, ct) is not { } viewer)
        {
            return Problem(403, "Forbidden", "The session is no longer valid, or its employee is no longer active.");
        }
        if (!request.HasJsonContentType())
        {
            return Problem(415, "Unsupported media type", "Send the request as application/json.");
        }
        ReportRequest? body;
        try
        {
            body = await request.ReadFromJsonAsync<ReportRequest>(EmployeeJson.Options, ct);
        }
        catch (JsonException ex)
        {
            return Problem(400, "Bad request", "The body is not valid JSON: " + ex.Message);
        }
        var (spec, error) = ReportRequests.Check(body);
        if (spec is null)
        {
            return Problem(400, "Bad request", error!);
        }
        var decision = await ReportAccess.ForRequestAsync(spec, viewer, cache, team, reads, ct);
        if (decision.Region is not { } region)
        {
            return Problem(decision.Status, decision.Status == 404 ? "Not found" : "Forbidden", decision.Detail!);
        }
        if (await indicators.CurrentMonthAsync(region, ct) is { } current
            && (spec.Period.Kind == PeriodKind.Year ? spec.Period.Start.Year > current.Start.Year : spec.Period.Start > current.Start))
        {
            return Problem(400, "Bad request", $"'period' {spec.Period.Key} is in the future (the current month in region '{region}' is {current.Key}).");
        }
        var id = await jobs.EnqueueAsync(spec, viewer.User.Username, region, ct);
        signal.Pulse();
        return TypedResults.Accepted($"/api/v1/reports/{id}", new { id, state = ReportStates.Queued });
    }

    public static async Task<IResult> GetReport(string id, ClaimsPrincipal user, RegionAccess access, TeamScope team, ReportJobStore jobs,
        CancellationToken ct)
    {
        if (await ReadableAsync(id, user, access, team, jobs, ct) is not { } job)
        {
            return Problem(404, "Not found", $"No report job '{id}' that you may read.");
        }
        static DateTimeOffset Utc(DateTime t) => new(DateTime.SpecifyKind(t, DateTimeKind.Utc));
        var file = job.State == ReportStates.Done
            ? new ReportFileView($"/api/v1/reports/{job.Id}/file", job.FileName!, job.ContentType!, job.SizeBytes ?? 0, job.Sha256!)
            : null;
        return TypedResults.Json(new ReportJobView(job.Id, job.Kind, job.RegionId, job.UnitId, job.Nip, job.Period, job.State, job.Progress,
            job.Error, Utc(job.CreatedAt), job.StartedAt is { } s ? Utc(s) : null, job.FinishedAt is { } f ? Utc(f) : null,
            job.RuleVersions is { } v ? JsonDocument.Parse(v).RootElement : null, job.DataAsOf is { } d ? Utc(d) : null, file),
            EmployeeJson.Options);
    }

    public static async Task<IResult> GetFile(string id, ClaimsPrincipal user, RegionAccess access, TeamScope team, ReportJobStore jobs,
        CancellationToken ct)
    {
        if (await ReadableAsync(id, user, access, team, jobs, ct) is not { } job)
        {
            return Problem(404, "Not found", $"No report job '{id}' that you may read.");
        }
        if (job.State != ReportStates.Done || await jobs.FileAsync(job.Id, ct) is not { } file)
        {
            return Problem(409, "Not ready", $"The report is '{job.State}' ({job.Progress}%); its file exists once it is '{ReportStates.Done}'.");
        }
        return TypedResults.File(file.Bytes, file.ContentType, file.FileName);
    }

    // The id is taken as text (not a {id:guid} route constraint) so a malformed id still passes the authorization of the
    // group first (401/403 as every protected endpoint) and then answers 404 like an unknown one.
    private static async Task<ReportJobRow?> ReadableAsync(string id, ClaimsPrincipal user, RegionAccess access, TeamScope team,
        ReportJobStore jobs, CancellationToken ct) =>
        Guid.TryParse(id, out var guid) && await FollowUpViewer.ResolveAsync(user, access, team, ct) is { } viewer
            && await jobs.FindAsync(guid, ct) is { } job && ReportAccess.MayRead(job, viewer) ? job : null;
}
