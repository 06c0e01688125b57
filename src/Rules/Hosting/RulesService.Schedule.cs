using Kinerja.Rules.Engine;
using Kinerja.Rules.Loading;
using Kinerja.Rules.Model;
using Kinerja.Rules.Store;
using Microsoft.Extensions.Logging;

namespace Kinerja.Rules.Hosting;

public sealed partial class RulesService
{
    /// <summary>
    /// Loads the schedule (<c>workflow_schedule</c>) and swaps in one compiled set per stretch of months with the same
    /// versions. Sets of version combinations already in force are reused, not compiled again (their disabled rules stay
    /// disabled); nothing is swapped when the combinations are the same. A stored version that fails keeps the running schedule.
    /// </summary>
    private async Task ReloadLockedAsync(CancellationToken ct)
    {
        var entries = await store.ScheduleAsync(ct);
        var plan = RuleSchedule.Plan(entries);
        if (plan.Count == 0)
        {
            // versions stored without a schedule (written around the store): the active ones apply to every month
            var activeRows = await store.ActiveAsync(ct);
            if (activeRows.Count == 0)
            {
                return;
            }
            plan = [(RuleMonth.Always, activeRows.ToDictionary(r => r.Workflow, r => r.Version, StringComparer.Ordinal))];
        }
        var running = active.Schedule;
        if (running is not null && running.Segments.Count == plan.Count
            && running.Segments.Zip(plan).All(x => x.First.From == x.Second.From && RuleSchedule.Key(x.First.Set.Versions) == RuleSchedule.Key(x.Second.Versions)))
        {
            return;
        }
        var known = (running?.Segments ?? []).GroupBy(s => RuleSchedule.Key(s.Set.Versions)).ToDictionary(g => g.Key, g => g.First().Set);
        var keys = plan.SelectMany(p => p.Versions.Select(v => (v.Key, v.Value))).Distinct().ToArray();
        var rows = (await store.GetManyAsync(keys, ct)).ToDictionary(r => (r.Workflow, r.Version));
        var segments = new List<ScheduleSegment>();
        foreach (var (from, versions) in plan)
        {
            var key = RuleSchedule.Key(versions);
            if (!known.TryGetValue(key, out var set))
            {
                var (compiled, issues) = Compile(versions, rows);
                if (compiled is null)
                {
                    LastErrorOnReload(issues);
                    return;
                }
                known[key] = set = compiled;
            }
            segments.Add(new ScheduleSegment(from, set));
        }
        var schedule = new RuleSchedule(segments, entries);
        active.Swap(schedule);
        logger.LogInformation("Rules loaded: {Versions}", string.Join("; ", segments.Select(s =>
            $"from {s.From}: " + string.Join(", ", s.Set.Versions.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => $"{v.Key}@{v.Value}")))));
    }

    private (CompiledRuleSet? Set, IReadOnlyList<RuleIssue> Issues) Compile(IReadOnlyDictionary<string, int> versions,
        IReadOnlyDictionary<(string, int), WorkflowVersionRow> rows)
    {
        var sources = new List<WorkflowSource>();
        var issues = new List<RuleIssue>();
        foreach (var (workflow, version) in versions.OrderBy(v => v.Key, StringComparer.Ordinal))
        {
            if (!rows.TryGetValue((workflow, version), out var row))
            {
                issues.Add(new RuleIssue($"db:{workflow}@{version}", workflow, null, "scheduled version is not stored"));
                continue;
            }
            var (w, i) = RuleFileLoader.Parse($"db:{workflow}@{version}", row.Json);
            sources.AddRange(w);
            issues.AddRange(i);
        }
        return issues.Count > 0 ? (null, issues) : CompileAndTry(sources, versions);
    }

    private void LastErrorOnReload(IReadOnlyList<RuleIssue> issues)
    {
        active.LastError = string.Join(Environment.NewLine, issues);
        logger.LogError("Active rules in the database fail validation or their trial evaluation; keeping the running set: {Issues}",
            string.Join(" | ", issues));
    }
}
