using System.Text.Json;
using Dapper;
using Kinerja.Core.Changes;
using Kinerja.Rules.Engine;
using Kinerja.Rules.FollowUp;
using Npgsql;

namespace Kinerja.Rules.Store;

/// <summary>
/// Stores triggers once per (subject, period, workflow, rule): <c>insert ... on conflict do nothing</c>
/// on the unique indexes, returning only the rows inserted now, and notifies <c>kinerja_triggers</c>
/// with them (and the employee and unit names) so screens push only new triggers. In the same transaction each new
/// trigger whose rule names an actor becomes a follow-up item (<see cref="FollowUpItems"/>), and the registered
/// <see cref="IFollowUpHook"/>s run (the seam of the later outbox).
/// </summary>
public sealed class TriggerStore(NpgsqlDataSource db, FollowUpOptions? followUps = null, IEnumerable<IFollowUpHook>? hooks = null)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly FollowUpOptions _followUps = followUps ?? new FollowUpOptions();
    private readonly IFollowUpHook[] _hooks = hooks?.ToArray() ?? [];

    /// <summary>Marks open follow-up items whose trigger no longer holds after a rule change (<see cref="FollowUpReview"/>).</summary>
    public FollowUpReview Review { get; } = new(db);

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
        var rows = (await conn.QueryAsync<StoredTrigger, FeedNames, (StoredTrigger Stored, FeedNames? Feed)>(new CommandDefinition("""
            with inserted as (
                insert into "trigger" (kind, code, nip, unit_id, period, workflow, version, rule, inputs)
                select t.kind, t.code, t.nip, t.unit_id, t.period, t.workflow, t.version, t.rule, t.inputs::jsonb
                from unnest(@kinds, @codes, @nips, @unitIds, @periods, @workflows, @versions, @rules, @inputs)
                     as t(kind, code, nip, unit_id, period, workflow, version, rule, inputs)
                on conflict do nothing
                returning id, kind, code, nip, unit_id, period, workflow, version, rule, inputs, fired_at
            )
            select i.id, i.kind, i.code, i.nip, i.unit_id as unitId, i.period, i.workflow, i.version, i.rule,
                   i.inputs::text as inputs, i.fired_at as firedAt,
                   u.region_id as regionId, u.id as unitId, u.name as unitName, e.name as employeeName
            from inserted i
            left join employee e on e.nip = i.nip
            left join unit u on u.id = coalesce(i.unit_id, e.unit_id)
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
        }, tx, cancellationToken: ct), (stored, feed) => (stored, feed), splitOn: "regionId")).AsList();
        // The notice carries what the feeds show (names read with the insert), so no listener reads the rows back; a
        // trigger whose unit is unknown has no feed. A month close can store tens of thousands: the notice splits them
        // under the NOTIFY limit.
        var added = rows.Where(r => r.Feed is not null).Select(r => r.Feed!.Added(r.Stored)).ToArray();
        await FollowUpItems.CreateAsync(conn, tx, rows.Select(r => r.Stored).ToArray(), list, _followUps, _hooks, ct);
        await ChangeFeed.SendAsync(conn, tx, ChangeNotice.Triggers(added), ct);
        await tx.CommitAsync(ct);
        return rows.Select(r => r.Stored).ToArray();
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

    /// <summary>What the feeds show of an inserted trigger besides the row; Dapper gives null when its unit is unknown.</summary>
    private sealed record FeedNames
    {
        public string RegionId { get; init; } = "";
        public string UnitId { get; init; } = "";
        public string UnitName { get; init; } = "";
        public string? EmployeeName { get; init; }

        public AddedTrigger Added(StoredTrigger t) => new()
        {
            Id = t.Id, Kind = t.Kind, Code = t.Code, Nip = t.Nip?.Trim(), EmployeeName = EmployeeName, UnitId = UnitId,
            UnitName = UnitName, RegionId = RegionId, Period = t.Period, Workflow = t.Workflow, Version = t.Version,
            Rule = t.Rule, FiredAt = new DateTimeOffset(DateTime.SpecifyKind(t.FiredAt, DateTimeKind.Utc)),
        };
    }
}
