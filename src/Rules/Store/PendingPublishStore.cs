using System.Text.Json;
using Dapper;
using Npgsql;

namespace Kinerja.Rules.Store;

/// <summary>A publish waiting for a second approver (<c>workflow_pending</c>): the candidate workflows as sent.</summary>
public sealed record PendingPublish(long Id, string Author, string Note, DateTime CreatedAt, string Status, string? DecidedBy,
    IReadOnlyList<string> WorkflowNames)
{
    /// <summary>The month it takes effect from once approved (<c>YYYY-MM</c>; null: the current month at approval).</summary>
    public string? EffectiveFrom { get; init; }

    /// <summary>The proposer confirmed re-evaluating closed months (a month before the current one at approval stays).</summary>
    public bool ReevaluateClosedMonths { get; init; }

    /// <summary>The candidate: workflow objects (standard RulesEngine JSON).</summary>
    public JsonElement Workflows { get; init; }
}

/// <summary>Stores publishes that wait for a second approver (four-eyes, <c>Kinerja:Rules:RequireSecondApprover</c>).</summary>
public sealed class PendingPublishStore(NpgsqlDataSource db)
{
    public async Task<long> AddAsync(IReadOnlyList<string> workflowJson, string author, string note, CancellationToken ct,
        string? effectiveFrom = null, bool reevaluateClosedMonths = false)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.ExecuteScalarAsync<long>(new CommandDefinition("""
            insert into workflow_pending (workflows, author, note, effective_from, reevaluate_closed)
            values (@workflows::jsonb, @author, @note, @effectiveFrom, @reevaluateClosedMonths) returning id
            """, new { workflows = "[" + string.Join(",", workflowJson) + "]", author, note, effectiveFrom, reevaluateClosedMonths },
            cancellationToken: ct));
    }

    /// <summary>Publishes still waiting, oldest first.</summary>
    public async Task<IReadOnlyList<PendingPublish>> OpenAsync(CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<Row>(new CommandDefinition("""
            select id, author, note, created_at as CreatedAt, status, decided_by as DecidedBy, workflows::text as Workflows,
                effective_from as EffectiveFrom, reevaluate_closed as ReevaluateClosedMonths
            from workflow_pending where status = 'pending' order by created_at, id
            """, cancellationToken: ct));
        return rows.Select(ToPending).ToArray();
    }

    public async Task<PendingPublish?> GetAsync(long id, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var row = await conn.QuerySingleOrDefaultAsync<Row>(new CommandDefinition("""
            select id, author, note, created_at as CreatedAt, status, decided_by as DecidedBy, workflows::text as Workflows,
                effective_from as EffectiveFrom, reevaluate_closed as ReevaluateClosedMonths
            from workflow_pending where id = @id
            """, new { id }, cancellationToken: ct));
        return row is null ? null : ToPending(row);
    }

    /// <summary>Marks a waiting publish approved or rejected; false when it was no longer waiting (decided by someone else).</summary>
    public async Task<bool> DecideAsync(long id, string by, bool approved, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.ExecuteAsync(new CommandDefinition("""
            update workflow_pending set status = @status, decided_by = @by, decided_at = now()
            where id = @id and status = 'pending'
            """, new { id, by, status = approved ? "approved" : "rejected" }, cancellationToken: ct)) == 1;
    }

    private static PendingPublish ToPending(Row r)
    {
        using var doc = JsonDocument.Parse(r.Workflows);
        var names = doc.RootElement.EnumerateArray()
            .Select(w => w.TryGetProperty("WorkflowName", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()! : "?").ToArray();
        return new PendingPublish(r.Id, r.Author, r.Note, r.CreatedAt, r.Status, r.DecidedBy, names) {
            Workflows = doc.RootElement.Clone(), EffectiveFrom = r.EffectiveFrom, ReevaluateClosedMonths = r.ReevaluateClosedMonths,
        };
    }

    private sealed record Row(long Id, string Author, string Note, DateTime CreatedAt, string Status, string? DecidedBy, string Workflows,
        string? EffectiveFrom, bool ReevaluateClosedMonths);
}
