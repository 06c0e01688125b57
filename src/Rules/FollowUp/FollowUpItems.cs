using Dapper;
using Kinerja.Rules.Engine;
using Kinerja.Rules.Store;
using Npgsql;

namespace Kinerja.Rules.FollowUp;

/// <summary>
/// Creates the follow-up items of newly stored triggers, on the connection and transaction of the trigger insert: an
/// item exists exactly when its trigger does, and the unique <c>trigger_id</c> makes a re-evaluation a no-op. The
/// assignee comes from the rule's <c>Properties.actor</c> (<see cref="FollowUpActors"/>); the due date is the trigger's
/// local day in the region's time zone plus the rule's <c>dueDays</c> or the kind's default (<see cref="FollowUpOptions"/>).
/// </summary>
public static class FollowUpItems
{
    /// <summary>Longest title stored (the rule's action text).</summary>
    public const int MaxTitle = 500;

    /// <summary>Creates the items of <paramref name="stored"/> (rows just inserted) whose rule names an actor; returns their ids.</summary>
    public static async Task<IReadOnlyList<long>> CreateAsync(NpgsqlConnection conn, NpgsqlTransaction tx,
        IReadOnlyList<StoredTrigger> stored, IReadOnlyCollection<Trigger> fired, FollowUpOptions options,
        IEnumerable<IFollowUpHook> hooks, CancellationToken ct)
    {
        var bySource = new Dictionary<(string, string, string, string), Trigger>();
        foreach (var t in fired)
        {
            bySource.TryAdd((t.Subject, t.Period, t.Workflow, t.Rule), t);
        }
        var items = new List<(long Id, string Actor, string Title, int DueDays)>();
        foreach (var s in stored)
        {
            var subject = s.Nip?.Trim() ?? s.UnitId ?? "";
            if (bySource.TryGetValue((subject, s.Period, s.Workflow, s.Rule), out var t) && !string.IsNullOrWhiteSpace(t.Actor))
            {
                items.Add((s.Id, t.Actor.Trim().ToLowerInvariant(), Title(t), options.DueDaysFor(t.Kind, t.DueDays)));
            }
        }
        if (items.Count == 0)
        {
            return [];
        }
        var ids = (await conn.QueryAsync<long>(new CommandDefinition("""
            with x as (
                select * from unnest(@ids::bigint[], @actors::text[], @titles::text[], @dueDays::int[]) as x(id, actor, title, due_days)
            ), created as (
                insert into followup (trigger_id, kind, code, title, nip, unit_id, region_id, period, actor, assignee_nip, due_date)
                select t.id, t.kind, t.code, x.title, t.nip, u.id, u.region_id, t.period, x.actor,
                       case when t.nip is null then null
                            when x.actor = @employee then t.nip
                            when x.actor = any(@superiors) then s.nip
                       end,
                       (t.fired_at at time zone r.tz)::date + x.due_days
                from x
                join "trigger" t on t.id = x.id
                left join employee e on e.nip = t.nip
                left join employee s on s.nip = e.supervisor_nip and s.active
                join unit u on u.id = coalesce(t.unit_id, e.unit_id)
                join region r on r.id = u.region_id
                on conflict (trigger_id) do nothing
                returning id, state
            )
            insert into followup_history (followup_id, actor, from_state, to_state)
            select id, @rulesActor, null, state from created
            returning followup_id
            """, new
        {
            ids = items.Select(i => i.Id).ToArray(),
            actors = items.Select(i => i.Actor).ToArray(),
            titles = items.Select(i => i.Title).ToArray(),
            dueDays = items.Select(i => i.DueDays).ToArray(),
            employee = FollowUpActors.Employee,
            superiors = FollowUpActors.Superiors.ToArray(),
            rulesActor = FollowUpActors.RulesActor,
        }, tx, cancellationToken: ct))).AsList();
        foreach (var hook in hooks)
        {
            await hook.ItemsCreatedAsync(conn, tx, ids, ct);
        }
        return ids;
    }

    private static string Title(Trigger t)
    {
        var title = (t.Action ?? t.Description ?? t.Code).Trim();
        title = title.Length == 0 ? t.Code : title;
        return title.Length <= MaxTitle ? title : title[..MaxTitle];
    }
}

/// <summary>
/// Who a rule's <c>Properties.actor</c> names: <c>atasan</c> and <c>kepala_unit</c> → the employee's superior by NIP
/// (<c>employee.supervisor_nip</c>; the schema knows no unit head, so the direct superior stands in); <c>pegawai</c> → the
/// employee; anything else (<c>bkpsdm</c>, <c>pejabat_berwenang</c>, ...) and every unit trigger → the HR (sdm) of the
/// region, the item keeping the actor so screens can say "pejabat berwenang". No active superior → HR of the region.
/// </summary>
public static class FollowUpActors
{
    public const string Superior = "atasan";
    public const string UnitHead = "kepala_unit";
    public const string Employee = "pegawai";

    /// <summary>The history's actor for changes the rules make (creation, marking for review).</summary>
    public const string RulesActor = "rules";

    public static readonly IReadOnlyList<string> Superiors = [Superior, UnitHead];
}
