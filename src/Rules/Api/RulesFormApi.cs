using System.Text.Json;
using Kinerja.Rules.Forms;
using Kinerja.Rules.Hosting;
using Kinerja.Rules.Loading;
using Kinerja.Rules.Store;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Kinerja.Rules.Api;

/// <summary>
/// The HR form of a workflow (<see cref="WorkflowForm"/>): read it from the active or a stored version, and turn an
/// edited form back into the workflow JSON that <c>validate</c>, <c>backtest</c> and <c>publish</c> take.
/// </summary>
public static class RulesFormApi
{
    /// <summary><c>GET /api/v1/rules/{workflow}/form[?version=n]</c>: the active version's form, or a stored version's.</summary>
    public static async Task<Results<Ok<WorkflowForm>, NotFound<ProblemDetails>>> GetForm(string workflow, int? version,
        WorkflowStore store, ActiveRuleSet active, CancellationToken ct)
    {
        string? json;
        int? at;
        if (version is { } v)
        {
            var row = await store.GetAsync(workflow, v, ct);
            (json, at) = (row?.Json, row?.Version);
        }
        else
        {
            var source = active.Current?.Sources.FirstOrDefault(s => string.Equals(s.Name, workflow, StringComparison.OrdinalIgnoreCase));
            json = source?.Json;
            at = source is null ? null : active.Current!.Versions.GetValueOrDefault(source.Name);
        }
        if (json is null)
        {
            return TypedResults.NotFound(new ProblemDetails
            {
                Status = 404, Title = "Workflow not found",
                Detail = version is null ? $"No active workflow '{workflow}'." : $"Workflow '{workflow}' has no version {version}.",
            });
        }
        return TypedResults.Ok(FormReader.Read(json) with { Version = at });
    }

    /// <summary><c>POST /api/v1/rules/form</c>: the form of a candidate workflow object (the JSON being edited).</summary>
    public static Results<Ok<WorkflowForm>, ValidationProblem> ReadForm(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            return Invalid([new FormIssue("json", "Kirim satu objek workflow (JSON RulesEngine), bukan daftar atau nilai lain.")]);
        }
        return TypedResults.Ok(FormReader.Read(body.GetRawText()));
    }

    /// <summary>
    /// <c>POST /api/v1/rules/form/json</c>: the edited form as workflow JSON, validated with the active set. Problems
    /// are a validation problem keyed by the form path (<c>parameters.batasDiAtas</c>, <c>rows[2]</c>), in Indonesian.
    /// </summary>
    public static Results<Ok<FormJson>, ValidationProblem> ToJson(WorkflowForm body, RulesService rules)
    {
        var (json, issues) = FormWriter.Write(body);
        if (json is null)
        {
            return Invalid(issues);
        }
        var (sources, loadIssues) = RuleFileLoader.Parse("form", json);
        var (set, compileIssues) = loadIssues.Count > 0 ? (null, loadIssues) : rules.CompileCandidate(sources);
        if (set is null)
        {
            return Invalid(compileIssues.Select(i => Locate(body, i.Rule, i.Reason)).ToList());
        }
        using var doc = JsonDocument.Parse(json);
        return TypedResults.Ok(new FormJson(doc.RootElement.Clone()));
    }

    /// <summary>A compiler issue at the row of its rule (nested rules point at their parent row).</summary>
    private static FormIssue Locate(WorkflowForm form, string? rule, string reason)
    {
        for (var i = 0; i < form.Rows.Count; i++)
        {
            var row = form.Rows[i];
            if (rule is not null && (row.Rule == rule || row.Branches?.Any(b => b.Rule == rule) == true))
            {
                return new FormIssue($"rows[{i}]", $"Baris {i + 1} ({row.Rule}) tidak lolos validasi: {reason}");
            }
        }
        return new FormIssue(rule is null ? "workflow" : $"rule.{rule}", $"Workflow tidak lolos validasi: {reason}");
    }

    private static ValidationProblem Invalid(IReadOnlyList<FormIssue> issues) =>
        TypedResults.ValidationProblem(issues.GroupBy(i => i.Path).ToDictionary(g => g.Key, g => g.Select(i => i.Message).ToArray()),
            title: "Formulir aturan belum benar");
}

/// <summary>The workflow JSON an edited form turned into (valid together with the active set).</summary>
public sealed record FormJson(JsonElement Json);
