using System.Text.Json;

namespace Kinerja.Rules.Tests.Safety;

/// <summary>
/// One workflow file per class of hostile input from issue 21, with the limit its error must name. Each of
/// them killed, hung or blew up a process before the limits and budgets existed.
/// </summary>
internal static class HostileRules
{
    public static readonly string[] Names =
    [
        "nested_parentheses_5kb", "nested_parentheses_under_length_limit", "repeated_not_10k", "repeated_not_under_length_limit",
        "string_constructor_1e9", "replace_doubling", "nested_count_over_string_field", "deep_nested_rules", "too_many_rules",
    ];

    /// <summary>The file text and the setting its error must name (a regular expression: alternatives where either limit may trip first).</summary>
    public static (string Json, string Limit) Get(string name) => name switch
    {
        "nested_parentheses_5kb" => (One(new string('(', 2500) + "snapshot.TksDays > 0" + new string(')', 2500)), "MaxExpressionLength"),
        "nested_parentheses_under_length_limit" => (One(new string('(', 2000) + "snapshot.TksDays > 0" + new string(')', 2000)), "MaxNestingDepth"),
        "repeated_not_10k" => (One(new string('!', 10_000) + "(snapshot.TksDays > 0)"), "MaxExpressionLength"),
        "repeated_not_under_length_limit" => (One(new string('!', 4_000) + "(snapshot.TksDays > 0)"), "MaxUnaryRun"),
        "string_constructor_1e9" => (One("string('x', 1000000000).Length > snapshot.TksDays"), "MaxStringLength"),
        "replace_doubling" => (One("(\"x\" + snapshot.Nip)" + string.Concat(Enumerable.Repeat(".Replace(\"x\", \"xx\")", 40)) + ".Length > 0"),
            "MaxStringLength"),
        "nested_count_over_string_field" => (One(
            "snapshot.Nip.Count(a => snapshot.Nip.Count(b => snapshot.Nip.Count(c => snapshot.Nip.Count(d => "
            + "snapshot.Nip.Count(e => snapshot.Nip.Count(f => f == e) > 0) > 0) > 0) > 0) > 0) > 0"),
            // each count allocates an enumerator while it burns time: whichever snapshot budget this machine reaches first
            "SnapshotTimeBudgetMs|SnapshotAllocationBudgetBytes"),
        "deep_nested_rules" => (Workflow([Nested(25)]), "MaxNestedRuleDepth"),
        "too_many_rules" => (Workflow(Enumerable.Range(0, 1_100).Select(i => (object)new
        {
            RuleName = $"r{i}",
            SuccessEvent = $"E{i}",
            Expression = "snapshot.TksDays > 0",
        }).ToArray()), "MaxRulesPerWorkflow"),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    private static string One(string expression) =>
        Workflow([new { RuleName = "jahat", SuccessEvent = "JAHAT", Expression = expression }]);

    private static string Workflow(object[] rules) =>
        JsonSerializer.Serialize(new { WorkflowName = "jahat", Rules = rules });

    private static object Nested(int depth)
    {
        object rule = new { RuleName = "daun", Expression = "snapshot.TksDays > 0" };
        for (var i = 0; i < depth; i++)
        {
            rule = new { RuleName = $"tingkat{i}", Operator = "And", Rules = new[] { rule } };
        }
        return new { RuleName = "akar", SuccessEvent = "JAHAT", Operator = "And", Rules = new[] { rule } };
    }
}
