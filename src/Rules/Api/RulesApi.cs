using System.Text.Json;
using Kinerja.Core.Indicators;
using Kinerja.Rules.Backtest;
using Kinerja.Rules.Engine;
using Kinerja.Rules.Hosting;
using Kinerja.Rules.Model;
using Kinerja.Rules.Store;
using Kinerja.Rules.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Kinerja.Rules.Api;

/// <summary>
/// The HR rules console API and the trigger feed. The host maps each part in a group of its own and decides who may
/// use it (<c>src/Dashboard/Apis/RulesEndpoints.cs</c>): routes here are relative to that group.
/// </summary>
public static class RulesApi
{
    /// <summary>Reading the rules (relative to <c>/api/v1/rules</c>): the overview and one stored version.</summary>
    public static RouteGroupBuilder MapRulesReadEndpoints(this RouteGroupBuilder rules)
    {
        rules.MapGet("", GetOverview).WithTags("Rules").WithName("GetRules").WithSummary("Active versions and every stored version of each workflow");
        rules.MapGet("{workflow}/versions/{version:int}", GetVersion).WithTags("Rules").WithName("GetRuleVersion").WithSummary("One stored workflow version with its diff against the previous one");
        rules.MapGet("pending", RulesApprovalApi.GetPending).WithTags("Rules").WithName("GetPendingPublishes").WithSummary("Publishes waiting for a second approver (four-eyes)");
        rules.MapGet("{workflow}/form", RulesFormApi.GetForm).WithTags("Rules").WithName("GetRuleForm").WithSummary("A workflow as HR edits it: labelled parameters and decision-table rows");
        return rules;
    }

    /// <summary>Working on the rules (relative to <c>/api/v1/rules</c>): validate, test, publish, roll back, backtest.</summary>
    public static RouteGroupBuilder MapRulesChangeEndpoints(this RouteGroupBuilder rules)
    {
        rules.MapPost("validate", Validate).WithTags("Rules").WithName("ValidateRules").WithSummary("Validate candidate workflows together with the active set");
        rules.MapPost("test", Test).WithTags("Rules").WithName("TestRules").WithSummary("Evaluate a snapshot or run fixtures against the active or candidate set");
        rules.MapPost("publish", Publish).WithTags("Rules").WithName("PublishRules").WithSummary("Validate and publish candidate workflows as new versions");
        rules.MapPost("rollback", Rollback).WithTags("Rules").WithName("RollbackRules").WithSummary("Make an earlier version of a workflow active again");
        rules.MapPost("backtest", RunBacktest).WithTags("Rules").WithName("BacktestRules").WithSummary("Replay candidate workflows over stored history and diff against the active set");
        rules.MapPost("pending/{id:long}/approve", RulesApprovalApi.Approve).WithTags("Rules").WithName("ApprovePublish").WithSummary("Approve a waiting publish (another account than its author)");
        rules.MapPost("pending/{id:long}/reject", RulesApprovalApi.Reject).WithTags("Rules").WithName("RejectPublish").WithSummary("Reject a waiting publish");
        rules.MapPost("form", RulesFormApi.ReadForm).WithTags("Rules").WithName("ReadRuleForm").WithSummary("The form of a candidate workflow object (parameters and table rows)");
        rules.MapPost("form/json", RulesFormApi.ToJson).WithTags("Rules").WithName("RuleFormToJson").WithSummary("Turn an edited workflow form back into validated workflow JSON");
        return rules;
    }

    /// <summary>The trigger feed (relative to <c>/api/v1/triggers</c>).</summary>
    public static RouteGroupBuilder MapTriggerEndpoints(this RouteGroupBuilder triggers)
    {
        triggers.MapGet("", GetTriggers).WithTags("Rules").WithName("GetTriggers")
            .WithSummary("Recent triggers (filter by region, unit, nip, period, kind, code) with the rule that fired them");
        return triggers;
    }

    public static async Task<Ok<RulesOverview>> GetOverview(WorkflowStore store, ActiveRuleSet active, CancellationToken ct)
    {
        var rows = await store.ListAsync(ct);
        var workflows = rows.GroupBy(r => r.Workflow).Select(g => new WorkflowVersions(g.Key,
            g.FirstOrDefault(r => r.Active)?.Version,
            g.Select(r => new VersionInfo(r.Version, r.Author, r.CreatedAt, r.Note, r.Active) { EffectiveFrom = r.EffectiveFrom }).ToArray())).ToArray();
        return TypedResults.Ok(new RulesOverview(active.Current?.Versions ?? new Dictionary<string, int>(), active.LoadedAt,
            active.LastError, workflows)
        {
            DisabledRules = active.Current?.DisabledRules ?? [],
            Schedule = active.Schedule?.Segments.Select(s => new ScheduleView(s.From, s.Set.Versions)).ToArray() ?? [],
        });
    }

