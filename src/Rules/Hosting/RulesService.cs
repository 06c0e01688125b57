using Kinerja.Rules.Compilation;
using Kinerja.Rules.Engine;
using Kinerja.Rules.Loading;
using Kinerja.Rules.Model;
using Kinerja.Rules.Safety;
using Kinerja.Rules.Store;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Kinerja.Rules.Hosting;

/// <summary>Result of a validation: the issues, empty when the candidate set is good.</summary>
public sealed record ValidationReport(bool Valid, IReadOnlyList<RuleIssue> Issues, IReadOnlyList<string> Workflows);

/// <summary>Result of a publish: the new versions, or the issues that stopped it.</summary>
public sealed record PublishReport(bool Published, IReadOnlyList<PublishedVersion> Versions, IReadOnlyList<RuleIssue> Issues)
{
    /// <summary>The month the new versions take effect from (null: every month).</summary>
    public string? EffectiveFrom { get; init; }

    /// <summary>Closed months evaluated again because the publish took effect from one of them.</summary>
    public IReadOnlyList<string> ReevaluatedMonths { get; init; } = [];
}

/// <summary>
/// The rules lifecycle in one process: validate candidates against the active set, publish (store new
/// versions, then build the complete new engine and swap it in), roll back, reload on notification, and
/// bootstrap an empty store from the rules folder. A candidate that fails validation or its trial
/// evaluation (<see cref="RuleSetTrial"/>) never replaces the active set, here or in any process reloading it.
/// </summary>
public sealed partial class RulesService(WorkflowStore store, ActiveRuleSet active, ILogger<RulesService> logger,
    IOptions<RulesOptions>? options = null)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly RuleLimits _limits = options?.Value.Limits ?? RuleLimits.Default;
    private readonly string? _rulesPath = options?.Value.RulesPath;

    /// <summary>
    /// Merges <paramref name="candidate"/> over the active workflows (same name replaces), compiles the result and
    /// trial-evaluates it.
    /// </summary>
    public (CompiledRuleSet? Set, IReadOnlyList<RuleIssue> Issues) CompileCandidate(IReadOnlyList<WorkflowSource> candidate)
    {
        var merged = Merge(active.Current?.Sources ?? [], candidate);
        return CompileAndTry(merged, active.Current?.Versions);
    }

    /// <summary>Compiles under this process's limits, then runs the trial; the set is null when either has issues.</summary>
    private (CompiledRuleSet? Set, IReadOnlyList<RuleIssue> Issues) CompileAndTry(IReadOnlyList<WorkflowSource> sources,
        IReadOnlyDictionary<string, int>? versions)
    {
        var (set, issues) = RuleSetCompiler.Compile(sources, versions, _limits);
        if (set is null)
        {
            return (null, issues);
        }
        var trial = RuleSetTrial.Run(set, _rulesPath);
        return trial.Count > 0 ? (null, trial) : (set, issues);
    }

    public async Task<ValidationReport> ValidateAsync(IReadOnlyList<WorkflowSource> candidate, IReadOnlyList<RuleIssue> loadIssues,
        string actor, CancellationToken ct)
    {
        var (set, issues) = loadIssues.Count > 0 ? (null, loadIssues) : CompileCandidate(candidate);
        await store.AuditAsync(actor, "rules.validate", string.Join(",", candidate.Select(c => c.Name)),
            new { valid = set is not null, issues = issues.Select(i => i.ToString()) }, ct);
        return new ValidationReport(set is not null, issues, candidate.Select(c => c.Name).ToArray());
    }

    /// <summary>
    /// Validates, stores the changed workflows as new versions applying from <paramref name="effectiveFrom"/>
    /// (<c>YYYY-MM</c>; null: every month, <see cref="RuleMonth.Always"/>, as the rules folder publishes) and swaps the
    /// new schedule in.
    /// </summary>
    public async Task<PublishReport> PublishAsync(IReadOnlyList<WorkflowSource> candidate, string author, string note, CancellationToken ct,
        string? effectiveFrom = null)
    {
        if (effectiveFrom is not null && !RuleMonth.IsMonth(effectiveFrom))
        {
            throw new ArgumentException($"effectiveFrom '{effectiveFrom}' is not a month (YYYY-MM).", nameof(effectiveFrom));
        }
        await _gate.WaitAsync(ct);
        try
        {
            var (set, issues) = CompileCandidate(candidate);
            if (set is null)
            {
                await store.AuditAsync(author, "rules.publish.rejected", string.Join(",", candidate.Select(c => c.Name)),
                    new { note, issues = issues.Select(i => i.ToString()) }, ct);
                return new PublishReport(false, [], issues);
            }
            var versions = await store.PublishAsync(candidate, author, note, ct, effectiveFrom);
            await ReloadLockedAsync(ct);
            logger.LogInformation("Published rules {Versions} by {Author}",
                string.Join(", ", versions.Select(v => $"{v.Workflow}@{v.Version}")), author);
            return new PublishReport(versions.Count > 0, versions, []) { EffectiveFrom = effectiveFrom };
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Makes an earlier version active again, after checking it compiles with the other active workflows.</summary>
    public async Task<PublishReport> RollbackAsync(string workflow, int version, string author, string note, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            var row = await store.GetAsync(workflow, version, ct);
            if (row is null)
            {
                return new PublishReport(false, [], [new RuleIssue($"db:{workflow}@{version}", workflow, null, "no such version")]);
            }
            var (sources, loadIssues) = RuleFileLoader.Parse($"db:{workflow}@{version}", row.Json);
            var (set, issues) = loadIssues.Count > 0 ? (null, loadIssues) : CompileCandidate(sources);
            if (set is null)
            {
                return new PublishReport(false, [], issues);
            }
            var previous = active.Current?.Versions.GetValueOrDefault(workflow);
            await store.RollbackAsync(workflow, version, author, note, ct);
            await ReloadLockedAsync(ct);
            logger.LogInformation("Rolled back rules {Workflow} to version {Version} by {Author}", workflow, version, author);
            return new PublishReport(true, [new PublishedVersion(workflow, version, previous, WorkflowDiff.Compute(
                active.Current?.Sources.FirstOrDefault(s => s.Name == workflow)?.Json, row.Json))], []);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Loads the active versions from the database and swaps them in (after a NOTIFY or at start).</summary>
    public async Task ReloadAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            await ReloadLockedAsync(ct);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>On first start with an empty store, publishes the folder's workflows as version 1; then loads the active set.</summary>
    public async Task BootstrapAsync(string rulesPath, string author, CancellationToken ct)
    {
        if (await store.IsEmptyAsync(ct))
        {
            var (sources, loadIssues) = RuleFileLoader.LoadFolder(rulesPath);
            var (set, issues) = loadIssues.Count > 0 ? (null, loadIssues) : CompileAndTry(sources, null);
            if (set is null)
            {
                throw new RuleValidationFailedException(issues);
            }
            await store.PublishAsync(sources, author, $"Aturan awal dari folder {rulesPath}", ct);
        }
        await ReloadAsync(ct);
    }

    /// <summary>
    /// Publishes the workflows of the saved <paramref name="files"/> (all files of the folder when null),
    /// validated together with the other active workflows; a failure is reported (log +
    /// <see cref="ActiveRuleSet.LastError"/>) and the active set stays. Only the saved files count, so a
    /// version published through the API is not overwritten by an older file nobody touched.
    /// </summary>
    public async Task<PublishReport> PublishFolderAsync(string rulesPath, string author, CancellationToken ct,
        IReadOnlyCollection<string>? files = null)
    {
        var (sources, loadIssues) = files is null ? RuleFileLoader.LoadFolder(rulesPath) : LoadFiles(rulesPath, files);
        if (loadIssues.Count > 0)
        {
            active.LastError = string.Join(Environment.NewLine, loadIssues);
            logger.LogError("Rules folder {Path} does not validate; the active rules stay: {Issues}", rulesPath, active.LastError);
            return new PublishReport(false, [], loadIssues);
        }
        var report = await PublishAsync(sources, author, $"Berkas aturan disimpan di {rulesPath}", ct);
        if (!report.Published && report.Issues.Count > 0)
        {
            active.LastError = string.Join(Environment.NewLine, report.Issues);
            logger.LogError("Rules folder {Path} does not validate; the active rules stay: {Issues}", rulesPath, active.LastError);
        }
        else if (report.Published)
        {
            active.LastError = null;
        }
        return report;
    }

    private static (IReadOnlyList<WorkflowSource>, IReadOnlyList<RuleIssue>) LoadFiles(string rulesPath, IReadOnlyCollection<string> files)
    {
        var sources = new List<WorkflowSource>();
        var issues = new List<RuleIssue>();
        foreach (var f in files.Where(File.Exists))
        {
            var (w, i) = RuleFileLoader.Parse(Path.GetRelativePath(rulesPath, f).Replace('\\', '/'), File.ReadAllText(f));
            sources.AddRange(w);
            issues.AddRange(i);
        }
        return (sources, issues);
    }

    /// <summary>The current workflows with the candidate ones replacing (by name) or added.</summary>
    public static List<WorkflowSource> Merge(IReadOnlyList<WorkflowSource> current, IReadOnlyList<WorkflowSource> candidate)
    {
        var names = candidate.Select(c => c.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return current.Where(c => !names.Contains(c.Name)).Concat(candidate).ToList();
    }
}
