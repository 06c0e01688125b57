using System.Text.RegularExpressions;
using Kinerja.Core.Indicators;
using Kinerja.Dashboard.FollowUp;
using Kinerja.Rules.Hosting;

namespace Kinerja.Dashboard.Reports;

/// <summary>A generated document with the rule versions and data time it is stamped with.</summary>
public sealed record GeneratedReport(ReportFile File, string RuleVersions, DateTimeOffset DataAsOf);

/// <summary>
/// Generates the document of a claimed job with the rule versions in force for its period (a publish effective from a
/// later month does not rewrite an earlier month's recap; a year reads December's, see <see cref="RuleSchedule.For"/>).
/// </summary>
public sealed partial class ReportGenerator(IIndicatorQueries indicators, ReportReads reads, FollowUpCounts followUps,
    ActiveRuleSet active, TimeProvider time)
{
    public bool RulesLoaded => active.Current is not null;

    public async Task<GeneratedReport> GenerateAsync(ReportJobRow job, Func<int, Task> progress, CancellationToken ct)
    {
        var rules = new RuleFigures(active.RequireSchedule().For(job.Period));
        var now = time.GetUtcNow();
        ReportFile file = job.Kind switch
        {
            ReportKinds.Tpp => new ReportFile($"rekap-tpp-{Clean(job.UnitId ?? job.RegionId!)}-{job.Period}.xlsx",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                TppRecapXlsx.Write(await TppRecap.BuildAsync(job, indicators, reads, rules, now, progress, ct))),
            ReportKinds.Evaluation => new ReportFile($"evaluasi-{job.Nip}-{job.Period}.pdf", "application/pdf",
                await EvaluationPdf.BuildAsync(job, indicators, reads, rules, now, progress, ct)),
            ReportKinds.Unit => new ReportFile($"laporan-unit-{Clean(job.UnitId!)}-{job.Period}.pdf", "application/pdf",
                await UnitReportPdf.BuildAsync(job, indicators, reads, followUps, rules, now, progress, ct)),
            _ => throw new InvalidOperationException($"Unknown report kind '{job.Kind}'."),
        };
        return new GeneratedReport(file, rules.VersionsJson, now);
    }

    /// <summary>An id as a file-name part: lower-case letters, digits, dot, dash and underscore only.</summary>
    private static string Clean(string id) => FileUnsafe().Replace(id.ToLowerInvariant(), "_");

    [GeneratedRegex("[^a-z0-9._-]")]
    private static partial Regex FileUnsafe();
}
