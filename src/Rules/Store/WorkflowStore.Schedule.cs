using Dapper;
using Npgsql;

namespace Kinerja.Rules.Store;

public sealed partial class WorkflowStore
{
    /// <summary>Every <c>workflow_schedule</c> entry, oldest first.</summary>
    public async Task<IReadOnlyList<ScheduleEntry>> ScheduleAsync(CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<ScheduleEntry>(new CommandDefinition("""
            select id, workflow, version, effective_from as effectiveFrom, author, created_at as createdAt
            from workflow_schedule order by id
            """, cancellationToken: ct));
        return rows.AsList();
    }

    /// <summary>The stored versions named by <paramref name="keys"/> (missing ones are left out).</summary>
    public async Task<IReadOnlyList<WorkflowVersionRow>> GetManyAsync(IReadOnlyCollection<(string Workflow, int Version)> keys,
        CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<WorkflowVersionRow>(new CommandDefinition("""
            select workflow, version, json::text as json, author, created_at as createdAt, note, active,
                (select s.effective_from from workflow_schedule s
                 where s.workflow = v.workflow and s.version = v.version order by s.id limit 1) as effectiveFrom
            from workflow_version v
            join unnest(@workflows::text[], @versions::int[]) k(workflow, version) using (workflow, version)
            order by workflow, version
            """, new { workflows = keys.Select(k => k.Workflow).ToArray(), versions = keys.Select(k => k.Version).ToArray() },
            cancellationToken: ct));
        return rows.AsList();
    }

    private static Task ScheduleAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string workflow, int version, string effectiveFrom,
        string author, CancellationToken ct) =>
        conn.ExecuteAsync(new CommandDefinition("""
            insert into workflow_schedule (workflow, version, effective_from, author)
            values (@workflow, @version, @effectiveFrom, @author)
            """, new { workflow, version, effectiveFrom, author }, tx, cancellationToken: ct));
}
