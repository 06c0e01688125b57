using System.Text.Json;
using Dapper;
using Kinerja.Core.Changes;
using Kinerja.Rules.Model;
using Npgsql;

namespace Kinerja.Rules.Store;

/// <summary>
/// Versioned workflows in <c>workflow_version</c>. Publishing inserts a new version per changed workflow
/// and moves the <c>active</c> flag in one transaction, writes an audit row and notifies
/// <c>kinerja_rules</c> (delivered at commit). Rollback flips <c>active</c> back to an earlier version
/// (no new row): a trigger's <c>version</c> keeps pointing at the exact JSON that produced it. Both append to
/// <c>workflow_schedule</c> which version applies from which month (<see cref="ScheduleAsync"/>).
/// </summary>
public sealed partial class WorkflowStore(NpgsqlDataSource db)
{
    private const long PublishLock = 0x4b52554c4553; // "KRULES"

    public async Task<IReadOnlyList<WorkflowVersionRow>> ActiveAsync(CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<WorkflowVersionRow>(new CommandDefinition("""
            select workflow, version, json::text as json, author, created_at as createdAt, note, active, 
                (select s.effective_from from workflow_schedule s
                 where s.workflow = v.workflow and s.version = v.version order by s.id limit 1) as effectiveFrom
            from workflow_version v where active order by workflow
            """, cancellationToken: ct));
        return rows.AsList();
    }

    /// <summary>Every version of every workflow, newest first per workflow (JSON included).</summary>
    public async Task<IReadOnlyList<WorkflowVersionRow>> ListAsync(CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<WorkflowVersionRow>(new CommandDefinition("""
            select workflow, version, json::text as json, author, created_at as createdAt, note, active, 
                (select s.effective_from from workflow_schedule s
                 where s.workflow = v.workflow and s.version = v.version order by s.id limit 1) as effectiveFrom
            from workflow_version v order by workflow, version desc
            """, cancellationToken: ct));
        return rows.AsList();
    }

    public async Task<WorkflowVersionRow?> GetAsync(string workflow, int version, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.QuerySingleOrDefaultAsync<WorkflowVersionRow>(new CommandDefinition("""
            select workflow, version, json::text as json, author, created_at as createdAt, note, active, 
                (select s.effective_from from workflow_schedule s
                 where s.workflow = v.workflow and s.version = v.version order by s.id limit 1) as effectiveFrom
            from workflow_version v where workflow = @workflow and version = @version
            """, new { workflow, version }, cancellationToken: ct));
    }

    public async Task<bool> IsEmptyAsync(CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return !await conn.ExecuteScalarAsync<bool>(new CommandDefinition(
            "select exists (select 1 from workflow_version)", cancellationToken: ct));
    }

