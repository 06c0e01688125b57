using System.Linq.Expressions;
using System.Reflection;
using System.Text.RegularExpressions;
using Kinerja.Core.Domain;
using Kinerja.Core.Indicators;
using Kinerja.Rules.Engine;
using Kinerja.Rules.Model;
using RulesEngine.Models;
using Rule = RulesEngine.Models.Rule;

namespace Kinerja.Rules.Compilation;

/// <summary>
/// Validates and compiles a set of workflows into a <see cref="CompiledRuleSet"/>: JSON shape (by the
/// loader), RulesEngine's own workflow validator, unique workflow/rule names and events, known trigger
/// kinds, every expression compiling against the input type inside the sandbox, EvaluateRule targets,
/// and an acyclic chain. Issues name the file, workflow, rule and reason.
/// </summary>
public static partial class RuleSetCompiler
{
    private static (CompiledRuleSet? Set, IReadOnlyList<RuleIssue> Issues) CompileCore(
        IReadOnlyList<WorkflowSource> sources, IReadOnlyDictionary<string, int>? versions, Safety.RuleLimits limits)
    {
        var issues = new List<RuleIssue>();
        var byName = new Dictionary<string, WorkflowSource>(StringComparer.OrdinalIgnoreCase);
        foreach (var s in sources)
        {
            if (!byName.TryAdd(s.Name, s))
            {
                issues.Add(new RuleIssue(s.File, s.Name, null, $"workflow name is already used in {byName[s.Name].File}"));
            }
        }
        if (sources.Count == 0)
        {
            issues.Add(new RuleIssue("(rules)", null, null, "no workflows found"));
        }

        // slot table: every value a rule sets
        var slots = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var s in byName.Values)
        {
            foreach (var r in AllTopRules(s, byName))
            {
                if (r.Properties is { } p && WorkflowCompiler.Prop(p, RuleConventions.Sets) is { Length: > 0 } sets)
                {
                    slots.TryAdd(sets, slots.Count);
                }
            }
        }

