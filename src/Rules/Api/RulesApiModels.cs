using System.Text.Json;
using Kinerja.Rules.Loading;
using Kinerja.Rules.Model;
using Kinerja.Rules.Testing;

namespace Kinerja.Rules.Api;

/// <summary>
/// Candidate workflows in a request: <c>workflows</c> (workflow objects, standard RulesEngine JSON)
/// and/or <c>files</c> (file name → file text, as HR saves them).
/// </summary>
public record RulesCandidate
{
    public List<JsonElement>? Workflows { get; init; }
    public Dictionary<string, string>? Files { get; init; }

    internal (IReadOnlyList<WorkflowSource> Sources, IReadOnlyList<RuleIssue> Issues) Parse()
    {
        var sources = new List<WorkflowSource>();
        var issues = new List<RuleIssue>();
        var i = 0;
        foreach (var w in Workflows ?? [])
        {
            var (s, e) = RuleFileLoader.Parse($"request#{++i}", w.GetRawText());
            sources.AddRange(s);
            issues.AddRange(e);
        }
        foreach (var (name, text) in Files ?? [])
        {
            var (s, e) = RuleFileLoader.Parse(name, text);
            sources.AddRange(s);
            issues.AddRange(e);
        }
        if (sources.Count == 0 && issues.Count == 0)
        {
            issues.Add(new RuleIssue("request", null, null, "give \"workflows\" (workflow objects) or \"files\" (name → JSON text)"));
        }
        return (sources, issues);
    }
}

public sealed record PublishRequest : RulesCandidate
{
    public string Author { get; init; } = "";
    public string Note { get; init; } = "";

    /// <summary>The month the new versions take effect from (<c>YYYY-MM</c>); default the current month (<see cref="PublishMonth"/>).</summary>
    public string? EffectiveFrom { get; init; }

    /// <summary>HR confirms that a month before the current one is meant: its closed months are evaluated again.</summary>
    public bool ReevaluateClosedMonths { get; init; }
}

public sealed record RollbackRequest(string Workflow, int Version, string Author, string? Note);

/// <summary>
/// <c>POST /api/v1/rules/test</c>: evaluate a snapshot (<c>snapshot</c> or <c>unit</c>, optionally only
/// <c>workflow</c>) and/or run fixture files, against the active set or the candidate merged over it.
/// Without a snapshot or fixtures, runs the fixtures of the rules folder.
/// </summary>
public sealed record TestRequest : RulesCandidate
{
    public JsonElement? Snapshot { get; init; }
    public JsonElement? Unit { get; init; }
    public string? Workflow { get; init; }
    public List<RuleFixtureFile>? Fixtures { get; init; }
}

public sealed record BacktestRequest : RulesCandidate
{
    public string From { get; init; } = "";
    public string? To { get; init; }
    public int Limit { get; init; } = 100;
}

/// <summary>
/// <c>GET /api/v1/rules</c>: active versions, the last failed reload, the rules of the active versions disabled
/// because they went over an evaluation budget (<see cref="Safety.DisabledRule"/>), and every stored version.
/// </summary>
public sealed record RulesOverview(
    IReadOnlyDictionary<string, int> Active, DateTimeOffset? LoadedAt, string? LastError, IReadOnlyList<WorkflowVersions> Workflows)
{
    public IReadOnlyList<Safety.DisabledRule> DisabledRules { get; init; } = [];

    /// <summary>Which versions apply from which month (<see cref="Hosting.RuleSchedule"/>), oldest stretch first.</summary>
    public IReadOnlyList<ScheduleView> Schedule { get; init; } = [];
}

public sealed record WorkflowVersions(string Workflow, int? ActiveVersion, IReadOnlyList<VersionInfo> Versions);

public sealed record VersionInfo(int Version, string Author, DateTime CreatedAt, string Note, bool Active)
{
    /// <summary>The month this version was published to take effect from (<c>YYYY-MM</c>; <c>0001-01</c>: every month).</summary>
    public string? EffectiveFrom { get; init; }
}

/// <summary>A stretch of months of the schedule in force and the version of each workflow in it.</summary>
public sealed record ScheduleView(string From, IReadOnlyDictionary<string, int> Versions);

public sealed record VersionDetail(string Workflow, int Version, string Author, DateTime CreatedAt, string Note, bool Active,
    JsonElement Json, Store.WorkflowDiff DiffFromPrevious)
{
    /// <summary>The same change as HR reads it: parameters and table rows (<see cref="Forms.FormDiff"/>).</summary>
    public Forms.FormDiff? FormDiffFromPrevious { get; init; }

    /// <summary>The month this version was published to take effect from.</summary>
    public string? EffectiveFrom { get; init; }
}

public sealed record TestResponse(Engine.OutcomeView? Outcome, int Passed, IReadOnlyList<FixtureFailure> Failures);
