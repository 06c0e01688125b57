using Dapper;
using Npgsql;

namespace Kinerja.Dashboard.Skp;

/// <summary>
/// Carry-over (issue 17): when a new version of a plan is approved (a change after approval, or an import over an
/// approved plan), the current realisations (with their evidence files) and assessments of the previous version whose
/// RHK still exists in the new version (the same <c>code</c>) are copied onto it, so the employee and the superior do
/// not enter them again. An indicator carries over when its RHK has the same code and it sits at the same position with
/// the same kind of target (numeric or qualitative). The previous version keeps its rows as history, so realisations and
/// assessments of removed RHK or indicators stay there and count nowhere any more (the snapshot reads the current
/// version only). Copies get the event id <c>carry:{id of the row copied}</c> and keep the original filing time.
/// </summary>
internal static class SkpCarryOver
{
    /// <summary>Copies onto <paramref name="toPlanId"/> what carries over from <paramref name="fromPlanId"/>; the counts copied.</summary>
    public static async Task<(int Realisations, int Assessments)> CopyAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long fromPlanId, long toPlanId,
        CancellationToken ct)
    {
        var realisations = await conn.ExecuteAsync(new CommandDefinition("""
            insert into skp_realisation (nip, event_id, plan_id, indicator_id, period, value, text, note, evidence_url, is_current, filed_at)
            select x.nip, 'carry:' || x.id, @toPlanId, ni.id, x.period, x.value, x.text, x.note, x.evidence_url, true, x.filed_at
            from skp_realisation x
            join skp_indicator oi on oi.id = x.indicator_id
            join skp_rhk orhk on orhk.id = oi.rhk_id
            join skp_rhk nrhk on nrhk.plan_id = @toPlanId and nrhk.code = orhk.code
            join skp_indicator ni on ni.rhk_id = nrhk.id and ni.position = oi.position
                                 and (ni.target_value is null) = (oi.target_value is null)
            where x.plan_id = @fromPlanId and x.is_current
            """, new { fromPlanId, toPlanId }, tx, cancellationToken: ct));
        if (realisations > 0)
        {
            await conn.ExecuteAsync(new CommandDefinition("""
                insert into skp_evidence (realisation_id, nip, content_type, size_bytes, sha256, content, uploaded_at)
                select n.id, e.nip, e.content_type, e.size_bytes, e.sha256, e.content, e.uploaded_at
                from skp_realisation n
                join skp_evidence e on n.event_id = 'carry:' || e.realisation_id and e.nip = n.nip
                where n.plan_id = @toPlanId
                order by e.id
                """, new { toPlanId }, tx, cancellationToken: ct));
        }
        var assessments = await conn.ExecuteAsync(new CommandDefinition("""
            insert into skp_assessment (assessor_nip, event_id, nip, plan_id, rhk_id, period, level, feedback, is_current, assessed_at)
            select a.assessor_nip, 'carry:' || a.id, a.nip, @toPlanId, nrhk.id, a.period, a.level, a.feedback, true, a.assessed_at
            from skp_assessment a
            join skp_rhk orhk on orhk.id = a.rhk_id
            join skp_rhk nrhk on nrhk.plan_id = @toPlanId and nrhk.code = orhk.code
            where a.plan_id = @fromPlanId and a.is_current
            """, new { fromPlanId, toPlanId }, tx, cancellationToken: ct));
        return (realisations, assessments);
    }

    /// <summary>The id of the version before <paramref name="version"/> of the same plan, or null for a first version.</summary>
    public static Task<long?> PreviousVersionAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string nip, int year, int version, CancellationToken ct) =>
        conn.ExecuteScalarAsync<long?>(new CommandDefinition("""
            select id from skp_plan where nip = @nip and year = @year and version = @previous
            """, new { nip, year = (short)year, previous = version - 1 }, tx, cancellationToken: ct));
}
