using System.Text.Json;
using System.Text.RegularExpressions;
using Kinerja.Core.Domain;
using Kinerja.Core.Reference;
using Kinerja.Dashboard.Access;
using Kinerja.Dashboard.Survey;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Kinerja.Dashboard.Apis;

/// <summary>
/// The complaints and suggestions queue of the citizen survey (element U8): <c>GET /api/v1/complaints?unitId=&amp;state=</c>
/// and <c>POST /api/v1/complaints/{id}/transitions</c> for HR and, where the region allows it, the unit's own staff
/// (<see cref="ComplaintAccess"/>); <c>GET /api/v1/complaints/summary?regionId=</c> for the leaders' board (counts only).
/// </summary>
public static partial class ComplaintsApi
{
    public static IEndpointRouteBuilder MapComplaintsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/complaints").WithTags("Survey");
        api.MapGet("", ListAsync).RequireAuthorization(Policies.Complaints).WithName("ListComplaints")
            .WithSummary("A unit's complaints and suggestions from the citizen survey, newest first (HR; the unit's staff where the region allows).")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/{id}/transitions", TransitionAsync).RequireAuthorization(Policies.Complaints).WithName("MoveComplaint")
            .WithSummary("Moves a complaint: baru → diproses → selesai (with a response) or ditutup (with a reason).")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/summary", SummaryAsync).RequireAuthorization(Policies.ReadRegion).WithName("ComplaintSummary")
            .WithSummary("Per unit of a region: open complaints and the share answered within Kinerja:Survey:ComplaintAnswerDays (counts only).")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    /// <summary>The queue of a unit.</summary>
    public sealed record ComplaintList(string UnitId, string? State, IReadOnlyList<ComplaintView> Items);

    /// <summary>The board's figures of a region's units for a period (<c>YYYY-MM</c>).</summary>
    public sealed record ComplaintSummary(string RegionId, string Period, int AnswerDays, IReadOnlyList<ComplaintUnitSummary> Units);

