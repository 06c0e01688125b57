using System.Linq.Expressions;
using System.Reflection;
using System.Text.RegularExpressions;
using Kinerja.Core.Domain;
using Kinerja.Core.Indicators;
using Kinerja.Rules.Engine;
using Kinerja.Rules.Model;
using Kinerja.Rules.Safety;
using RulesEngine.Models;
using Rule = RulesEngine.Models.Rule;

namespace Kinerja.Rules.Compilation;

/// <summary>
/// Validates and compiles a set of workflows into a <see cref="CompiledRuleSet"/>: JSON shape (by the
/// loader), RulesEngine's own workflow validator, unique workflow and rule names, known trigger kinds, every
/// expression (actions included) compiling against the input type inside the sandbox, EvaluateRule targets,
/// injections and an acyclic chain. Issues name the file, workflow, rule and reason; notes (not errors) name
/// the rules that behave differently from RulesEngine (rules/README.md, "Differences from RulesEngine").
/// </summary>
public static partial class RuleSetCompiler
{
    /// <summary>
    /// As <see cref="Compile(IReadOnlyList{WorkflowSource}, IReadOnlyDictionary{string, int}?, RuleLimits?)"/>, with the inputs
    /// each workflow is compiled against; null: the snapshots. Tests compile RulesEngine's own sample files
    /// against input classes of their own this way; workflows over other types join the employee list (reached
    /// by name through <see cref="CompiledRuleSet.Workflows"/>; never evaluated as snapshots).
    /// </summary>
    internal static (CompiledRuleSet? Set, IReadOnlyList<RuleIssue> Issues) Compile(IReadOnlyList<WorkflowSource> sources,
        IReadOnlyDictionary<string, int>? versions, Func<WorkflowSource, RuleInputs>? inputsFor) =>
        BigStack.Run(() => CompileCore(sources, versions, RuleLimits.Default, inputsFor), RuleLimits.Default.CompilerStackBytes);

    private static (CompiledRuleSet? Set, IReadOnlyList<RuleIssue> Issues) CompileCore(IReadOnlyList<WorkflowSource> sources,
        IReadOnlyDictionary<string, int>? versions, RuleLimits limits, Func<WorkflowSource, RuleInputs>? inputsFor)
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
        var resolved = new Dictionary<string, (WorkflowSource Source, IReadOnlyList<Rule> Rules)>(StringComparer.OrdinalIgnoreCase);
        foreach (var s in byName.Values)
        {
            resolved[s.Name] = (s, ResolveRules(s, byName, issues));
        }

