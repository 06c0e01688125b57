using Kinerja.Rules.Compilation;
using Kinerja.Rules.Loading;
using Kinerja.Rules.Model;

namespace Kinerja.Rules.Tests;

/// <summary>
/// Compile errors and safety refusals, as the real compiler reports them, are shown to HR in Indonesian at the rule or
/// parameter, with the technical reason kept (issue 20, "validation messages in Indonesian pointing at the field or row").
/// </summary>
public class IssueMessageTests
{
    private static IssueMessage Single(string expression, string? param = null) => All(expression, param)[0];

    /// <summary>The error issues of a one-rule workflow compiled by the real compiler, as HR reads them (parameters first).</summary>
    private static IssueMessage[] All(string expression, string? param = null)
    {
        var globals = param is null ? "" : "\"GlobalParams\": [ { \"Name\": \"ambang\", \"Expression\": \"" + param + "\" } ],";
        var json = $$"""
            { "WorkflowName": "uji", {{globals}}
              "Rules": [ { "RuleName": "baris_satu", "SuccessEvent": "UJI", "Properties": { "kind": "REMINDER" },
                           "Expression": "{{expression}}" } ] }
            """;
        var (sources, loadIssues) = RuleFileLoader.Parse("uji.json", json);
        Assert.Empty(loadIssues);
        var (set, issues) = RuleSetCompiler.Compile(sources);
        Assert.Null(set);
        Assert.NotEmpty(issues);
        return issues.Where(i => i.IsError).Select(IssueMessages.Describe).ToArray();
    }

    [Fact]
    public void UnknownField_Indonesian_AtTheRow_TechnicalKept()
    {
        var m = Single("snapshot.TksHari >= 3");
        Assert.Equal(("unknown-field", "baris_satu", "uji"), (m.Kind, m.Rule, m.Workflow));
        Assert.StartsWith("Aturan \"baris_satu\": kolom data 'TksHari' tidak dikenal", m.Text);
        Assert.Contains("TksHari", m.Technical);
    }

    [Theory]
    [InlineData("snapshot.TksDaysYtd >= \\\"tiga\\\"")]
    [InlineData("snapshot.TksDaysYtd == snapshot.Nip")]
    public void TypeMismatch_NumberAgainstText_Indonesian(string expression)
    {
        var m = Single(expression);
        Assert.True(m.Kind == "type-mismatch", m.Technical);
        Assert.Contains("jenis nilai tidak cocok", m.Text);
        Assert.Contains("angka", m.Text);
        Assert.Contains("teks", m.Text);
    }

    [Fact]
    public void Syntax_UnbalancedBracket_Indonesian()
    {
        var m = Single("(snapshot.TksDaysYtd >= 3");
        Assert.True(m.Kind == "syntax", m.Technical);
        Assert.Contains("penulisan ekspresi tidak dapat dibaca", m.Text);
    }

    [Fact]
    public void ForbiddenMember_MachineClockOrReflection_Indonesian()
    {
        var m = Single("DateTime.Now.Year > 2000");
        Assert.True(m.Kind == "forbidden", m.Technical);
        Assert.Contains("tidak diizinkan", m.Text);
    }

    [Fact]
    public void ParameterField_IssueInGlobalParams_PointsAtTheParameter()
    {
        var m = All("ambang", "snapshot.TksHari >= 3")[0];
        Assert.Equal(("unknown-field", "ambang"), (m.Kind, m.Parameter));
        Assert.StartsWith("Parameter \"ambang\": kolom data 'TksHari' tidak dikenal", m.Text);
    }

    [Fact]
    public void Unclassified_FallsBackToGenericIndonesianWithTechnicalDetails()
    {
        var m = IssueMessages.Describe(new RuleIssue("f", "w", null, "workflow name is already used in g"));
        Assert.Equal(("other", "aturan tidak valid. Lihat rincian teknis."), (m.Kind, m.Text));
        Assert.Equal("workflow name is already used in g", m.Technical);
    }
}
