using System.Text.Json;
using Dapper;
using Kinerja.Core.Skp;
using Npgsql;

namespace Kinerja.Dashboard.Skp;

/// <summary>Reads SKP plan versions (migration 0019) with their RHK, indicators, steps and version history.</summary>
public sealed class SkpPlanReads(NpgsqlDataSource db)
{
    internal static readonly JsonSerializerOptions TargetJson = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The current version of <paramref name="nip"/>'s plan of <paramref name="year"/>, or null.</summary>
    public async Task<SkpPlanView?> CurrentAsync(string nip, int year, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var plans = await CurrentOfAsync(conn, null, [nip], year, ct);
        return plans.GetValueOrDefault(nip);
    }

    /// <summary>The years from <paramref name="from"/> to <paramref name="to"/> in which one of <paramref name="nips"/> has a plan, newest first.</summary>
    public async Task<IReadOnlyList<int>> YearsAsync(IReadOnlyCollection<string> nips, int from, int to, CancellationToken ct = default)
    {
        if (nips.Count == 0)
        {
            return [];
        }
        await using var conn = await db.OpenConnectionAsync(ct);
        return [.. await conn.QueryAsync<int>(new CommandDefinition("""
            select distinct year::int from skp_plan where nip = any(@nips::char(18)[]) and year between @from and @to order by 1 desc
            """, new { nips = nips.ToArray(), from = (short)from, to = (short)to }, cancellationToken: ct))];
    }

    /// <summary>The current plans of <paramref name="nips"/> of <paramref name="year"/> by NIP (those without a plan are absent).</summary>
    public async Task<IReadOnlyDictionary<string, SkpPlanView>> CurrentOfAsync(IReadOnlyCollection<string> nips, int year, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await CurrentOfAsync(conn, null, nips, year, ct);
    }

    internal static async Task<IReadOnlyDictionary<string, SkpPlanView>> CurrentOfAsync(NpgsqlConnection conn, NpgsqlTransaction? tx,
        IReadOnlyCollection<string> nips, int year, CancellationToken ct)
    {
        if (nips.Count == 0)
        {
            return new Dictionary<string, SkpPlanView>();
        }
        var plans = (await conn.QueryAsync<PlanRow>(new CommandDefinition("""
            select id, nip::text as nip, year, version, revision, status, note, unit_id as unitid, superior_nip::text as superiornip,
                   saved_at as savedat, submitted_at as submittedat, decided_at as decidedat, decided_by::text as decidedby
            from skp_plan where nip = any(@nips::char(18)[]) and year = @year and is_current
            """, new { nips = nips.ToArray(), year }, tx, cancellationToken: ct))).ToList();
        if (plans.Count == 0)
        {
            return new Dictionary<string, SkpPlanView>();
        }
        var ids = plans.Select(p => p.Id).ToArray();
        var rhk = (await conn.QueryAsync<RhkRow>(new CommandDefinition("""
            select r.id, r.plan_id as planid, r.code, r.kind, r.text, r.parent_rhk_id as parentrhkid, i.code as parentiku
            from skp_rhk r left join unit_iku i on i.id = r.parent_iku_id
            where r.plan_id = any(@ids) order by r.plan_id, r.position
            """, new { ids }, tx, cancellationToken: ct))).ToList();
        var indicators = (await conn.QueryAsync<IndicatorRow>(new CommandDefinition("""
            select i.id, i.rhk_id as rhkid, i.aspect, i.text, i.target_value as targetvalue, i.target_unit as targetunit,
                   i.target_text as targettext, i.period_targets::text as periodtargets
            from skp_indicator i join skp_rhk r on r.id = i.rhk_id
            where r.plan_id = any(@ids) order by i.rhk_id, i.position
            """, new { ids }, tx, cancellationToken: ct))).ToLookup(i => i.RhkId);
        var steps = (await conn.QueryAsync<StepRow>(new CommandDefinition("""
            select plan_id as planid, step, actor_nip::text as actornip, at, note from skp_plan_step where plan_id = any(@ids) order by id
            """, new { ids }, tx, cancellationToken: ct))).ToLookup(s => s.PlanId);
        var versions = (await conn.QueryAsync<VersionRow>(new CommandDefinition("""
            select nip::text as nip, version, status, saved_at as savedat, decided_at as decidedat
            from skp_plan where nip = any(@nips::char(18)[]) and year = @year order by version
            """, new { nips = nips.ToArray(), year }, tx, cancellationToken: ct))).ToLookup(v => v.Nip);
        var rhkOf = rhk.ToLookup(r => r.PlanId);
        return plans.ToDictionary(p => p.Nip, p => new SkpPlanView(p.Nip, p.Year, p.Version, p.Revision, p.Status, p.Note, p.UnitId,
            p.SuperiorNip, Utc(p.SavedAt), UtcOrNull(p.SubmittedAt), UtcOrNull(p.DecidedAt), p.DecidedBy,
            rhkOf[p.Id].Select(r => new SkpRhkView(r.Id, r.Code, r.Kind, r.Text, r.ParentRhkId, r.ParentIku,
                indicators[r.Id].Select(i => new SkpIndicatorView(i.Id, i.Aspect, i.Text, new SkpTarget(i.TargetValue, i.TargetUnit, i.TargetText),
                    JsonSerializer.Deserialize<Dictionary<string, SkpTarget>>(i.PeriodTargets, TargetJson) ?? [])).ToList())).ToList(),
            steps[p.Id].Select(s => new SkpStepView(s.Step, s.ActorNip, Utc(s.At), s.Note)).ToList(),
            versions[p.Nip].Select(v => new SkpVersionSummary(v.Version, v.Status, Utc(v.SavedAt), UtcOrNull(v.DecidedAt))).ToList()));
    }

