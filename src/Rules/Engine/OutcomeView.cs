namespace Kinerja.Rules.Engine;

/// <summary>The JSON shape of an evaluation (CLI <c>eval</c>, <c>POST /api/v1/rules/test</c>).</summary>
public sealed record OutcomeView(
    string Subject,
    string Period,
    IReadOnlyList<FiredRule> Events,
    IReadOnlyList<Trigger> Triggers,
    IReadOnlyDictionary<string, object?> Values,
    IReadOnlyList<RuleError> Errors)
{
    public static OutcomeView From(EvaluationOutcome o) =>
        new(o.Subject, o.Period, o.Fired, o.Triggers, o.Values.ToDictionary(kv => kv.Key, kv => kv.Value), o.Errors);
}
