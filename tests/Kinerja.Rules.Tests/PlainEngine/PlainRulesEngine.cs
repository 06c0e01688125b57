using Kinerja.Core.Indicators;
using Kinerja.Rules.Compilation;
using Kinerja.Rules.Engine;
using Kinerja.Rules.Model;
using RulesEngine.Models;

namespace Kinerja.Rules.Tests.PlainEngine;

/// <summary>What Microsoft RulesEngine said about one top-level rule.</summary>
/// <param name="Event">The rule's <c>SuccessEvent</c>, or its name.</param>
/// <param name="Output">The OnSuccess action's output (RulesEngine's <c>ActionResult.Output</c>) when the rule succeeded.</param>
/// <param name="Error">An exception of the rule, or of a nested rule when the rule did not succeed (RulesEngine keeps it on the child).</param>
/// <param name="ActionError">An exception of the OnSuccess action of a succeeded rule (RulesEngine still counts the rule as succeeded).</param>
public sealed record PlainRuleResult(string Workflow, string Rule, string Event, bool Success, object? Output, string? Error, string? ActionError);

/// <summary>
/// The plain engine: Microsoft RulesEngine's <c>ExecuteAllRulesAsync</c> per workflow per snapshot,
/// following the same chain and conventions as <see cref="CompiledRuleSet"/>. The baseline the compiled engine is
/// tested against (conformance, differential) and baseline (a) of the rules benchmark (linked into bench/Rules).
/// </summary>
public sealed class PlainRulesEngine
{
    private readonly RulesEngine.RulesEngine _engine;
    private readonly CompiledRuleSet _set;

    public PlainRulesEngine(IReadOnlyList<WorkflowSource> sources, CompiledRuleSet set)
    {
        // fresh model objects: RulesEngine may mutate workflows (WorkflowsToInject)
        var workflows = sources.Select(s => RulesEngineJson.Clone(s.Workflow)).ToArray();
        var settings = ParserHost.Settings();
        // ExceptionMessage then carries exceptions only, never a rule's ErrorMessage text
        settings.EnableFormattedErrorMessage = false;
        _engine = new RulesEngine.RulesEngine(workflows, settings);
        _set = set;
    }

    /// <summary>Events and values for one employee snapshot through the chain.</summary>
    public async ValueTask<(List<string> Events, Dictionary<string, object?> Values, List<string> Errors)> EvaluateAsync(IndicatorSnapshot snapshot)
    {
        var (results, values) = await EvaluateChainAsync(snapshot);
        var events = results.Where(r => r.Result.Success).Select(r => r.Result.Event).ToList();
        var errors = results.Where(r => r.Result.Error is not null).Select(r => $"{r.Result.Workflow}/{r.Result.Rule}: {r.Result.Error}").ToList();
        return (events, values, errors);
    }

    /// <summary>
    /// Every top-level rule's result through the chain, in chain order, each with the snapshot its workflow read
    /// (the values set by earlier workflows copied in), and the values set.
    /// </summary>
    public async ValueTask<(List<(PlainRuleResult Result, IndicatorSnapshot Input)> Results, Dictionary<string, object?> Values)> EvaluateChainAsync(
        IndicatorSnapshot snapshot)
    {
        var results = new List<(PlainRuleResult, IndicatorSnapshot)>();
        var values = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        var current = snapshot;
        foreach (var wf in _set.EmployeeChain.Where(w => w.InjectedBy.Count == 0))
        {
            var setHere = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var input = current;
            foreach (var r in await EvaluateWorkflowAsync(wf.Name, input))
            {
                results.Add((r, input));
                if (!r.Success)
                {
                    continue;
                }
                var rule = _set.Workflows[wf.Name].Rules.First(c => c.Name == r.Rule);
                if (rule.Sets is { } sets && setHere.Add(sets))
                {
                    var value = rule.HasOutput ? r.Output : r.Event;
                    values[sets] = value;
                    current = Apply(current, sets, value);
                }
            }
        }
        return (results, values);
    }

    /// <summary>RulesEngine's result for each top-level rule of one workflow on one input (named <c>snapshot</c>, or <paramref name="parameter"/>).</summary>
    public async ValueTask<List<PlainRuleResult>> EvaluateWorkflowAsync(string workflow, object input, string parameter = RuleConventions.SnapshotParameter)
    {
        var results = await _engine.ExecuteAllRulesAsync(workflow, new RuleParameter(parameter, input));
        return results.Select(r => new PlainRuleResult(workflow, r.Rule.RuleName,
            string.IsNullOrWhiteSpace(r.Rule.SuccessEvent) ? r.Rule.RuleName : r.Rule.SuccessEvent,
            r.IsSuccess,
            r.IsSuccess ? r.ActionResult?.Output : null,
            Error(r),
            r.IsSuccess ? r.ActionResult?.Exception?.Message : null)).ToList();
    }

    private static string? Error(RuleResultTree r)
    {
        if (!string.IsNullOrEmpty(r.ExceptionMessage))
        {
            return r.ExceptionMessage;
        }
        // a child's exception counts when its rule did not succeed; an Or that succeeds anyway is quiet
        return r.IsSuccess ? null : (r.ChildResults ?? []).Select(Error).FirstOrDefault(e => e is not null);
    }

    private static IndicatorSnapshot Apply(IndicatorSnapshot s, string name, object? value) => name.ToLowerInvariant() switch
    {
        "ratinghasilkerja" => s with { RatingHasilKerja = value as string },
        "ratingperilaku" => s with { RatingPerilaku = value as string },
        "predikat" => s with { Predikat = value as string },
        _ => s,
    };
}