    public static async Task<Results<Ok<VersionDetail>, NotFound<ProblemDetails>>> GetVersion(string workflow, int version,
        WorkflowStore store, CancellationToken ct)
    {
        var row = await store.GetAsync(workflow, version, ct);
        if (row is null)
        {
            return TypedResults.NotFound(Problem(404, "Version not found", $"Workflow '{workflow}' has no version {version}."));
        }
        var previous = version > 1 ? await store.GetAsync(workflow, version - 1, ct) : null;
        using var doc = JsonDocument.Parse(row.Json);
        return TypedResults.Ok(new VersionDetail(row.Workflow, row.Version, row.Author, row.CreatedAt, row.Note, row.Active,
            doc.RootElement.Clone(), WorkflowDiff.Compute(previous?.Json, row.Json))
        {
            FormDiffFromPrevious = Forms.FormDiff.Compute(previous?.Json, row.Json),
            EffectiveFrom = row.EffectiveFrom,
        });
    }

    public static async Task<Results<Ok<ValidationReport>, ValidationProblem>> Validate(RulesCandidate body, RulesService rules,
        HttpContext http, CancellationToken ct)
    {
        var (sources, issues) = body.Parse();
        var report = await rules.ValidateAsync(sources, issues, Actor(http, null), ct);
        return report.Valid ? TypedResults.Ok(report) : Invalid(report.Issues);
    }

    public static Results<Ok<TestResponse>, ValidationProblem, BadRequest<ProblemDetails>> Test(TestRequest body, RulesService rules,
        ActiveRuleSet active, IOptions<RulesOptions> options)
    {
        CompiledRuleSet? set;
        if (body.Workflows is null && body.Files is null)
        {
            set = active.Current;
            if (set is null)
            {
                return TypedResults.BadRequest(Problem(400, "Rules not loaded", "No active rule set yet."));
            }
        }
        else
        {
            var (sources, loadIssues) = body.Parse();
            var (compiled, issues) = loadIssues.Count > 0 ? (null, loadIssues) : rules.CompileCandidate(sources);
            if (compiled is null)
            {
                return Invalid(issues);
            }
            set = compiled;
        }
        try
        {
            OutcomeView? outcome = null;
            var filter = body.Workflow is null ? null : new[] { body.Workflow };
            if (body.Unit is { } u)
            {
                outcome = OutcomeView.From(set.Evaluate(u.Deserialize<UnitSnapshot>(SnapshotJson.Options)!, filter));
            }
            else if (body.Snapshot is { } s)
            {
                outcome = OutcomeView.From(set.Evaluate(s.Deserialize<IndicatorSnapshot>(SnapshotJson.Options)!, filter));
            }
            var passed = 0;
            var failures = new List<FixtureFailure>();
            if (body.Fixtures is { } fixtures)
            {
                var i = 0;
                foreach (var f in fixtures)
                {
                    var (p, fl) = FixtureRunner.RunText(set, $"request#{++i}", JsonSerializer.Serialize(f, SnapshotJson.Output));
                    passed += p;
                    failures.AddRange(fl);
                }
            }
            else if (outcome is null)
            {
                var report = FixtureRunner.RunFiles(set, FixtureRunner.FindFixtures(options.Value.RulesPath));
                passed = report.Passed;
                failures.AddRange(report.Failures);
            }
            return TypedResults.Ok(new TestResponse(outcome, passed, failures));
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException)
        {
            return TypedResults.BadRequest(Problem(400, "Bad snapshot or workflow", ex.Message));
        }
    }

