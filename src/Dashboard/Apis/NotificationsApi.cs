using System.Security.Claims;
using Kinerja.Dashboard.Access;
using Kinerja.Dashboard.Notifications;
using Microsoft.AspNetCore.Mvc;

namespace Kinerja.Dashboard.Apis;

/// <summary>Body of <c>PUT /api/v1/me/notifications</c>: the address (null or empty: no e-mail) and, per kind, e-mail on or off.</summary>
public sealed record NotificationPreferenceRequest(string? Email, Dictionary<string, bool>? Kinds);

/// <summary>One kind in the answer of <c>GET /api/v1/me/notifications</c>.</summary>
public sealed record NotificationKindView(string Kind, string Label, bool Email);

/// <summary>Answer of <c>GET|PUT /api/v1/me/notifications</c>.</summary>
public sealed record NotificationPreferenceView(string? Email, IReadOnlyList<NotificationKindView> Kinds, bool EmailAvailable);

/// <summary>
/// Notifications (issue 19): each signed-in person's e-mail preferences (<c>GET|PUT /api/v1/me/notifications</c>) and,
/// for HR and admins, the outbox's dead-letter list (<c>GET /api/v1/notifications/dead</c>) and retrying a dead message
/// (<c>POST /api/v1/notifications/{id}/retry</c>, audited). HR granted regions see the messages of those regions only.
/// </summary>
public static class NotificationsApi
{
    public const int MaxEmail = 254;

