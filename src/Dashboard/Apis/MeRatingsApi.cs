using System.Security.Claims;
using Kinerja.Core.Domain;
using Kinerja.Dashboard.Access;
using Kinerja.Dashboard.Employees;
using Kinerja.Ingest;
using Kinerja.Ingest.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Kinerja.Dashboard.Apis;

/// <summary>One rating the signed-in employee gives (<c>POST /api/v1/me/ratings</c>). The rater and the rater role
/// are never in the body: they come from the session and the rating plan.</summary>
public sealed record MyRatingItem(Guid? EventId, string? RateeNip, string? Aspect, int? Score, string? Period);

/// <summary>One person of the plan with what the rater already rated of them in the period.</summary>
public sealed record MyPlanEntry(string Nip, string Name, string Role, IReadOnlyList<string> RatedAspects,
    IReadOnlyList<string> RemainingAspects);

/// <summary>The answer of <c>GET /api/v1/me/ratings/plan</c>.</summary>
public sealed record MyRatingPlan(string Nip, string Period, IReadOnlyList<string> Aspects, IReadOnlyList<MyPlanEntry> Ratees);

/// <summary>
/// 360 ratings in the application (issue 16), under <see cref="Policies.Employee"/>: the plan of whom I rate, my
/// ratings (written through the ingest <c>ratings</c> stream with a pseudonymous rater ref, <see cref="RaterPseudonyms"/>),
/// and the ratings I received with the privacy floor (<see cref="ReceivedRatings"/>).
/// </summary>
public static class MeRatingsApi
{
    public static RouteGroupBuilder MapMeRatingsReads(this RouteGroupBuilder group)
    {
        group.MapGet("", GetReceived).WithName("GetMyReceivedRatings")
            .WithSummary("Ratings I received in a month by rater role and aspect; peers, subordinates and citizens only as aggregates over at least Kinerja:Ratings:MinRatersShown raters.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapGet("/plan", GetPlan).WithName("GetMyRatingPlan")
            .WithSummary("Whom I rate in a month (direct reports as atasan, peers as rekan, my superior as bawahan, as HR amended the month's plan) and which aspects I already rated.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return group;
    }

    public static RouteGroupBuilder MapMeRatingsWrites(this RouteGroupBuilder group)
    {
        group.MapPost("", PostRatings).WithName("PostMyRatings")
            .WithSummary("Rate people of my plan per BerAKHLAK aspect; per-item results like ingest. One rating per ratee, aspect and month counts; a second is a duplicate.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return group;
    }

    public static async Task<Results<Ok<MyRatingPlan>, ProblemHttpResult>> GetPlan(ClaimsPrincipal user, string? period,
        RatingPlan plan, RaterPseudonyms pseudonyms, CancellationToken ct)
    {
        if (UserPrincipal.NipOf(user) is not { } nip)
        {
            return PersonalWrites.NoNip();
        }
        if (!PersonalWrites.TryMonth(period, out var month, out var problem))
        {
            return problem!;
        }
        var entries = await plan.ForAsync(nip, month.Key, ct);
        var rated = (await plan.RatedAsync(await pseudonyms.RefOfAsync(nip, ct), month.Key, ct))
            .ToLookup(r => r.Nip, r => r.Aspect);
        var ratees = entries.Select(e =>
        {
            var done = RatingPlan.Aspects.Where(a => rated[e.Nip].Contains(a)).ToList();
            return new MyPlanEntry(e.Nip, e.Name, e.Role, done, RatingPlan.Aspects.Except(done).ToList());
        }).ToList();
        return TypedResults.Ok(new MyRatingPlan(nip, month.Key, RatingPlan.Aspects, ratees));
    }

    public static async Task<Results<Ok<ReceivedRatingsResponse>, ProblemHttpResult>> GetReceived(ClaimsPrincipal user,
        string? period, ReceivedRatings received, CancellationToken ct)
    {
        if (UserPrincipal.NipOf(user) is not { } nip)
        {
            return PersonalWrites.NoNip();
        }
        if (!PersonalWrites.TryMonth(period, out var month, out var problem))
        {
            return problem!;
        }
        return TypedResults.Ok(await received.ForAsync(nip, month.Key, ct));
    }

    public static async Task<Results<Ok<PersonalWriteResult>, ProblemHttpResult>> PostRatings(HttpContext ctx,
        ClaimsPrincipal user, List<MyRatingItem>? items, RatingPlan plan, RaterPseudonyms pseudonyms, IIngestPipeline pipeline,
        TimeProvider time, CancellationToken ct)
    {
        if (UserPrincipal.NipOf(user) is not { } nip)
        {
            return PersonalWrites.NoNip();
        }
        if (items is null || items.Count == 0 || items.Count > PersonalWrites.MaxItems)
        {
            return PersonalWrites.BadBody($"The body must be a JSON array of 1 to {PersonalWrites.MaxItems} ratings.");
        }
        // Each item is checked against the (HR-amended) plan of its own period.
        var plans = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        foreach (var key in items.Select(i => i?.Period).Distinct())
        {
            if (Period.TryParse(key, out var month) && month.Kind == PeriodKind.Month)
            {
                plans[key!] = (await plan.ForAsync(nip, month.Key, ct)).ToDictionary(e => e.Nip, e => e.Role, StringComparer.Ordinal);
            }
        }
        var raterRef = await pseudonyms.RefOfAsync(nip, ct);
        var results = new PersonalItemResult?[items.Count];
        var toSubmit = new List<RatingItem>();
        var positions = new List<int>();
        var seenIds = new HashSet<Guid>();
        var seenKeys = new HashSet<(string, string, string)>();
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var roles = item?.Period is { } p ? plans.GetValueOrDefault(p) : null;
            var errors = Check(item, roles, seenIds, seenKeys);
            if (errors.Count > 0)
            {
                results[i] = new PersonalItemResult(i, item?.EventId?.ToString(), PersonalWriteResult.RejectedStatus, errors);
                continue;
            }
            toSubmit.Add(new RatingItem
            {
                EventId = await pseudonyms.RatingIdAsync(nip, item!.RateeNip!, item.Aspect!, item.Period!, ct),
                Nip = item.RateeNip,
                RaterRole = roles![item.RateeNip!], // no errors: the period was valid, so its plan was loaded
                RaterRef = raterRef,
                Aspect = item.Aspect!,
                Score = item.Score!.Value,
                Period = item.Period!,
                OccurredAt = time.GetUtcNow(),
            });
            positions.Add(i);
        }
        if (toSubmit.Count > 0)
        {
            IngestResult stored;
            try
            {
                stored = await pipeline.SubmitRatingsAsync(toSubmit, null, Backpressure.Reject, ct);
            }
            catch (IngestUnavailableException ex)
            {
                return PersonalWrites.Unavailable(ctx, ex);
            }
            foreach (var r in stored.Items)
            {
                var i = positions[r.Index];
                var item = items[i];
                var errors = r.Status == ItemStatus.Duplicate
                    ? [new FieldError("", $"{item.Aspect} of {item.RateeNip} for {item.Period} is already rated by you (a retry, or a second rating): the stored rating stands; ratings are not corrected.")]
                    : r.Errors;
                results[i] = new PersonalItemResult(i, item.EventId?.ToString(), PersonalWriteResult.StatusOf(r.Status), errors);
            }
        }
        return TypedResults.Ok(PersonalWriteResult.Of(results.Select(r => r!).ToList()));
    }

    private static List<FieldError> Check(MyRatingItem? item, Dictionary<string, string>? roles, HashSet<Guid> seenIds,
        HashSet<(string, string, string)> seenKeys)
    {
        var errors = new List<FieldError>();
        if (item is null)
        {
            errors.Add(new FieldError("", "Each item must be an object { eventId, rateeNip, aspect, score, period }."));
            return errors;
        }
        if (item.EventId is not { } id || id == Guid.Empty)
        {
            errors.Add(new FieldError("eventId", "eventId is required and must be a non-empty UUID."));
        }
        else if (!seenIds.Add(id))
        {
            errors.Add(new FieldError("eventId", $"eventId {id} appears more than once in this request."));
        }
        if (string.IsNullOrEmpty(item.RateeNip))
        {
            errors.Add(new FieldError("rateeNip", "rateeNip is required (the NIP of the person you rate)."));
        }
        else if (roles is not null && !roles.ContainsKey(item.RateeNip)) // null: the period is invalid, said below
        {
            errors.Add(new FieldError("rateeNip",
                $"{item.RateeNip} is not in your rating plan for {item.Period}: you rate your direct reports, the colleagues who share your superior, " +
                "and your superior, as HR amended the plan for that month."));
        }
        if (item.Aspect is null || !RatingPlan.Aspects.Contains(item.Aspect))
        {
            errors.Add(new FieldError("aspect",
                $"aspect must be one of the BerAKHLAK values ({string.Join(", ", RatingPlan.Aspects)}); got '{item.Aspect}'."));
        }
        if (item.Score is not (>= 1 and <= 5))
        {
            errors.Add(new FieldError("score", $"score must be a whole number from 1 to 5; got {item.Score?.ToString() ?? "nothing"}."));
        }
        if (!Period.TryParse(item.Period, out var month) || month.Kind != PeriodKind.Month)
        {
            errors.Add(new FieldError("period", $"period must be a month YYYY-MM (e.g. 2026-03); got '{item.Period}'."));
        }
        if (errors.Count == 0 && !seenKeys.Add((item.RateeNip!, item.Aspect!, item.Period!)))
        {
            errors.Add(new FieldError("aspect", $"{item.Aspect} of {item.RateeNip} for {item.Period} appears more than once in this request."));
        }
        return errors;
    }
}
