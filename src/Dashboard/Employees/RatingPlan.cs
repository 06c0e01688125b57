using Dapper;
using Kinerja.Core.Domain;
using Npgsql;

namespace Kinerja.Dashboard.Employees;

/// <summary>One person a rater rates in a period, with the role the relation gives the rater.</summary>
/// <param name="Nip">The person rated.</param>
/// <param name="Name">Their name.</param>
/// <param name="Role"><c>atasan</c> (the rater is their superior), <c>rekan</c> (same superior) or <c>bawahan</c>
/// (the rater is their direct report).</param>
public sealed record RatingPlanEntry(string Nip, string Name, string Role);

/// <summary>
/// Who rates whom (issue 16), derived from the reference data and never from the client: a superior rates their
/// direct reports (role <c>atasan</c>), employees with the same <c>supervisor_nip</c> rate each other (<c>rekan</c>),
/// a direct report rates their superior (<c>bawahan</c>). Active employees only. The plan is today's reference data
/// for every period asked (there is no stored plan per period and no HR amendment yet: a move between units changes
/// whom one may rate from the next reference import on).
/// </summary>
public sealed class RatingPlan(NpgsqlDataSource db)
{
    /// <summary>The plan of <paramref name="raterNip"/>, by role (atasan, rekan, bawahan), then NIP; empty for an inactive rater.</summary>
    public async Task<IReadOnlyList<RatingPlanEntry>> ForAsync(string raterNip, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return (await conn.QueryAsync<RatingPlanEntry>(new CommandDefinition("""
            with me as (select nip, supervisor_nip from employee where nip = @raterNip and active)
            select e.nip::text as nip, e.name,
                   case when e.supervisor_nip = me.nip then 'atasan'
                        when e.nip = me.supervisor_nip then 'bawahan'
                        else 'rekan' end as role
            from employee e cross join me
            where e.active and e.nip <> me.nip
              and (e.supervisor_nip = me.nip or e.nip = me.supervisor_nip or e.supervisor_nip = me.supervisor_nip)
            order by array_position(array['atasan', 'rekan', 'bawahan'],
                     case when e.supervisor_nip = me.nip then 'atasan'
                          when e.nip = me.supervisor_nip then 'bawahan' else 'rekan' end), e.nip
            """, new { raterNip }, cancellationToken: ct))).AsList();
    }

    /// <summary>What the rater with <paramref name="raterRef"/> rated in <paramref name="period"/>: (ratee NIP, aspect) pairs.</summary>
    public async Task<IReadOnlyList<(string Nip, string Aspect)>> RatedAsync(string raterRef, string period, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return (await conn.QueryAsync<(string, string)>(new CommandDefinition("""
            select ratee_nip::text, aspect from rating
            where rater_ref = @raterRef and period = @period and ratee_nip is not null
            """, new { raterRef, period }, cancellationToken: ct))).AsList();
    }

    /// <summary>The aspects a rater may rate: the seven BerAKHLAK values.</summary>
    public static IReadOnlyList<string> Aspects => Aspect.BerAkhlak;
}
