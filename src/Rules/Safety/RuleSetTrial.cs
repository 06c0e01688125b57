using Kinerja.Core.Indicators;
using Kinerja.Rules.Engine;
using Kinerja.Rules.Model;

namespace Kinerja.Rules.Safety;

/// <summary>
/// The trial evaluation every candidate passes before it becomes active (CLI validate/test/eval, publish API,
/// the rules-folder watcher, and each process reloading after a NOTIFY): the compiled set evaluates
/// <see cref="TrialSnapshots"/> under its budgets, and every rule that goes over a budget is an issue naming
/// the file, workflow, rule, limit and sample. Ordinary rule errors (a null field, a division by zero) are not
/// trial issues; they are reported per snapshot as today. A set that failed its trial has disabled rules and
/// must be thrown away.
/// </summary>
public static class RuleSetTrial
{
    private const string WarmUpSample = "generated snapshots (defaults, first run)";

    /// <summary>Issues of the trial; empty when no rule went over a budget.</summary>
    public static IReadOnlyList<RuleIssue> Run(CompiledRuleSet set, string? rulesFolder)
    {
        var issues = new List<RuleIssue>();
        var seen = 0;
        var samples = TrialSnapshots.All(rulesFolder).ToList();
        // the first run of each delegate includes its JIT compilation: 20× the time budget, once
        samples.Insert(0, (WarmUpSample, new object()));
        foreach (var (name, snapshot) in samples)
        {
            if (name == WarmUpSample)
            {
                set.WarmUp(new IndicatorSnapshot(), new UnitSnapshot(), timeFactor: 20);
            }
            if (snapshot is IndicatorSnapshot s)
            {
                set.Evaluate(s);
            }
            else if (snapshot is UnitSnapshot u)
            {
                set.Evaluate(u);
            }
            var disabled = set.DisabledRules;
            foreach (var d in disabled.Skip(seen))
            {
                var file = set.Workflows.TryGetValue(d.Workflow, out var wf) ? wf.File : "(rules)";
                issues.Add(new RuleIssue(file, d.Workflow, d.Rule == "(GlobalParams)" ? null : d.Rule,
                    $"trial evaluation on {name}: {d.Reason}"));
            }
            seen = disabled.Count;
        }
        return issues;
    }
}