        // slot table: every value a rule sets
        var slots = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var (_, rules) in resolved.Values)
        {
            foreach (var r in rules)
            {
                if (r.Properties is { } p && WorkflowCompiler.Prop(p, RuleConventions.Sets) is { Length: > 0 } sets)
                {
                    slots.TryAdd(sets, slots.Count);
                }
            }
        }

        var parser = new ParserHost(limits);
        var compiled = new List<CompiledWorkflow>();
        var plain = new RulesEngine.RulesEngine(ParserHost.Settings());
        var injectedInto = InjectedInto(byName);
        foreach (var (s, rules) in resolved.Values)
        {
            var before = issues.Count;
            CheckSize(s, rules, limits, issues);
            CheckDeclarations(s, rules, issues);
            if (rules.Count == 0 && issues.Count == before)
            {
                issues.Add(new RuleIssue(s.File, s.Name, null, "the workflow has no rules: neither its own nor from the workflows it injects"));
            }
            if (issues.Count > before)
            {
                continue;
            }
            var inputs = inputsFor?.Invoke(s) ?? InputOf(s, rules);
            var compiler = new WorkflowCompiler(inputs.ExtraTypes is null ? parser : new ParserHost(limits, inputs.ExtraTypes), slots, resolved);
            var version = versions is not null && versions.TryGetValue(s.Name, out var v) ? v : 0;
            var wf = compiler.Compile(s, rules, inputs, version, issues);
            issues.AddRange(compiler.Notes);
            if (wf is not null)
            {
                // RulesEngine's own validator last: our checks give the more specific reasons
                CheckWithRulesEngine(plain, s, issues);
                if (injectedInto.TryGetValue(s.Name, out var outer))
                {
                    wf = wf.InjectedInto(outer);
                    issues.Add(RuleIssue.Note(s.File, s.Name, null,
                        $"its rules run inside {string.Join(", ", outer.Select(o => $"'{o}'"))} (WorkflowsToInject), so the whole chain does not run it again on its own: each rule fires once, under the injecting workflow ({DifferencesSection})"));
                }
                compiled.Add(wf);
            }
        }
        // workflows over test input types (inputsFor) join the first list, so a test reaches them by name
        var employee = Order(compiled.Where(w => w.InputType != typeof(UnitSnapshot)).ToList(), issues);
        var unit = Order(compiled.Where(w => w.InputType == typeof(UnitSnapshot)).ToList(), issues);
        if (issues.Any(i => i.IsError))
        {
            return (null, issues);
        }
        var set = new CompiledRuleSet(byName.Values.ToArray(), employee, unit, slots,
            Setters(typeof(IndicatorSnapshot), slots), Setters(typeof(UnitSnapshot), slots))
        {
            Limits = limits,
            EmployeeCopier = Copier(typeof(IndicatorSnapshot)),
            UnitCopier = Copier(typeof(UnitSnapshot)),
        };
        return (set, issues);
    }

    /// <summary>Compiles or throws <see cref="RuleValidationFailedException"/>.</summary>
    public static CompiledRuleSet CompileOrThrow(IReadOnlyList<WorkflowSource> sources, IReadOnlyDictionary<string, int>? versions = null,
        RuleLimits? limits = null)
    {
        var (set, issues) = Compile(sources, versions, limits);
        return set ?? throw new RuleValidationFailedException(issues);
    }

    private const string DifferencesSection = "rules/README.md, \"Differences from RulesEngine\"";

    /// <summary>Workflow name → the workflows that inject it.</summary>
    private static Dictionary<string, string[]> InjectedInto(Dictionary<string, WorkflowSource> byName) =>
        byName.Values
            .SelectMany(s => (s.Workflow.WorkflowsToInject ?? []).Where(byName.ContainsKey).Select(i => (Inner: byName[i].Name, Outer: s.Name)))
            .Where(p => !string.Equals(p.Inner, p.Outer, StringComparison.OrdinalIgnoreCase))
            .GroupBy(p => p.Inner, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.Select(p => p.Outer).Distinct().Order(StringComparer.Ordinal).ToArray(), StringComparer.OrdinalIgnoreCase);

    private static void CheckWithRulesEngine(RulesEngine.RulesEngine plain, WorkflowSource s, List<RuleIssue> issues)
    {
        try
        {
            // a copy: RulesEngine may mutate the model it holds (WorkflowsToInject)
            plain.AddWorkflow(RulesEngineJson.Clone(s.Workflow));
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

    /// <summary>The workflow's rules followed by those of the workflows it injects (recursively, as RulesEngine resolves them).</summary>
    private static List<Rule> ResolveRules(WorkflowSource s, Dictionary<string, WorkflowSource> byName, List<RuleIssue> issues)
    {
        var rules = new List<Rule>();
        Resolve(s, [s.Name]);
        return rules;

        void Resolve(WorkflowSource w, List<string> path)
        {
            rules.AddRange(w.Workflow.Rules ?? []);
            foreach (var inject in w.Workflow.WorkflowsToInject ?? [])
            {
                if (!byName.TryGetValue(inject, out var other))
                {
                    issues.Add(new RuleIssue(s.File, s.Name, null, $"WorkflowsToInject names unknown workflow '{inject}'"));
                }
                else if (path.Contains(other.Name, StringComparer.OrdinalIgnoreCase))
                {
                    issues.Add(new RuleIssue(s.File, s.Name, null, $"WorkflowsToInject loops: {string.Join(" -> ", path.Append(other.Name))}"));
                }
                else
                {
                    Resolve(other, [.. path, other.Name]);
                }
            }
        }
    }

    /// <summary>
    /// Rule names are unique in a workflow, compared exactly as RulesEngine does (<c>upperCaseAccess</c> and
    /// <c>UpperCaseAccess</c> are two rules); several rules may share a <c>SuccessEvent</c>: a trigger is
    /// identified by its rule, its code is the event.
    /// </summary>
    private static void CheckDeclarations(WorkflowSource s, IReadOnlyList<Rule> rules, List<RuleIssue> issues)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var rule in rules)
        {
            if (string.IsNullOrWhiteSpace(rule.RuleName))
            {
                issues.Add(new RuleIssue(s.File, s.Name, null, "a rule has no RuleName"));
                continue;
            }
            if (rule.Enabled && !names.Add(rule.RuleName))
            {
                issues.Add(new RuleIssue(s.File, s.Name, rule.RuleName, "rule name is used twice in the workflow"));
            }
            CheckNestedNames(s, rule, rule.RuleName, issues);
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
        }
    }

    private static void CheckNestedNames(WorkflowSource s, Rule parent, string top, List<RuleIssue> issues)
    {
        foreach (var child in parent.Rules ?? [])
        {
            if (string.IsNullOrWhiteSpace(child.RuleName))
            {
                issues.Add(new RuleIssue(s.File, s.Name, top, "a nested rule has no RuleName"));
                continue;
            }
            CheckNestedNames(s, child, top, issues);
        }
    }

    /// <summary>A workflow whose expressions read <c>unit.</c> and never <c>snapshot.</c> takes the <see cref="UnitSnapshot"/>.</summary>
    private static RuleInputs InputOf(WorkflowSource s, IReadOnlyList<Rule> rules)
    {
        var texts = Expressions(s.Workflow.GlobalParams, rules).ToArray();
        var unit = texts.Any(t => UnitRef().IsMatch(t));
        var employee = texts.Any(t => SnapshotRef().IsMatch(t));
        return unit && !employee ? RuleInputs.Unit : RuleInputs.Employee;
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
