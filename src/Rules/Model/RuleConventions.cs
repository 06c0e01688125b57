namespace Kinerja.Rules.Model;

/// <summary>
/// How a standard RulesEngine rule tells Kinerja what it means (see <c>rules/README.md</c>).
/// Everything lives in fields RulesEngine already has, so a file stays plain RulesEngine JSON:
/// <list type="bullet">
/// <item><c>SuccessEvent</c>: the event (trigger code or level) the rule yields when it succeeds; several rules
/// may share one (a trigger is identified by its rule).</item>
/// <item><c>Properties.kind</c>: <c>REWARD</c>, <c>COACHING</c>, <c>SANCTION</c>, <c>CALIBRATION</c> or
/// <c>REMINDER</c>; a top-level rule with a kind stores a trigger whose code is its <c>SuccessEvent</c>.</item>
/// <item><c>Properties.sets</c>: the name of a value the rule assigns when it succeeds
/// (<c>ratingHasilKerja</c>, <c>ratingPerilaku</c>, <c>predikat</c>, <c>tppPercent</c>, ...). The value is the
/// output of the <c>Actions.OnSuccess</c> action when present (an <c>OutputExpression</c>'s value, or the output
/// of the rule an <c>EvaluateRule</c> names), else the <c>SuccessEvent</c>.
/// The first succeeding rule of a workflow wins for a value; a value that names a snapshot property is
/// written into the snapshot the later workflows read (the chain rating → predikat → the rest).</item>
/// <item><c>Properties.action</c>, <c>Properties.actor</c>, <c>Properties.description</c>: free text for HR
/// and the explanation of a trigger (what to do, who must act). A trigger whose rule names an actor becomes a
/// follow-up item assigned to that actor, due in <c>Properties.dueDays</c> days (default per kind).</item>
/// </list>
/// </summary>
public static class RuleConventions
{
    public const string Kind = "kind";
    public const string Sets = "sets";
    public const string Action = "action";
    public const string Actor = "actor";
    public const string Description = "description";
    /// <summary>Days the follow-up item of the rule's trigger is due in (a whole number 1..<see cref="MaxDueDays"/>).</summary>
    public const string DueDays = "dueDays";
    public const int MaxDueDays = 366;

    /// <summary>Parameter name of the employee snapshot in expressions (<c>snapshot.TksDaysYtd</c>).</summary>
    public const string SnapshotParameter = "snapshot";

    /// <summary>Parameter name of the unit snapshot in expressions (<c>unit.SangatBaikPct</c>).</summary>
    public const string UnitParameter = "unit";

    public const string OutputExpressionAction = "OutputExpression";
    public const string EvaluateRuleAction = "EvaluateRule";

    /// <summary>Whether an action's <c>Name</c> is <paramref name="action"/>: RulesEngine looks actions up case-insensitively.</summary>
    public static bool IsAction(string? name, string action) => string.Equals(name, action, StringComparison.OrdinalIgnoreCase);
}