    public static async Task<Results<Ok<PublishReport>, Accepted<PendingPublish>, ValidationProblem>> Publish(PublishRequest body,
        RulesService rules, IOptions<RulesOptions> options, PendingPublishStore pending, TimeProvider time, HttpContext http, CancellationToken ct)
    {
        var (month, monthError) = PublishMonth.Resolve(body.EffectiveFrom, body.ReevaluateClosedMonths, time);
        if (month is null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["effectiveFrom"] = [monthError!] },
                title: "The rules do not validate");
        }
        var (sources, issues) = body.Parse();
        if (issues.Count > 0)
        {
            return Invalid(issues);
        }
        if (options.Value.RequireSecondApprover)
        {
            return await RulesApprovalApi.ProposeAsync(sources, Actor(http, body.Author), body.Note,
                body.EffectiveFrom is null ? null : month, body.ReevaluateClosedMonths, rules, pending, ct);
        }
        var report = await rules.PublishAsync(sources, Actor(http, body.Author), body.Note, ct, month);
        return report.Issues.Count > 0 ? Invalid(report.Issues) : TypedResults.Ok(await ReevaluateAsync(report, month, http, time, ct));
    }

    /// <summary>After a publish from a closed month: evaluates those months again (when this process reads indicators).</summary>
    internal static async Task<PublishReport> ReevaluateAsync(PublishReport report, string month, HttpContext http, TimeProvider time,
        CancellationToken ct)
    {
        var closed = PublishMonth.ClosedMonths(month, time);
        if (!report.Published || closed.Count == 0)
        {
            return report;
        }
        var done = await Live.ClosedMonthReevaluation.RunAsync(http.RequestServices, closed, ct);
        return report with { ReevaluatedMonths = done is null ? [] : closed };
    }

    public static async Task<Results<Ok<PublishReport>, NotFound<ProblemDetails>, ValidationProblem>> Rollback(RollbackRequest body,
        RulesService rules, WorkflowStore store, HttpContext http, CancellationToken ct)
    {
        if (await store.GetAsync(body.Workflow, body.Version, ct) is null)
        {
            return TypedResults.NotFound(Problem(404, "Version not found", $"Workflow '{body.Workflow}' has no version {body.Version}."));
        }
        var report = await rules.RollbackAsync(body.Workflow, body.Version, Actor(http, body.Author), body.Note ?? "", ct);
        return report.Published ? TypedResults.Ok(report) : Invalid(report.Issues);
    }

    public static async Task<Results<Ok<BacktestReport>, ValidationProblem, ProblemHttpResult>> RunBacktest(BacktestRequest body,
        Backtester backtester, TriggerQuery names, CancellationToken ct)
    {
        var (sources, issues) = body.Parse();
        if (issues.Count > 0)
        {
            return Invalid(issues);
        }
        IReadOnlyList<string> periods;
        try
        {
            periods = PeriodRange.Expand(body.From, body.To ?? body.From);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["from"] = [ex.Message] });
        }
        try
        {
            var (report, compileIssues) = await backtester.RunAsync(sources, periods, Math.Clamp(body.Limit, 0, 10_000), ct);
            if (report is null)
            {
                return Invalid(compileIssues);
            }
            // the backtest is HR-only (RulesAdmin): HR sees who gains or loses what by name
            var byNip = await names.EmployeeNamesAsync(report.Affected.Select(a => a.Subject).ToArray(), ct);
            return TypedResults.Ok(report with
            {
                Affected = report.Affected.Select(a => a with { Name = byNip.GetValueOrDefault(a.Subject) }).ToArray(),
            });
        }
        catch (InvalidOperationException ex)
        {
            return TypedResults.Problem(ex.Message, statusCode: StatusCodes.Status503ServiceUnavailable, title: "Backtest unavailable");
        }
    }

    public static async Task<Ok<IReadOnlyList<StoredTrigger>>> GetTriggers(TriggerQuery query, string? region, string? unit,
        string? nip, string? period, string? kind, string? code, int? limit, CancellationToken ct) =>
        TypedResults.Ok(await query.RecentAsync(new TriggerFilter(region, unit, nip, period, kind, code, limit ?? 100), ct));

    /// <summary>
    /// Issues as a validation problem: keys are "file / workflow / rule"; <c>messages</c> carries each issue as HR reads it
    /// (<see cref="IssueMessages"/>: Indonesian text, the rule or parameter it points at, the technical reason).
    /// </summary>
    internal static ValidationProblem Invalid(IReadOnlyList<RuleIssue> issues) =>
        TypedResults.ValidationProblem(
            issues.GroupBy(i => string.Join(" / ", new[] { i.File, i.Workflow, i.Rule }.Where(x => x is not null)))
                .ToDictionary(g => g.Key, g => g.Select(i => i.Reason).ToArray()),
            title: "The rules do not validate",
            extensions: new Dictionary<string, object?> { ["messages"] = issues.Select(IssueMessages.Describe).ToArray() });

    internal static ProblemDetails Problem(int status, string title, string detail) => new() { Status = status, Title = title, Detail = detail };

    /// <summary>The signed-in user when authentication is on, else the author given in the body.</summary>
    internal static string Actor(HttpContext http, string? author) =>
        http.User.Identity?.IsAuthenticated == true && http.User.Identity.Name is { } name ? name
        : string.IsNullOrWhiteSpace(author) ? "anonymous" : author;
}