    /// <summary>
    /// Stores every workflow of <paramref name="sources"/> whose JSON differs from its active version as
    /// that workflow's next version and makes it active; unchanged workflows keep their version.
    /// Returns what changed (empty when nothing did: then nothing is written). Each new version applies from
    /// <paramref name="effectiveFrom"/> (<c>YYYY-MM</c>; <see cref="RuleMonth.Always"/> when null: every month).
    /// </summary>
    public async Task<IReadOnlyList<PublishedVersion>> PublishAsync(IReadOnlyList<WorkflowSource> sources, string author,
        string note, CancellationToken ct, string? effectiveFrom = null)
    {
        var from = effectiveFrom ?? RuleMonth.Always;
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition("select pg_advisory_xact_lock(@PublishLock)", new { PublishLock }, tx, cancellationToken: ct));
        var active = (await conn.QueryAsync<(string Workflow, int Version, string Json)>(new CommandDefinition("""
            select workflow, version, json::text from workflow_version where active
            """, transaction: tx, cancellationToken: ct))).ToDictionary(r => r.Workflow, StringComparer.Ordinal);
        var published = new List<PublishedVersion>();
        foreach (var s in sources)
        {
            active.TryGetValue(s.Name, out var previous);
            if (previous.Json is not null && WorkflowDiff.SameJson(previous.Json, s.Json))
            {
                continue;
            }
            var version = await conn.ExecuteScalarAsync<int>(new CommandDefinition("""
                select coalesce(max(version), 0) + 1 from workflow_version where workflow = @workflow
                """, new { workflow = s.Name }, tx, cancellationToken: ct));
            await conn.ExecuteAsync(new CommandDefinition("""
                update workflow_version set active = false where workflow = @workflow and active
                """, new { workflow = s.Name }, tx, cancellationToken: ct));
            await conn.ExecuteAsync(new CommandDefinition("""
                insert into workflow_version (workflow, version, json, author, note, active)
                values (@workflow, @version, @json::jsonb, @author, @note, true)
                """, new { workflow = s.Name, version, json = s.Json, author, note }, tx, cancellationToken: ct));
            await ScheduleAsync(conn, tx, s.Name, version, from, author, ct);
            published.Add(new PublishedVersion(s.Name, version, previous.Json is null ? null : previous.Version,
                WorkflowDiff.Compute(previous.Json, s.Json)));
        }
        if (published.Count > 0)
        {
            var detail = new { note, effectiveFrom = from, versions = published.ToDictionary(p => p.Workflow, p => p.Version), published };
            await AuditAsync(conn, tx, author, "rules.publish", string.Join(",", published.Select(p => $"{p.Workflow}@{p.Version}")), detail, ct);
            await ChangeFeed.SendAsync(conn, tx, ChangeNotice.Rules("publish", published.ToDictionary(p => p.Workflow, p => p.Version)), ct);
        }
        await tx.CommitAsync(ct);
        return published;
    }

    /// <summary>
    /// Makes <paramref name="version"/> the active version of <paramref name="workflow"/> for the months the current
    /// newest schedule entry covers; false when it does not exist.
    /// </summary>
    public async Task<bool> RollbackAsync(string workflow, int version, string author, string note, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition("select pg_advisory_xact_lock(@PublishLock)", new { PublishLock }, tx, cancellationToken: ct));
        var from = await conn.ExecuteScalarAsync<int?>(new CommandDefinition("""
            select version from workflow_version where workflow = @workflow and active
            """, new { workflow }, tx, cancellationToken: ct));
        var exists = await conn.ExecuteScalarAsync<bool>(new CommandDefinition("""
            select exists (select 1 from workflow_version where workflow = @workflow and version = @version)
            """, new { workflow, version }, tx, cancellationToken: ct));
        if (!exists)
        {
            return false;
        }
        await conn.ExecuteAsync(new CommandDefinition("""
            update workflow_version set active = false where workflow = @workflow and active
            """, new { workflow }, tx, cancellationToken: ct));
        await conn.ExecuteAsync(new CommandDefinition("""
            update workflow_version set active = true where workflow = @workflow and version = @version
            """, new { workflow, version }, tx, cancellationToken: ct));
        // the restored version applies to the same months as the entry it replaces
        var effectiveFrom = await conn.ExecuteScalarAsync<string?>(new CommandDefinition("""
            select effective_from from workflow_schedule where workflow = @workflow order by id desc limit 1
            """, new { workflow }, tx, cancellationToken: ct)) ?? RuleMonth.Always;
        await ScheduleAsync(conn, tx, workflow, version, effectiveFrom, author, ct);
        await AuditAsync(conn, tx, author, "rules.rollback", $"{workflow}@{version}", new { note, from, to = version, effectiveFrom }, ct);
        await ChangeFeed.SendAsync(conn, tx, ChangeNotice.Rules("rollback", new Dictionary<string, int> { [workflow] = version }), ct);
        await tx.CommitAsync(ct);
        return true;
    }

    /// <summary>Writes an audit row on its own (e.g. a validation).</summary>
    public async Task AuditAsync(string actor, string action, string target, object detail, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await AuditAsync(conn, null, actor, action, target, detail, ct);
    }

    private static Task AuditAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, string actor, string action, string target,
        object detail, CancellationToken ct) =>
        conn.ExecuteAsync(new CommandDefinition("""
            insert into audit (actor, action, target, detail) values (@actor, @action, @target, @detail::jsonb)
            """, new { actor, action, target, detail = JsonSerializer.Serialize(detail, JsonOptions) }, tx, cancellationToken: ct));

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);
}
