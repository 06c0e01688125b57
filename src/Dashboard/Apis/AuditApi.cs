using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Kinerja.Dashboard.Access;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Kinerja.Dashboard.Apis;

/// <summary>One audit row in the API (detail as JSON).</summary>
public sealed record AuditItem(long Id, DateTimeOffset At, string Actor, string Action, string Target, JsonElement Detail);

/// <summary>A page of audit rows, newest first; <see cref="Next"/> is the URL of the next page (null at the end).</summary>
public sealed record AuditPage(IReadOnlyList<AuditItem> Items, string? Next);

/// <summary><c>GET /api/v1/audit</c> (admin): the audit trail, newest first, filtered and paged by keyset.</summary>
public static partial class AuditApi
{
    public const int MaxLimit = 500;

    /// <summary>Maps <c>GET</c> relative to <paramref name="group"/> (the host maps it at <c>/api/v1/audit</c>).</summary>
    public static RouteGroupBuilder MapAuditApi(this RouteGroupBuilder group)
    {
        group.MapGet("", GetAudit)
            .WithTags("Audit").WithName("GetAudit")
            .WithSummary("Audit trail (admin): filter by action (exact, or prefix with '.*'), actor and time [from, to); page with before.");
        return group;
    }

    public static async Task<Results<Ok<AuditPage>, ProblemHttpResult>> GetAudit(
        [FromQuery] string? action, [FromQuery] string? actor, [FromQuery] string? from, [FromQuery] string? to,
        [FromQuery] string? before, [FromQuery] string? limit, AuditReader reader, CancellationToken ct)
    {
        if (action is not null && !ActionShape().IsMatch(action))
        {
            return Problem("Invalid action", "An action is lower-case like 'login.failure', or a prefix like 'login.*' (at most 100 characters).");
        }
        if (actor is not null && !ActorShape().IsMatch(actor))
        {
            return Problem("Invalid actor", "An actor is like 'user:budi', 'source:simpeg' or 'cli:root' (letters, digits, ':._@-', at most 200).");
        }
        if (!TryInstant(from, out var fromAt) || !TryInstant(to, out var toAt))
        {
            return Problem("Invalid time", "from and to are ISO-8601 instants with an offset, e.g. 2026-03-02T08:00:00+07:00.");
        }
        if (fromAt is not null && toAt is not null && toAt <= fromAt)
        {
            return Problem("Invalid time range", "to must be after from.");
        }
        long? beforeId = null;
        if (before is not null)
        {
            if (!long.TryParse(before, NumberStyles.None, CultureInfo.InvariantCulture, out var b) || b <= 0)
            {
                return Problem("Invalid cursor", "before is a positive audit id (from the 'next' link of the previous page).");
            }
            beforeId = b;
        }
        var take = 100;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out take) || take is < 1 or > MaxLimit))
        {
            return Problem("Invalid limit", $"limit is a whole number from 1 to {MaxLimit}.");
        }
        var rows = await reader.ReadAsync(new AuditFilter(action, actor, fromAt, toAt, beforeId, take + 1), ct);
        var items = rows.Take(take).Select(r => new AuditItem(r.Id, new DateTimeOffset(DateTime.SpecifyKind(r.At, DateTimeKind.Utc)),
            r.Actor, r.Action, r.Target, JsonDocument.Parse(r.Detail).RootElement.Clone())).ToList();
        string? next = null;
        if (rows.Count > take)
        {
            var query = new Dictionary<string, string?>
            {
                ["action"] = action, ["actor"] = actor, ["from"] = from, ["to"] = to,
                ["before"] = items[^1].Id.ToString(CultureInfo.InvariantCulture), ["limit"] = take.ToString(CultureInfo.InvariantCulture),
            };
            next = Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/api/v1/audit",
                query.Where(kv => kv.Value is not null));
        }
        return TypedResults.Ok(new AuditPage(items, next));
    }

    private static bool TryInstant(string? text, out DateTimeOffset? value)
    {
        value = null;
        if (text is null)
        {
            return true;
        }
        if (text.Length > 40 || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var v))
        {
            return false;
        }
        value = v;
        return true;
    }

    private static ProblemHttpResult Problem(string title, string detail) =>
        TypedResults.Problem(title: title, detail: detail, statusCode: StatusCodes.Status400BadRequest);

    [GeneratedRegex(@"^[a-z][a-z0-9_-]{0,48}(\.[a-z0-9_-]{1,48})*(\.\*)?$")]
    private static partial Regex ActionShape();

    [GeneratedRegex("^[A-Za-z0-9:._@-]{1,200}$")]
    private static partial Regex ActorShape();
}