    public static async Task<IResult> ListAsync([FromQuery] string? unitId, [FromQuery] string? state, HttpContext http,
        ComplaintAccess access, ComplaintStore store, ReferenceRepository reference, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(unitId))
        {
            return Invalid("unitId", "unitId is required: the unit whose complaints to list.");
        }
        if (state is not null && !ComplaintStates.All.Contains(state))
        {
            return Invalid("state", $"state must be one of {string.Join(", ", ComplaintStates.All)}; got '{state}'.");
        }
        if (!await reference.UnitExistsAsync(unitId, ct))
        {
            return UnknownUnit(unitId);
        }
        if (!await access.CanHandleAsync(http.User, unitId, ct))
        {
            return Forbidden($"You may not read the complaints of unit {unitId}.");
        }
        return TypedResults.Ok(new ComplaintList(unitId, state, await store.ListAsync(unitId, state, ct)));
    }

    public static async Task<IResult> TransitionAsync(string id, JsonElement body, HttpContext http, ComplaintAccess access,
        ComplaintStore store, TimeProvider time, CancellationToken ct)
    {
        if (!Guid.TryParse(id, out var complaintId))
        {
            return Invalid("id", $"'{id}' is not a complaint id (the survey's responseId, a UUID).");
        }
        if (Read(body) is not { } request)
        {
            return Invalid("to", $"The body must be {{ \"to\": {string.Join(" | ", ComplaintStates.All.Skip(1))}, \"response\" | \"reason\": text }}.");
        }
        if (request.Error is { } error)
        {
            return Invalid(error.Field, error.Message);
        }
        if (await store.FindAsync(complaintId, ct) is not { } found)
        {
            return TypedResults.Problem(title: "Unknown complaint", detail: $"No complaint has the id '{complaintId}'.",
                statusCode: StatusCodes.Status404NotFound);
        }
        if (!await access.CanHandleAsync(http.User, found.UnitId, ct))
        {
            return Forbidden($"You may not answer the complaints of unit {found.UnitId}.");
        }
        if (!ComplaintStates.Next(found.State).Contains(request.To))
        {
            return Conflict(complaintId, found.State, request.To);
        }
        var actor = UserPrincipal.Actor(http.User);
        var moved = await store.MoveAsync(complaintId, found.UnitId, found.State, request.To, request.Text, actor, time.GetUtcNow(),
            (conn, tx) => AuditLog.WriteAsync(conn, tx, actor, "complaint." + request.To, "complaint:" + complaintId,
                new { unitId = found.UnitId, from = found.State, to = request.To }, ct), ct);
        if (!moved)
        {
            // Someone else moved it between our read and our write.
            var now = await store.FindAsync(complaintId, ct);
            return Conflict(complaintId, now?.State ?? found.State, request.To);
        }
        var item = (await store.ListAsync(found.UnitId, null, ct)).FirstOrDefault(c => c.Id == complaintId);
        return TypedResults.Ok(item);
    }

    public static async Task<IResult> SummaryAsync([FromQuery] string? regionId, [FromQuery] string? period, ComplaintStore store,
        ReferenceRepository reference, IOptions<SurveyOptions> options, TimeProvider time, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(regionId))
        {
            return Invalid("regionId", "regionId is required: the region whose units to count.");
        }
        if (period is not null && !MonthShape().IsMatch(period))
        {
            return Invalid("period", $"period must be a month YYYY-MM; got '{period}'.");
        }
        var region = (await reference.RegionsAsync(ct)).FirstOrDefault(r => r.Id == regionId);
        if (region is null)
        {
            return TypedResults.Problem(title: "Unknown region", detail: $"No region has the id '{regionId}'.",
                statusCode: StatusCodes.Status404NotFound);
        }
        var now = time.GetUtcNow();
        var month = period ?? Period.MonthOf(new RegionClock(region.TimeZone).LocalDay(now)).Key;
        var days = options.Value.ComplaintAnswerDays;
        return TypedResults.Ok(new ComplaintSummary(regionId, month, days, await store.SummaryAsync(regionId, month, days, now, ct)));
    }

    private sealed record TransitionRequest(string To, string? Text, (string Field, string Message)? Error);

    /// <summary><c>{ "to", "response" | "reason" }</c>: the text each target needs, within its bounds; null when not an object.</summary>
    private static TransitionRequest? Read(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            return null;
        }
        string? Str(string name) => body.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        var to = Str("to");
        if (to is null || !ComplaintStates.All.Skip(1).Contains(to))
        {
            return new TransitionRequest("", null, ("to",
                $"to must be one of {string.Join(", ", ComplaintStates.All.Skip(1))}; got '{to ?? "(none)"}'."));
        }
        var field = to switch { ComplaintStates.Selesai => "response", ComplaintStates.Ditutup => "reason", _ => null };
        if (field is null)
        {
            return new TransitionRequest(to, null, null);
        }
        var text = Str(field)?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return new TransitionRequest(to, null, (field, to == ComplaintStates.Selesai
                ? "response is required to finish a complaint: the answer given to the citizen."
                : "reason is required to close a complaint without an answer."));
        }
        return text.Length > ComplaintStates.MaxText
            ? new TransitionRequest(to, null, (field, $"{field} may have at most {ComplaintStates.MaxText} characters; it has {text.Length}."))
            : new TransitionRequest(to, text, null);
    }

    private static IResult Conflict(Guid id, string state, string to) => TypedResults.Problem(title: "Transition not allowed",
        detail: $"Complaint {id} is '{state}'; it cannot move to '{to}'" + (ComplaintStates.Next(state) is { Count: > 0 } next
            ? $" (from '{state}': {string.Join(", ", next)})." : " (it is finished)."),
        statusCode: StatusCodes.Status409Conflict);

    private static IResult Invalid(string field, string message) => TypedResults.ValidationProblem(
        new Dictionary<string, string[]> { [field] = [message] }, $"{field}: {message}", title: "Invalid request");

    private static IResult Forbidden(string detail) =>
        TypedResults.Problem(title: "Forbidden", detail: detail, statusCode: StatusCodes.Status403Forbidden);

    private static IResult UnknownUnit(string unitId) =>
        TypedResults.Problem(title: "Unknown unit", detail: $"No unit has the id '{unitId}'.", statusCode: StatusCodes.Status404NotFound);

    [GeneratedRegex("^[0-9]{4}-(0[1-9]|1[0-2])$")]
    private static partial Regex MonthShape();
}