        var parser = new ParserHost(limits);
        var compiler = new WorkflowCompiler(parser, slots);
        var compiled = new List<CompiledWorkflow>();
        var reference = new RulesEngine.RulesEngine(ParserHost.Settings());
        foreach (var s in byName.Values)
        {
            var before = issues.Count;
            var rules = ResolveRules(s, byName, issues);
            CheckSize(s, rules, limits, issues);
            CheckDeclarations(s, rules, issues);
            if (issues.Count > before)
            {
                continue;
            }
            var (type, name) = InputOf(s, rules);
            var version = versions is not null && versions.TryGetValue(s.Name, out var v) ? v : 0;
            if (compiler.Compile(s, rules, type, name, version, issues) is { } wf)
            {
                // RulesEngine's own validator last: our checks give the more specific reasons
                CheckWithRulesEngine(reference, s, issues);
                compiled.Add(wf);
            }
        }
        CheckEvaluateRuleTargets(byName, issues);
        var employee = Order(compiled.Where(w => w.InputType == typeof(IndicatorSnapshot)).ToList(), issues);
        var unit = Order(compiled.Where(w => w.InputType == typeof(UnitSnapshot)).ToList(), issues);
        if (issues.Count > 0)
        {
            return (null, issues);
        }
        var set = new CompiledRuleSet(byName.Values.ToArray(), employee, unit, slots,
            Setters(typeof(IndicatorSnapshot), slots), Setters(typeof(UnitSnapshot), slots)) { Limits = limits };
        return (set, issues);
    }

    /// <summary>Compiles or throws <see cref="RuleValidationFailedException"/>.</summary>
    public static CompiledRuleSet CompileOrThrow(IReadOnlyList<WorkflowSource> sources, IReadOnlyDictionary<string, int>? versions = null,
        Safety.RuleLimits? limits = null)
    {
        var (set, issues) = Compile(sources, versions, limits);
        return set ?? throw new RuleValidationFailedException(issues);
    }

    private static IEnumerable<Rule> AllTopRules(WorkflowSource s, Dictionary<string, WorkflowSource> byName) =>
        (s.Workflow.Rules ?? []).Concat((s.Workflow.WorkflowsToInject ?? [])
            .SelectMany(n => byName.TryGetValue(n, out var w) ? w.Workflow.Rules ?? [] : []));

    private static void CheckWithRulesEngine(RulesEngine.RulesEngine reference, WorkflowSource s, List<RuleIssue> issues)
    {
        try
        {
            // a copy: RulesEngine may mutate the model it holds (WorkflowsToInject)
            reference.AddWorkflow(Reference.RulesEngineJson.Clone(s.Workflow));
        }
        catch (RulesEngine.Exceptions.RuleValidationException ex) when (ex.Errors?.Any() == true)
        {
            foreach (var e in ex.Errors)
            {
                issues.Add(new RuleIssue(s.File, s.Name, null, $"RulesEngine rejects the workflow: {e.PropertyName}: {e.ErrorMessage}"));
            }
        }
        catch (Exception ex)
        {
            issues.Add(new RuleIssue(s.File, s.Name, null, $"RulesEngine rejects the workflow: {ex.Message}"));
        }
    }

    private static List<Rule> ResolveRules(WorkflowSource s, Dictionary<string, WorkflowSource> byName, List<RuleIssue> issues)
    {
        var rules = new List<Rule>(s.Workflow.Rules ?? []);
        foreach (var inject in s.Workflow.WorkflowsToInject ?? [])
        {
            if (byName.TryGetValue(inject, out var other))
            {
                rules.AddRange(other.Workflow.Rules ?? []);
            }
            else
            {
                issues.Add(new RuleIssue(s.File, s.Name, null, $"WorkflowsToInject names unknown workflow '{inject}'"));
            }
        }
        return rules;
    }

    private static void CheckDeclarations(WorkflowSource s, List<Rule> rules, List<RuleIssue> issues)
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var events = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var rule in rules)
        {
            if (string.IsNullOrWhiteSpace(rule.RuleName))
            {
                issues.Add(new RuleIssue(s.File, s.Name, null, "a rule has no RuleName"));
                continue;
            }
            if (!names.Add(rule.RuleName))
            {
                issues.Add(new RuleIssue(s.File, s.Name, rule.RuleName, "rule name is used twice in the workflow"));
            }
            CheckNestedNames(s, rule, rule.RuleName, names, issues);
            var props = rule.Properties ?? [];
            var kind = WorkflowCompiler.Prop(props, RuleConventions.Kind);
            if (kind is not null && !TriggerKind.All.Contains(kind))
            {
                issues.Add(new RuleIssue(s.File, s.Name, rule.RuleName,
                    $"Properties.kind '{kind}' is not one of {string.Join(", ", TriggerKind.All)}"));
            }
            if (kind is not null && string.IsNullOrWhiteSpace(rule.SuccessEvent))
            {
                issues.Add(new RuleIssue(s.File, s.Name, rule.RuleName, "a rule with Properties.kind needs a SuccessEvent (the trigger code)"));
            }
            if (!rule.Enabled)
            {
                continue;
            }
            var ev = string.IsNullOrWhiteSpace(rule.SuccessEvent) ? null : rule.SuccessEvent;
            if (ev is not null && !events.TryAdd(ev, rule.RuleName))
            {
                issues.Add(new RuleIssue(s.File, s.Name, rule.RuleName, $"SuccessEvent '{ev}' is already the event of rule '{events[ev]}'"));
            }
        }
    }

    private static void CheckNestedNames(WorkflowSource s, Rule parent, string top, HashSet<string> names, List<RuleIssue> issues)
    {
        foreach (var child in parent.Rules ?? [])
        {
            if (string.IsNullOrWhiteSpace(child.RuleName))
            {
                issues.Add(new RuleIssue(s.File, s.Name, top, "a nested rule has no RuleName"));
                continue;
            }
            if (!names.Add(child.RuleName))
            {
                issues.Add(new RuleIssue(s.File, s.Name, child.RuleName, "rule name is used twice in the workflow"));
            }
            CheckNestedNames(s, child, top, names, issues);
        }
    }

    private static void CheckEvaluateRuleTargets(Dictionary<string, WorkflowSource> byName, List<RuleIssue> issues)
    {
        foreach (var s in byName.Values)
        {
            foreach (var rule in s.Workflow.Rules ?? [])
            {
                foreach (var info in new[] { rule.Actions?.OnSuccess, rule.Actions?.OnFailure })
                {
                    if (info?.Name != RuleConventions.EvaluateRuleAction)
                    {
                        continue;
                    }
                    var wf = WorkflowCompiler.ContextString(info.Context, "workflowName");
                    var rn = WorkflowCompiler.ContextString(info.Context, "ruleName");
                    if (wf is null || !byName.TryGetValue(wf, out var target))
                    {
                        issues.Add(new RuleIssue(s.File, s.Name, rule.RuleName, $"EvaluateRule names unknown workflow '{wf}'"));
                    }
                    else if (rn is null || !(target.Workflow.Rules ?? []).Any(r => r.RuleName == rn))
                    {
                        issues.Add(new RuleIssue(s.File, s.Name, rule.RuleName, $"EvaluateRule names unknown rule '{rn}' of workflow '{wf}'"));
                    }
                }
            }
        }
    }

    /// <summary>A workflow whose expressions read <c>unit.</c> and never <c>snapshot.</c> takes the <see cref="UnitSnapshot"/>.</summary>
    private static (Type Type, string Name) InputOf(WorkflowSource s, List<Rule> rules)
    {
        var texts = Expressions(s.Workflow.GlobalParams, rules).ToArray();
        var unit = texts.Any(t => UnitRef().IsMatch(t));
        var employee = texts.Any(t => SnapshotRef().IsMatch(t));
        return unit && !employee
            ? (typeof(UnitSnapshot), RuleConventions.UnitParameter)
            : (typeof(IndicatorSnapshot), RuleConventions.SnapshotParameter);
    }

    private static IEnumerable<string> Expressions(IEnumerable<ScopedParam>? globals, IEnumerable<Rule> rules)
    {
        foreach (var g in globals ?? [])
        {
            yield return g.Expression ?? "";
        }
        foreach (var r in rules)
        {
            yield return r.Expression ?? "";
            foreach (var l in r.LocalParams ?? [])
            {
                yield return l.Expression ?? "";
            }
            if (WorkflowCompiler.ContextString(r.Actions?.OnSuccess?.Context, "expression") is { } o)
            {
                yield return o;
            }
            foreach (var c in Expressions(null, r.Rules ?? []))
            {
                yield return c;
            }
        }
    }

    [GeneratedRegex(@"\bunit\s*\.", RegexOptions.IgnoreCase)]
    private static partial Regex UnitRef();

    [GeneratedRegex(@"\bsnapshot\s*\.", RegexOptions.IgnoreCase)]
    private static partial Regex SnapshotRef();
}
