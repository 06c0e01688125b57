using System.ComponentModel.DataAnnotations;

namespace Kinerja.Rules.Hosting;

/// <summary>Rules settings, bound from <c>Kinerja:Rules*</c>: <c>Kinerja:RulesPath</c> and the <c>Kinerja:Rules</c> section.</summary>
public sealed class RulesOptions
{
    /// <summary>Folder of the workflow JSON files (<c>Kinerja:RulesPath</c>, default <c>rules</c>); <c>tests/</c> under it holds fixtures.</summary>
    [Required]
    public string RulesPath { get; set; } = "rules";

    /// <summary>Publish a saved file in the rules folder when it validates (<c>Kinerja:Rules:WatchFolder</c>).</summary>
    public bool WatchFolder { get; set; } = true;

    /// <summary>Quiet time after the last file change before the folder is re-read (<c>Kinerja:Rules:WatchDebounceMs</c>).</summary>
    [Range(50, 60_000)]
    public int WatchDebounceMs { get; set; } = 500;

    /// <summary>Author recorded for publishes made by the folder watcher and the first start.</summary>
    [Required]
    public string FileAuthor { get; set; } = "rules-folder";

    /// <summary>
    /// Four-eyes publishing (<c>Kinerja:Rules:RequireSecondApprover</c>, default false): a publish through the API waits in
    /// <c>workflow_pending</c> until another HR/admin account approves it. Saving a file in the rules folder still publishes.
    /// </summary>
    public bool RequireSecondApprover { get; set; }

    /// <summary>Size limits checked before parsing and evaluation budgets (<c>Kinerja:Rules:Limits</c>; see <c>rules/README.md</c>).</summary>
    public Safety.RuleLimits Limits { get; set; } = new();
}
