using Dapper;
using Kinerja.Core.Changes;
using Kinerja.Rules.Engine;
using Npgsql;

namespace Kinerja.Rules.Live;

/// <summary>
/// Stores the leveled values the rules produce (Rating Hasil Kerja, Rating Perilaku, Predikat) per
/// employee and period, and announces the changed values on <c>kinerja_levels</c> (<see cref="LevelsChanged"/>,
/// a rule output apart from the input events) so every process's indicators (predicate distribution, history
/// features) pick them up without a re-read and without evaluating the rules again.
/// </summary>
public sealed class LevelStore(NpgsqlDataSource db)
{

    /// <summary>Upserts the levels of employee outcomes; returns the stored values that changed.</summary>
    public async Task<IReadOnlyList<LevelChange>> SaveAsync(IReadOnlyList<EvaluationOutcome> outcomes, CancellationToken ct)
    {
        var rows = outcomes.Where(o => !o.IsUnit && (o.Predikat ?? o.RatingHasilKerja ?? o.RatingPerilaku) is not null).ToArray();
        if (rows.Length == 0)
        {
            return [];
        }
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var changed = (await conn.QueryAsync<(string Nip, string Period, string? Hasil, string? Perilaku, string? Predikat)>(new CommandDefinition("""
            insert into employee_period_level (nip, period, rating_hasil_kerja, rating_perilaku, predikat, evaluated_at)
            select * , now() from unnest(@nips::char(18)[], @periods, @hasil, @perilaku, @predikat)
            on conflict (nip, period) do update set
                rating_hasil_kerja = excluded.rating_hasil_kerja, rating_perilaku = excluded.rating_perilaku,
                predikat = excluded.predikat, evaluated_at = excluded.evaluated_at
            where (employee_period_level.rating_hasil_kerja, employee_period_level.rating_perilaku, employee_period_level.predikat)
                  is distinct from (excluded.rating_hasil_kerja, excluded.rating_perilaku, excluded.predikat)
            returning nip, period, rating_hasil_kerja, rating_perilaku, predikat
            """, new
        {
            nips = rows.Select(o => o.Subject).ToArray(),
            periods = rows.Select(o => o.Period).ToArray(),
            hasil = rows.Select(o => o.RatingHasilKerja).ToArray(),
            perilaku = rows.Select(o => o.RatingPerilaku).ToArray(),
            predikat = rows.Select(o => o.Predikat).ToArray(),
        }, tx, cancellationToken: ct)))
            .Select(r => new LevelChange(r.Nip.Trim(), r.Period, r.Hasil, r.Perilaku, r.Predikat)).ToList();
        await ChangeFeed.SendAsync(conn, tx, ChangeNotice.Levels(changed), ct);
        await tx.CommitAsync(ct);
        return changed;
    }
}
