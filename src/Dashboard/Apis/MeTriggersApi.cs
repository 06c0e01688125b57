using System.Security.Claims;
using Kinerja.Dashboard.Access;
using Kinerja.Rules.Store;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace Kinerja.Dashboard.Apis;

/// <summary>
/// <c>GET /api/v1/me/triggers</c> (issue 16), under <see cref="Policies.Employee"/>: the rewards, coaching and
/// sanctions fired for the signed-in employee, newest first, each with its "why": the workflow version, the rule's text
/// in that version and the snapshot values it read (<see cref="StoredTrigger.Inputs"/>). The NIP comes from the session.
/// </summary>
public static class MeTriggersApi
{
    /// <summary>The most triggers one answer carries.</summary>
    public const int MaxTriggers = 50;

    public static RouteGroupBuilder MapMeTriggersReads(this RouteGroupBuilder group)
    {
        group.MapGet("/triggers", GetTriggers)
            .WithName("GetMyTriggers")
            .WithSummary("Rewards, coaching and sanctions fired for the signed-in employee (newest first, at most 50), with the rule version, the rule's text and the inputs it read.")
            .Produces<IReadOnlyList<StoredTrigger>>()
            .ProducesProblem(StatusCodes.Status403Forbidden);
        return group;
    }

    // The query is built here rather than injected: TriggerQuery is registered by the rules role, and this read is
    // mapped wherever /api/v1/me is (a dashboard-only process too).
    public static async Task<Results<JsonHttpResult<IReadOnlyList<StoredTrigger>>, ProblemHttpResult>> GetTriggers(ClaimsPrincipal user,
        NpgsqlDataSource db, CancellationToken ct)
    {
        if (UserPrincipal.NipOf(user) is not { } nip)
        {
            return PersonalWrites.NoNip();
        }
        var triggers = await new TriggerQuery(db).RecentAsync(new TriggerFilter(Nip: nip, Limit: MaxTriggers), ct);
        return TypedResults.Json(triggers, EmployeeJson.Options);
    }
}
