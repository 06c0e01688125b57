using Dapper;
using Kinerja.Core.Domain;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Kinerja.Dashboard.Employees;

/// <summary>One aspect of one rater role as the person rated sees it.</summary>
/// <param name="Aspect">The aspect code.</param>
/// <param name="Shown">False: fewer raters than the floor answered; nothing about their scores is given.</param>
/// <param name="Average">Mean score (1–5), only when shown.</param>
/// <param name="Raters">How many distinct raters answered, only when shown.</param>
public sealed record ReceivedAspect(string Aspect, bool Shown, double? Average, int? Raters);

/// <summary>The ratings of one rater role. <paramref name="Individual"/>: the role's own scores may be shown as they are
/// (<c>atasan</c>, <c>diri</c>); otherwise only aggregates over at least <c>MinRatersShown</c> raters.</summary>
public sealed record ReceivedRole(string Role, bool Individual, IReadOnlyList<ReceivedAspect> Aspects);

/// <summary>What <c>GET /api/v1/me/ratings</c> answers.</summary>
public sealed record ReceivedRatingsResponse(string Nip, string Period, int MinRatersShown, IReadOnlyList<ReceivedRole> Roles);

/// <summary>
/// The ratings an employee received in a month, by rater role and aspect, with the privacy floor (issue 16): peer,
/// subordinate and citizen ratings only as a per-role, per-aspect mean once at least <see cref="RatingsOptions.MinRatersShown"/>
/// distinct raters answered (a rating without <c>rater_ref</c> counts as a rater of its own); the superior's and one's
/// own ratings as they are. Individual scores of floored roles never leave this class.
/// </summary>
public sealed class ReceivedRatings(NpgsqlDataSource db, IOptions<RatingsOptions> options)
{
    /// <summary>Roles whose ratings the person rated may see as given.</summary>
    public static readonly IReadOnlySet<string> ShownIndividually = new HashSet<string> { RaterRole.Atasan, RaterRole.Diri };

    public async Task<ReceivedRatingsResponse> ForAsync(string nip, string period, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var rows = (await conn.QueryAsync<(string Role, string Aspect, int Raters, double Average)>(new CommandDefinition("""
            select rater_role, aspect, count(distinct coalesce(rater_ref, event_id::text))::int, avg(score)::float8
            from rating where ratee_nip = @nip and period = @period
            group by rater_role, aspect
            """, new { nip, period }, cancellationToken: ct))).AsList();
        var floor = options.Value.MinRatersShown;
        var roles = new List<ReceivedRole>();
        foreach (var role in RaterRole.All)
        {
            var individual = ShownIndividually.Contains(role);
            var aspects = rows.Where(r => r.Role == role)
                .OrderBy(r => Array.IndexOf(Aspect.All.ToArray(), r.Aspect))
                .Select(r => individual || r.Raters >= floor
                    ? new ReceivedAspect(r.Aspect, true, Math.Round(r.Average, 2), r.Raters)
                    : new ReceivedAspect(r.Aspect, false, null, null))
                .ToList();
            if (aspects.Count > 0)
            {
                roles.Add(new ReceivedRole(role, individual, aspects));
            }
        }
        return new ReceivedRatingsResponse(nip, period, floor, roles);
    }
}
