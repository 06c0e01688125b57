namespace Kinerja.Rules.Engine;

/// <summary>
/// The fields of a <see cref="Trigger"/> that come from its rule, not from the subject: the same for every trigger one
/// compiled rule gives in one workflow version, so those triggers share one instance (a record: triggers still compare
/// field by field).
/// </summary>
internal sealed record TriggerRule(string Kind, string Code, string Workflow, int Version, string Rule,
    string? Action, string? Actor, int? DueDays, string? Description)
{
    /// <summary>Before an object initializer sets the fields.</summary>
    public static readonly TriggerRule Unset = new("", "", "", 0, "", null, null, null, null);
}
