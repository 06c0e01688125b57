namespace Kinerja.Rules.Store;

/// <summary>
/// One stored version of a workflow (<c>workflow_version</c>); <paramref name="EffectiveFrom"/> is the month it was
/// published to take effect from (its first <c>workflow_schedule</c> entry; null for a version never scheduled).
/// </summary>
public sealed record WorkflowVersionRow(
    string Workflow, int Version, string Json, string Author, DateTime CreatedAt, string Note, bool Active, string? EffectiveFrom);

/// <summary>What a publish changed: workflow → new version, with the rule diff against the previous version.</summary>
public sealed record PublishedVersion(string Workflow, int Version, int? PreviousVersion, WorkflowDiff Diff);
