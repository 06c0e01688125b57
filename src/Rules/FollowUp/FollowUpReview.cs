using Dapper;
using Kinerja.Rules.Engine;
using Npgsql;

namespace Kinerja.Rules.FollowUp;

/// <summary>
/// Marks open items <c>perlu_ditinjau</c> whose trigger no longer holds after a rule change: when a subject is
/// evaluated under a workflow version other than the one that fired its trigger (or the workflow is gone) and that
/// rule does not fire any more for the same period, its open item (<c>baru</c>, <c>diproses</c>) is marked for review
/// with a history row, never deleted (the trigger row stays too: it records what fired). A rule that threw is not
/// taken as "no longer holds". Each subject and period is checked once per rule set a process evaluates with, so the
/// live path pays one query per batch only after a publish (or a start), not on every change.
/// </summary>
public sealed class FollowUpReview(NpgsqlDataSource db)
{
    private readonly Lock _gate = new();
    private object? _set;
    private readonly HashSet<(string Subject, string Period)> _reviewed = [];

    /// <summary>Past this many subjects the memory starts over (it only saves queries).</summary>
    public const int Capacity = 2_000_000;

    /// <summary>Checks the open items of the subjects of <paramref name="outcomes"/> not yet checked under <paramref name="set"/>; returns the ids marked.</summary>
    public async Task<IReadOnlyList<long>> ReviewAsync(CompiledRuleSet set, IReadOnlyList<EvaluationOutcome> outcomes, CancellationToken ct)
    {
        var pending = Pending(set, outcomes);
        if (pending.Count == 0)
        {
            return [];
        }
        var held = pending.SelectMany(o => o.Triggers.Select(t => (o.Subject, o.Period, t.Workflow, t.Rule))
            .Concat(o.Errors.Select(e => (o.Subject, o.Period, e.Workflow, e.Rule)))).ToArray();
        var versions = set.Versions;
        await using var conn = await db.OpenConnectionAsync(ct);
        var ids = (await conn.QueryAsync<long>(new CommandDefinition("""
            with evaluated as (
                select * from unnest(@subjects::text[], @periods::text[]) as e(subject, period)
            ), held as (
                select * from unnest(@hSubjects::text[], @hPeriods::text[], @hWorkflows::text[], @hRules::text[])
                    as h(subject, period, workflow, rule)
            ), active as (
                select * from unnest(@workflows::text[], @versions::int[]) as a(workflow, version)
            ), stale as (
                select f.id, f.state, t.workflow, t.version as old_version, a.version as new_version
                from followup f
                join "trigger" t on t.id = f.trigger_id
                join evaluated e on e.subject = coalesce(t.nip::text, t.unit_id) and e.period = t.period
                left join active a on a.workflow = t.workflow
                where f.state in ('baru', 'diproses')
                  and a.version is distinct from t.version
                  and not exists (select 1 from held h where h.subject = e.subject and h.period = t.period
                                  and h.workflow = t.workflow and h.rule = t.rule)
                for update of f
            ), marked as (
                update followup f set state = @review, updated_at = now()
                from stale s where f.id = s.id
                returning f.id
            )
            insert into followup_history (followup_id, actor, from_state, to_state, note)
            select s.id, @rulesActor, s.state, @review,
                   case when s.new_version is null
                        then format('Aturan %s tidak lagi aktif; pemicu versi %s perlu ditinjau SDM.', s.workflow, s.old_version)
                        else format('Aturan %s versi %s tidak lagi memicu tindak lanjut ini (dipicu versi %s); perlu ditinjau SDM.',
                                    s.workflow, s.new_version, s.old_version)
                   end
            from stale s join marked m on m.id = s.id
            returning followup_id
            """, new
        {
            subjects = pending.Select(o => o.Subject).ToArray(),
            periods = pending.Select(o => o.Period).ToArray(),
            hSubjects = held.Select(h => h.Subject).ToArray(),
            hPeriods = held.Select(h => h.Period).ToArray(),
            hWorkflows = held.Select(h => h.Workflow).ToArray(),
            hRules = held.Select(h => h.Rule).ToArray(),
            workflows = versions.Keys.ToArray(),
            versions = versions.Values.ToArray(),
            review = FollowUpStates.ForReview,
            rulesActor = FollowUpActors.RulesActor,
        }, cancellationToken: ct))).AsList();
        lock (_gate)
        {
            if (ReferenceEquals(_set, set))
            {
                _reviewed.UnionWith(pending.Select(o => (o.Subject, o.Period)));
            }
        }
        return ids;
    }

    private List<EvaluationOutcome> Pending(CompiledRuleSet set, IReadOnlyList<EvaluationOutcome> outcomes)
    {
        lock (_gate)
        {
            if (!ReferenceEquals(_set, set) || _reviewed.Count > Capacity)
            {
                _set = set;
                _reviewed.Clear();
            }
            var seen = new HashSet<(string, string)>();
            return outcomes.Where(o => !_reviewed.Contains((o.Subject, o.Period)) && seen.Add((o.Subject, o.Period))).ToList();
        }
    }
}
