using System.Text.Json;
using Kinerja.Core.Indicators;
using Kinerja.Rules.Engine;

namespace Kinerja.Dashboard.Reports;

/// <summary>
/// The figures the active rule set computes for a snapshot (the same evaluation as <c>POST /api/v1/rules/test</c>), with
/// the rule file and version that set each output, so a document says which rule version computed each figure.
/// </summary>
public sealed class RuleFigures(CompiledRuleSet set)
{
    /// <summary>Every workflow's active version, as stored on the job (<c>{"tpp":3,"predikat":2,...}</c>).</summary>
    public string VersionsJson => JsonSerializer.Serialize(set.Versions.OrderBy(v => v.Key).ToDictionary(v => v.Key, v => v.Value));

    /// <summary>The same versions as one line for a document's stamp.</summary>
    public string VersionsText => string.Join(", ", set.Versions.OrderBy(v => v.Key).Select(v => $"{v.Key} v{v.Value}"));

    public EvaluationOutcome Evaluate(IndicatorSnapshot snapshot) => set.Evaluate(snapshot);

    /// <summary>
    /// "tpp v3": the workflow (the rule file <c>rules/tpp.json</c>) and stored version of the last rule that fired and
    /// sets <paramref name="output"/>, or "" when none did. The version names the text exactly (<c>GET
    /// /api/v1/rules/{workflow}/versions/{version}</c>), wherever the set was loaded from.
    /// </summary>
    public string SourceOf(EvaluationOutcome outcome, string output)
    {
        for (var i = outcome.Fired.Count - 1; i >= 0; i--)
        {
            var fired = outcome.Fired[i];
            if (set.Workflows.TryGetValue(fired.Workflow, out var workflow)
                && workflow.Rules.Any(r => r.Name == fired.Rule && r.Sets == output))
            {
                return $"{workflow.Name} v{workflow.Version}";
            }
        }
        return "";
    }
}