    /// <summary>What <paramref name="nip"/>'s RHK may link to: the current plan RHK of <paramref name="superiorNip"/>, or the unit's IKU.</summary>
    public async Task<(IReadOnlyList<SkpParentRhk> Rhk, IReadOnlyList<UnitIkuView> Iku)> ParentsAsync(string? superiorNip, string unitId, int year,
        CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var rhk = superiorNip is null ? [] : (await conn.QueryAsync<SkpParentRhk>(new CommandDefinition("""
            select r.id, r.code, r.kind, r.text, p.version, p.status
            from skp_rhk r join skp_plan p on p.id = r.plan_id
            where p.nip = @superiorNip and p.year = @year and p.is_current order by r.position
            """, new { superiorNip, year }, cancellationToken: ct))).ToList();
        var iku = (await conn.QueryAsync<UnitIkuView>(new CommandDefinition("""
            select code, name, target_value as targetvalue, target_unit as targetunit from unit_iku
            where unit_id = @unitId and year = @year order by code
            """, new { unitId, year }, cancellationToken: ct))).ToList();
        return (rhk, iku);
    }

    private static DateTimeOffset Utc(DateTime at) => new(DateTime.SpecifyKind(at, DateTimeKind.Utc));

    private static DateTimeOffset? UtcOrNull(DateTime? at) => at is { } a ? Utc(a) : null;

    // Npgsql hands timestamptz to Dapper as DateTime (UTC).
    private sealed record PlanRow(long Id, string Nip, short Year, int Version, int Revision, string Status, string? Note, string UnitId,
        string? SuperiorNip, DateTime SavedAt, DateTime? SubmittedAt, DateTime? DecidedAt, string? DecidedBy);

    private sealed record RhkRow(long Id, long PlanId, string Code, string Kind, string Text, long? ParentRhkId, string? ParentIku);

    private sealed record IndicatorRow(long Id, long RhkId, string Aspect, string Text, decimal? TargetValue, string? TargetUnit,
        string? TargetText, string PeriodTargets);

    private sealed record StepRow(long PlanId, string Step, string ActorNip, DateTime At, string? Note);

    private sealed record VersionRow(string Nip, int Version, string Status, DateTime SavedAt, DateTime? DecidedAt);
}
