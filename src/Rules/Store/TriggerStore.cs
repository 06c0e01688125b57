using System.Text.Json;
using Dapper;
using Kinerja.Core.Changes;
using Kinerja.Rules.Engine;
using Npgsql;

namespace Kinerja.Rules.Store;

/// <summary>
/// Stores triggers once per (subject, period, workflow, rule): <c>insert ... on conflict do nothing</c>
/// on the unique indexes, returning only the rows inserted now, and notifies <c>kinerja_triggers</c>
/// with their ids so screens push only new triggers.
/// </summary>
public sealed class TriggerStore(NpgsqlDataSource db)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Inserts the triggers not stored yet; returns the new rows (re-evaluation returns none).</summary>
    public async Task<IReadOnlyList<StoredTrigger>> InsertAsync(IReadOnlyCollection<Trigger> triggers, CancellationToken ct)
    {
        if (triggers.Count == 0)
        {
            return [];
        }
        var list = triggers.ToArray();
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var rows = (await conn.QueryAsync<StoredTrigger>(new CommandDefinition("""
            insert into "trigger" (kind, code, nip, unit_id, period, workflow, version, rule, inputs)
            select t.kind, t.code, t.nip, t.unit_id, t.period, t.workflow, t.version, t.rule, t.inputs::jsonb
            from unnest(@kinds, @codes, @nips, @unitIds, @periods, @workflows, @versions, @rules, @inputs)
                 as t(kind, code, nip, unit_id, period, workflow, version, rule, inputs)
            on conflict do nothing
            returning id, kind, code, nip, unit_id as unitId, period, workflow, version, rule, inputs::text as inputs, fired_at as firedAt
            """, new
        {
            kinds = list.Select(t => t.Kind).ToArray(),
            codes = list.Select(t => t.Code).ToArray(),
            nips = list.Select(t => t.IsUnit ? null : t.Subject).ToArray(),
            unitIds = list.Select(t => t.IsUnit ? t.Subject : null).ToArray(),
            periods = list.Select(t => t.Period).ToArray(),
            workflows = list.Select(t => t.Workflow).ToArray(),
            versions = list.Select(t => t.Version).ToArray(),
            rules = list.Select(t => t.Rule).ToArray(),
            inputs = list.Select(t => JsonSerializer.Serialize(t.Inputs, Json)).ToArray(),
        }, tx, cancellationToken: ct))).AsList();
        // a month close can store tens of thousands: the notice splits the ids under the NOTIFY limit
        await ChangeFeed.SendAsync(conn, tx, ChangeNotice.Triggers(rows.Select(r => r.Id).ToArray()), ct);
        await tx.CommitAsync(ct);
        return rows;
    }

    /// <summary>Records rule errors (latest message per subject, period, workflow, rule).</summary>
    public async Task RecordErrorsAsync(IReadOnlyCollection<(string Subject, string Period, RuleError Error)> errors, CancellationToken ct)
    {
        if (errors.Count == 0)
        {
            return;
        }
        await using var conn = await db.OpenConnectionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition("""
            insert into rule_error (subject, period, workflow, version, rule, message)
            select * from unnest(@subjects, @periods, @workflows, @versions, @rules, @messages)
            on conflict (subject, period, workflow, rule)
            do update set version = excluded.version, message = excluded.message, at = now()
            """, new
        {
            subjects = errors.Select(e => e.Subject).ToArray(),
            periods = errors.Select(e => e.Period).ToArray(),
            workflows = errors.Select(e => e.Error.Workflow).ToArray(),
            versions = errors.Select(e => e.Error.Version).ToArray(),
            rules = errors.Select(e => e.Error.Rule).ToArray(),
            messages = errors.Select(e => e.Error.Message).ToArray(),
        }, cancellationToken: ct));
    }
}
