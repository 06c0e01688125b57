using Kinerja.Core.Indicators;
using Kinerja.Rules.Compilation;
using Kinerja.Rules.Engine;
using Kinerja.Rules.Model;
using RulesEngine.Models;

namespace Kinerja.Rules.Reference;

/// <summary>
/// The plain way: Microsoft RulesEngine's <c>ExecuteAllRulesAsync</c> per workflow per snapshot,
/// following the same chain and conventions as <see cref="CompiledRuleSet"/>. Used as the reference
/// the compiled engine is tested against, and as baseline (a) of the benchmark.
/// </summary>
public sealed class RulesEngineRunner
{
    private readonly RulesEngine.RulesEngine _engine;
    private readonly CompiledRuleSet _set;

    public RulesEngineRunner(IReadOnlyList<WorkflowSource> sources, CompiledRuleSet set)
    {
        // fresh model objects: RulesEngine may mutate workflows (WorkflowsToInject)
        var workflows = sources.Select(s => RulesEngineJson.Clone(s.Workflow)).ToArray();
        _engine = new RulesEngine.RulesEngine(workflows, ParserHost.Settings());
        _set = set;
    }

    /// <summary>Events and values for one employee snapshot through the chain.</summary>
    public async ValueTask<(List<string> Events, Dictionary<string, object?> Values, List<string> Errors)> EvaluateAsync(IndicatorSnapshot snapshot)
    {
        var events = new List<string>();
        var values = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        var errors = new List<string>();
        var current = snapshot;
        foreach (var wf in _set.EmployeeChain)
        {
            var results = await _engine.ExecuteAllRulesAsync(wf.Name, new RuleParameter(RuleConventions.SnapshotParameter, current));
            var setHere = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var r in results)
            {
                if (!string.IsNullOrEmpty(r.ExceptionMessage) && !r.IsSuccess && r.Rule.ErrorMessage is null)
                {
                    errors.Add($"{wf.Name}/{r.Rule.RuleName}: {r.ExceptionMessage}");
                }
                if (!r.IsSuccess)
                {
                    continue;
                }
                var ev = string.IsNullOrWhiteSpace(r.Rule.SuccessEvent) ? r.Rule.RuleName : r.Rule.SuccessEvent;
                events.Add(ev);
                var sets = r.Rule.Properties is { } p ? WorkflowCompiler.Prop(p, RuleConventions.Sets) : null;
                if (sets is not null && setHere.Add(sets))
                {
                    var value = r.Rule.Actions?.OnSuccess?.Name == RuleConventions.OutputExpressionAction ? r.ActionResult?.Output : ev;
                    values[sets] = value;
                    current = Apply(current, sets, value);
                }
            }
        }
        return (events, values, errors);
    }

    private static IndicatorSnapshot Apply(IndicatorSnapshot s, string name, object? value) => name.ToLowerInvariant() switch
    {
        "ratinghasilkerja" => s with { RatingHasilKerja = value as string },
        "ratingperilaku" => s with { RatingPerilaku = value as string },
        "predikat" => s with { Predikat = value as string },
        _ => s,
    };
}
