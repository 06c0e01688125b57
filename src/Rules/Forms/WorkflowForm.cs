using System.Text.Json;

namespace Kinerja.Rules.Forms;

/// <summary>
/// The HR view of one workflow (<c>GET /api/v1/rules/{workflow}/form</c>): its <c>GlobalParams</c> as labelled fields
/// and its rules as rows of a decision table. <see cref="Json"/> is the workflow the form was read from; turning the
/// form back into JSON (<see cref="FormWriter"/>) starts from it, so everything the form does not show is kept.
/// </summary>
public sealed record WorkflowForm(string Workflow, IReadOnlyList<FormParameter> Parameters, IReadOnlyList<FormRow> Rows, JsonElement Json)
{
    /// <summary>Stored version the form was read from (null for a file or an edited candidate).</summary>
    public int? Version { get; init; }
}

/// <summary>
/// One <c>GlobalParams</c> entry. <see cref="Kind"/> is <c>number</c>, <c>text</c> or <c>bool</c> for a constant (the
/// field HR edits, <see cref="Value"/> without quotes) and <c>expression</c> for a computed parameter (edited as
/// <see cref="Expression"/>). Label, unit and help come from the workflow's <c>$params</c> metadata.
/// </summary>
public sealed record FormParameter(string Name, string Kind, string? Value, string Expression, string? Label, string? Unit, string? Help);

/// <summary>
/// One top-level rule. A <see cref="Regular"/> row is a table row: <see cref="Conditions"/> joined by
/// <see cref="Join"/> (<c>&amp;&amp;</c> or <c>||</c>), or <see cref="Branches"/> under <see cref="Operator"/> for a rule
/// made of nested rules; an irregular row is edited as <see cref="RuleJson"/>. <see cref="Source"/> names the stored
/// rule the row came from (null for a new row) so fields the table does not show are kept.
/// </summary>
public sealed record FormRow
{
    public string Rule { get; init; } = "";
    public string? Source { get; init; }
    public bool Enabled { get; init; } = true;
    public bool Regular { get; init; }
    public string? SuccessEvent { get; init; }
    /// <summary>String values of the rule's <c>Properties</c> (<c>kind</c>, <c>sets</c>, <c>description</c>, ...).</summary>
    public Dictionary<string, string>? Properties { get; init; }
    /// <summary>The <c>OutputExpression</c> of <c>Actions.OnSuccess</c>, when the rule has one.</summary>
    public string? Output { get; init; }
    public string Join { get; init; } = "&&";
    public List<FormCondition>? Conditions { get; init; }
    public string? Operator { get; init; }
    public List<FormBranch>? Branches { get; init; }
    /// <summary>The whole rule as JSON, for an irregular row (and for reference on a regular one).</summary>
    public JsonElement? RuleJson { get; init; }
}

/// <summary>A nested rule of a regular row: its name and conditions.</summary>
public sealed record FormBranch
{
    public string Rule { get; init; } = "";
    public string Join { get; init; } = "&&";
    public List<FormCondition> Conditions { get; init; } = [];
}

/// <summary>
/// <c>Left Op Right</c>, e.g. <c>snapshot.TksDaysYtd</c> <c>&gt;=</c> <c>4</c>. A bare boolean (a parameter, its negation
/// <c>!name</c>, <c>true</c>) has an empty <see cref="Op"/> and no <see cref="Right"/>.
/// </summary>
public sealed record FormCondition(string Left, string Op, string? Right);

/// <summary>A form problem in Indonesian, with the path of the field or row it is about (<c>parameters.batasDiAtas</c>, <c>rows[2].conditions[0]</c>).</summary>
public sealed record FormIssue(string Path, string Message);
