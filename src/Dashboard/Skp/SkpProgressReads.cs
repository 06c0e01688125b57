using Dapper;
using Npgsql;

namespace Kinerja.Dashboard.Skp;

/// <summary>Minutes of daily activities that named an RHK (by its <c>code</c> in <c>skpIndicator</c>), per month.</summary>
public sealed record SkpRhkMinutes(long RhkId, string Code, string Period, int ApprovedMinutes, int PendingMinutes);

/// <summary>A realisation filed against an indicator (current, or history superseded by a later one).</summary>
public sealed record SkpRealisationView(long Id, string EventId, long IndicatorId, string Period, decimal? Value, string? Text, string? Note,
    string? EvidenceUrl, bool IsCurrent, DateTimeOffset FiledAt, IReadOnlyList<long> EvidenceIds);

/// <summary>The superior's assessment of an RHK in a period (current, or history superseded by a reassessment).</summary>
public sealed record SkpAssessmentView(long Id, long RhkId, string Period, string Level, string? Feedback, string AssessorNip, bool IsCurrent,
    DateTimeOffset AssessedAt);

/// <summary>
/// What happened on a plan of a year (issue 17, second part), next to the plan in <c>GET /api/v1/me/skp</c> and the team
/// view: minutes per RHK and month, realisations and assessments with their history, newest first.
/// </summary>
public sealed record SkpProgressView(IReadOnlyList<SkpRhkMinutes> MinutesPerRhk, IReadOnlyList<SkpRealisationView> Realisations,
    IReadOnlyList<SkpAssessmentView> Assessments);

/// <summary>
/// Reads the progress of current plans for a set of employees in three statements (never one per employee). The link of
/// an activity to an RHK: the activity's <c>skpIndicator</c> text, trimmed, equals the <c>code</c> of an RHK of the
/// employee's current plan of the activity's year (e.g. <c>RHK-1</c>); approved and pending minutes count, rejected and
/// withdrawn (status <c>withdrawn</c>) do not.
/// </summary>
public sealed class SkpProgressReads(NpgsqlDataSource db)
{
    public async Task<IReadOnlyDictionary<string, SkpProgressView>> ForAsync(IReadOnlyCollection<string> nips, int year, CancellationToken ct = default)
    {
        if (nips.Count == 0)
        {
            return new Dictionary<string, SkpProgressView>();
        }
        await using var conn = await db.OpenConnectionAsync(ct);
        var args = new { nips = nips.ToArray(), year, from = new DateTime(year, 1, 1), to = new DateTime(year + 1, 1, 1) };
        var minutes = await conn.QueryAsync<(string Nip, long RhkId, string Code, string Period, int Approved, int Pending)>(new CommandDefinition("""
            select p.nip::text, r.id, r.code, to_char(a.local_day, 'YYYY-MM'),
                   coalesce(sum(a.minutes) filter (where a.status = 'approved'), 0)::int,
                   coalesce(sum(a.minutes) filter (where a.status = 'pending'), 0)::int
            from skp_plan p
            join skp_rhk r on r.plan_id = p.id
            join activity a on a.nip = p.nip and a.local_day >= @from::date and a.local_day < @to::date and btrim(a.skp_indicator) = r.code
            where p.nip = any(@nips::char(18)[]) and p.year = @year and p.is_current
            group by p.nip, r.id, r.code, to_char(a.local_day, 'YYYY-MM')
            order by 1, 4, 3
            """, args, cancellationToken: ct));
        var realisations = await conn.QueryAsync<(string Nip, long Id, string EventId, long IndicatorId, string Period, decimal? Value, string? Text,
            string? Note, string? Url, bool IsCurrent, DateTime FiledAt, long[]? Evidence)>(new CommandDefinition("""
            select x.nip::text, x.id, x.event_id, x.indicator_id, x.period, x.value, x.text, x.note, x.evidence_url, x.is_current, x.filed_at,
                   (select array_agg(e.id order by e.id) from skp_evidence e where e.realisation_id = x.id)
            from skp_realisation x join skp_plan p on p.id = x.plan_id
            where x.nip = any(@nips::char(18)[]) and p.year = @year and p.is_current
            order by x.filed_at desc, x.id desc
            """, args, cancellationToken: ct));
        var assessments = await conn.QueryAsync<(string Nip, long Id, long RhkId, string Period, string Level, string? Feedback, string Assessor,
            bool IsCurrent, DateTime At)>(new CommandDefinition("""
            select x.nip::text, x.id, x.rhk_id, x.period, x.level, x.feedback, x.assessor_nip::text, x.is_current, x.assessed_at
            from skp_assessment x join skp_plan p on p.id = x.plan_id
            where x.nip = any(@nips::char(18)[]) and p.year = @year and p.is_current
            order by x.assessed_at desc, x.id desc
            """, args, cancellationToken: ct));
        var m = minutes.ToLookup(r => r.Nip, r => new SkpRhkMinutes(r.RhkId, r.Code, r.Period, r.Approved, r.Pending));
        var rl = realisations.ToLookup(r => r.Nip, r => new SkpRealisationView(r.Id, r.EventId, r.IndicatorId, r.Period, r.Value, r.Text, r.Note,
            r.Url, r.IsCurrent, new DateTimeOffset(DateTime.SpecifyKind(r.FiledAt, DateTimeKind.Utc)), r.Evidence ?? []));
        var al = assessments.ToLookup(r => r.Nip, r => new SkpAssessmentView(r.Id, r.RhkId, r.Period, r.Level, r.Feedback, r.Assessor, r.IsCurrent,
            new DateTimeOffset(DateTime.SpecifyKind(r.At, DateTimeKind.Utc))));
        return nips.ToDictionary(n => n, n => new SkpProgressView([.. m[n]], [.. rl[n]], [.. al[n]]), StringComparer.Ordinal);
    }
}