    public static IEndpointRouteBuilder MapNotificationsApi(this IEndpointRouteBuilder app)
    {
        var me = app.MapGroup("/api/v1/me/notifications").WithTags("Pemberitahuan").RequireAuthorization(Policies.Person);
        me.MapGet("", GetPreferences)
            .WithName("GetMyNotifications")
            .WithSummary("The signed-in person's e-mail notifications: address and, per kind, on or off.")
            .Produces<NotificationPreferenceView>();
        me.MapPut("", PutPreferences)
            .WithName("PutMyNotifications")
            .WithSummary("Saves the address (null: no e-mail) and per kind whether to send it by e-mail ({ email, kinds: { kind: bool } }).")
            .Accepts<NotificationPreferenceRequest>("application/json")
            .Produces<NotificationPreferenceView>()
            .ProducesProblem(StatusCodes.Status400BadRequest);
        var hr = app.MapGroup("/api/v1/notifications").WithTags("Pemberitahuan").RequireAuthorization(Policies.Hr);
        hr.MapGet("/dead", GetDead)
            .WithName("GetDeadNotifications")
            .WithSummary("The dead-letter list: messages that failed MaxAttempts times, newest first (at most 500), with the last error.")
            .Produces<IReadOnlyList<DeadMessage>>();
        hr.MapPost("/{id:long}/retry", PostRetry)
            .WithName("RetryNotification")
            .WithSummary("Puts a dead message back in the queue with a fresh attempt count (same idempotency key).")
            .Produces(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    private static IResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(title: title, detail: detail, statusCode: status);

    public static async Task<IResult> GetPreferences(ClaimsPrincipal user, RegionAccess access, NotificationPreferences preferences,
        NotificationOptions options, CancellationToken ct)
    {
        if (await access.CurrentUserAsync(user, ct) is not { } record)
        {
            return Problem(403, "Forbidden", "The session is no longer valid.");
        }
        return TypedResults.Json(View(await preferences.GetAsync(record.Id, ct), options), EmployeeJson.Options);
    }

    public static async Task<IResult> PutPreferences(ClaimsPrincipal user, HttpRequest request, RegionAccess access,
        NotificationPreferences preferences, NotificationOptions options, CancellationToken ct)
    {
        if (await access.CurrentUserAsync(user, ct) is not { } record)
        {
            return Problem(403, "Forbidden", "The session is no longer valid.");
        }
        if (!request.HasJsonContentType())
        {
            return Problem(415, "Unsupported media type", "Send the preferences as application/json.");
        }
        NotificationPreferenceRequest? body;
        try
        {
            body = await request.ReadFromJsonAsync<NotificationPreferenceRequest>(EmployeeJson.Options, ct);
        }
        catch (System.Text.Json.JsonException ex)
        {
            return Problem(400, "Bad request", "The body is not valid JSON: " + ex.Message);
        }
        if (body is null)
        {
            return Problem(400, "Bad request", "Send { \"email\": \"nama@contoh.go.id\" or null, \"kinds\": { \"followup.created\": true, ... } }.");
        }
        var (email, error) = CheckEmail(body.Email);
        var unknown = body.Kinds?.Keys.Where(k => !NotificationKinds.All.Contains(k)).ToList() ?? [];
        if (error is null && unknown.Count > 0)
        {
            error = $"Unknown kind(s) {string.Join(", ", unknown)}; use any of {string.Join(", ", NotificationKinds.All)}.";
        }
        if (error is not null)
        {
            return Problem(400, "Bad request", error);
        }
        var current = await preferences.GetAsync(record.Id, ct);
        var off = NotificationKinds.All.Where(k => !(body.Kinds is { } kinds && kinds.TryGetValue(k, out var on) ? on : current.Kinds[k])).ToList();
        await preferences.SaveAsync(record.Id, email, off, ct);
        return TypedResults.Json(View(await preferences.GetAsync(record.Id, ct), options), EmployeeJson.Options);
    }

    /// <summary>The normalised address (null when none is given) or a specific error.</summary>
    public static (string? Email, string? Error) CheckEmail(string? email)
    {
        var value = email?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            return (null, null);
        }
        if (value.Length > MaxEmail)
        {
            return (null, $"'email' has {value.Length} characters; at most {MaxEmail}.");
        }
        if (!MimeKit.MailboxAddress.TryParse(value, out var address) || address.Address != value || !IsAddress(value))
        {
            return (null, $"'email' must be a plain address such as nama@contoh.go.id (got '{value}').");
        }
        return (value.ToLowerInvariant(), null);
    }

    private static bool IsAddress(string value)
    {
        var at = value.IndexOf('@');
        return at > 0 && at == value.LastIndexOf('@') && value.IndexOf('.', at) > at + 1 && !value.EndsWith('.') && !value.Any(char.IsWhiteSpace);
    }

    private static NotificationPreferenceView View(NotificationPreference p, NotificationOptions options) =>
        new(p.Email, NotificationKinds.All.Select(k => new NotificationKindView(k, NotificationKinds.Label(k), p.Kinds[k])).ToList(),
            options.Smtp.Enabled);

    public static async Task<IResult> GetDead(ClaimsPrincipal user, RegionAccess access, OutboxStore store, CancellationToken ct)
    {
        var regions = await HrRegions.OfAsync(user, access, ct);
        return TypedResults.Json(await store.DeadAsync(regions, 500, ct), EmployeeJson.Options);
    }

    public static async Task<IResult> PostRetry(long id, ClaimsPrincipal user, RegionAccess access, OutboxStore store, AuditLog audit,
        CancellationToken ct)
    {
        if (await store.FindAsync(id, ct) is not { } row)
        {
            return Problem(404, "Not found", $"No notification has the id {id}.");
        }
        var regions = await HrRegions.OfAsync(user, access, ct);
        if (regions is not null && (row.RegionId is null || !regions.Contains(row.RegionId)))
        {
            return Problem(403, "Forbidden", $"Notification {id} is not of a region granted to you.");
        }
        if (!await store.RetryAsync(id, ct))
        {
            return Problem(409, "Not dead", $"Notification {id} is {row.State}; only a dead message can be retried.");
        }
        await audit.WriteAsync(UserPrincipal.Actor(user), "notification.retry", $"outbox:{id}", null, ct);
        return TypedResults.Accepted($"/api/v1/notifications/dead", new { id, state = "pending" });
    }
}
