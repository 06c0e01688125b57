using Dapper;
using Kinerja.Core.Domain;
using Kinerja.Core.Indicators;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Kinerja.Dashboard.Employees;

/// <summary>
/// The privacy floor of the ratings applied to an indicator snapshot shown on a person's own surfaces
/// (<c>GET /api/v1/me</c>, the hub's <c>Snapshot</c> on <c>employee:{nip}</c>) and on their superior's team view
/// (<c>GET /api/v1/team</c>). The snapshot carries BerAKHLAK means per
/// rater role and per aspect; with one or two peers (or subordinates, or citizens) those means give their scores away
/// (the superior's own score is known). For each such role rated by fewer than <see cref="RatingsOptions.MinRatersShown"/>
/// distinct raters in the snapshot's month, its mean and count are removed, and so are the means that mix it in (the
/// BerAKHLAK mean and the seven per-aspect means). Leaders' and HR's indicator APIs are not changed: they are not
/// the person rated. The leveled <c>RatingPerilaku</c> and the predicate stay (three levels, not a score).
/// </summary>
public sealed class SnapshotPrivacy(NpgsqlDataSource db, IOptions<RatingsOptions> options)
{
    public async Task<IndicatorSnapshot> ForPersonAsync(IndicatorSnapshot s, CancellationToken ct = default)
    {
        if (s.RekanCount == 0 && s.BawahanCount == 0 && s.MasyarakatCount == 0)
        {
            return s;
        }
        await using var conn = await db.OpenConnectionAsync(ct);
        var raters = (await conn.QueryAsync<(string Role, int Raters)>(new CommandDefinition("""
            select rater_role, count(distinct coalesce(rater_ref, event_id::text))::int
            from rating
            where ratee_nip = @nip and period = @period and rater_role in ('rekan', 'bawahan', 'masyarakat')
              and aspect = any(@aspects)
            group by rater_role
            """, new { nip = s.Nip, period = s.Period, aspects = Aspect.BerAkhlak.ToArray() }, cancellationToken: ct)))
            .ToDictionary(r => r.Role, r => r.Raters);
        if (s.MasyarakatSurveyRespondents > 0)
        {
            // each counted survey respondent is one more citizen rater (OfficerSurveyRating)
            raters[RaterRole.Masyarakat] = raters.GetValueOrDefault(RaterRole.Masyarakat) + s.MasyarakatSurveyRespondents;
        }
        var floor = options.Value.MinRatersShown;
        bool Hidden(string role, int count) => count > 0 && raters.GetValueOrDefault(role) < floor;
        var rekan = Hidden(RaterRole.Rekan, s.RekanCount);
        var bawahan = Hidden(RaterRole.Bawahan, s.BawahanCount);
        var masyarakat = Hidden(RaterRole.Masyarakat, s.MasyarakatCount);
        if (!rekan && !bawahan && !masyarakat)
        {
            return s;
        }
        return s with
        {
            RekanAvg = rekan ? null : s.RekanAvg,
            RekanCount = rekan ? 0 : s.RekanCount,
            BawahanAvg = bawahan ? null : s.BawahanAvg,
            BawahanCount = bawahan ? 0 : s.BawahanCount,
            MasyarakatAvg = masyarakat ? null : s.MasyarakatAvg,
            MasyarakatCount = masyarakat ? 0 : s.MasyarakatCount,
            BerAkhlakAvg = null,
            BerorientasiPelayananAvg = null,
            AkuntabelAvg = null,
            KompetenAvg = null,
            HarmonisAvg = null,
            LoyalAvg = null,
            AdaptifAvg = null,
            KolaboratifAvg = null,
        };
    }
}
