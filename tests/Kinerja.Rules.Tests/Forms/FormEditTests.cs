using Kinerja.Core.Indicators;
using Kinerja.Rules.Compilation;
using Kinerja.Rules.Engine;
using Kinerja.Rules.Forms;
using Kinerja.Rules.Loading;
using Kinerja.Rules.Model;

namespace Kinerja.Rules.Tests.Forms;

/// <summary>Edits made in a form (a parameter field, table rows) reach the JSON, its evaluation and the form-level diff.</summary>
public class FormEditTests
{
    private static WorkflowSource Default(string workflow) =>
        RuleFileLoader.LoadFolder(RepoPaths.Rules).Workflows.Single(s => s.Name == workflow);

    private static CompiledRuleSet WithEdited(string json)
    {
        var (parsed, issues) = RuleFileLoader.Parse("edited", json);
        Assert.Empty(issues);
        var edited = Assert.Single(parsed);
        var all = RuleFileLoader.LoadFolder(RepoPaths.Rules).Workflows.Select(s => s.Name == edited.Name ? edited : s).ToList();
        return RuleSetCompiler.CompileOrThrow(all);
    }

    private static string Write(WorkflowForm form)
    {
        var (json, issues) = FormWriter.Write(form);
        Assert.True(issues.Count == 0, string.Join("; ", issues));
        return json!;
    }

    [Fact]
    public void Read_Rating_ThresholdIsALabelledNumberField()
    {
        var form = FormReader.Read(Default("rating").Json);
        var p = Assert.Single(form.Parameters, p => p.Name == "batasDiAtas");
        Assert.Equal("number", p.Kind);
        Assert.Equal("4.0", p.Value);
        Assert.Equal("Batas nilai Di Atas Ekspektasi", p.Label);
        Assert.Contains("1-5", p.Unit);
    }

    [Fact]
    public void Read_DefaultWorkflows_BandsAndMatrixAreTableRows()
    {
        var disiplin = FormReader.Read(Default("disiplin").Json);
        Assert.All(disiplin.Rows, r => Assert.True(r.Regular, r.Rule));
        var lisan = disiplin.Rows.Single(r => r.Rule == "teguran_lisan");
        Assert.Equal([new FormCondition("!pemberhentian", "", null), new FormCondition("snapshot.TksDaysYtd", "==", "3")], lisan.Conditions);
        Assert.Equal("expression", disiplin.Parameters.Single().Kind);

        var predikat = FormReader.Read(Default("predikat").Json);
        var baik = predikat.Rows.Single(r => r.Rule == "baik");
        Assert.True(baik.Regular);
        Assert.Equal("OrElse", baik.Operator);
        Assert.Equal(3, baik.Branches!.Count);
        Assert.Equal(new FormCondition("snapshot.RatingPerilaku", "==", "\"SESUAI_EKSPEKTASI\""), baik.Branches[1].Conditions[1]);
    }

    [Fact]
    public void Read_ArithmeticCondition_StaysAnIrregularJsonRow()
    {
        var form = FormReader.Read("""
            { "WorkflowName": "w", "Rules": [
              { "RuleName": "a", "SuccessEvent": "A", "Expression": "snapshot.TksDays + snapshot.TksDaysYtd > 3" },
              { "RuleName": "b", "SuccessEvent": "B", "Expression": "snapshot.TksDays > 3 && snapshot.TksDaysYtd > 1 || snapshot.TksLongestRun > 2" },
              { "RuleName": "c", "SuccessEvent": "C", "Expression": "(snapshot.TksDays > 3) || snapshot.TksLongestRun > 2" } ] }
            """);
        Assert.False(form.Rows[0].Regular);
        Assert.False(form.Rows[1].Regular);
        Assert.True(form.Rows[2].Regular);
        Assert.Equal("||", form.Rows[2].Join);
        Assert.Equal("snapshot.TksDays + snapshot.TksDaysYtd > 3", FormReader.Get(form.Rows[0].RuleJson!.Value, "Expression")!.Value.GetString());
    }

    [Fact]
    public void ParameterEdit_DiAtasThreshold42_ChangesTheRatingOfA41Average()
    {
        var source = Default("rating");
        var form = FormReader.Read(source.Json);
        var edited = form with { Parameters = form.Parameters.Select(p => p.Name == "batasDiAtas" ? p with { Value = "4,2" } : p).ToList() };
        var json = Write(edited);
        Assert.Contains("\"4.2\"", json);
        Assert.Contains("$params", json);
        var snapshot = new IndicatorSnapshot { HasilKerjaAvg = 4.1, BerAkhlakAvg = 4.5 };
        Assert.Equal("DI_ATAS_EKSPEKTASI", DefaultRules.Set.Evaluate(snapshot, ["rating"]).Values["ratingHasilKerja"]);
        Assert.Equal("SESUAI_EKSPEKTASI", WithEdited(json).Evaluate(snapshot, ["rating"]).Values["ratingHasilKerja"]);

        var diff = FormDiff.Compute(source.Json, json);
        var change = Assert.Single(diff.Parameters);
        Assert.Equal(("batasDiAtas", "Batas nilai Di Atas Ekspektasi", "4.0", "4.2"), (change.Name, change.Label, change.Before, change.After));
        Assert.Empty(diff.Rows);
    }

    [Fact]
    public void RowEdits_DisableReorderAddAndChangeABand_ReachTheEvaluation()
    {
        var source = Default("disiplin");
        var form = FormReader.Read(source.Json);
        var rows = form.Rows.ToList();
        var lisan = rows.Single(r => r.Rule == "teguran_lisan");
        var tertulis = rows.Single(r => r.Rule == "teguran_tertulis");
        rows.Remove(lisan);
        rows.Add(lisan with { Enabled = false });
        rows[rows.IndexOf(tertulis)] = tertulis with { Conditions = [tertulis.Conditions![0], new("snapshot.TksDaysYtd", ">=", "3"), tertulis.Conditions[2]] };
        rows.Add(new FormRow
        {
            Rule = "peringatan_dini", Regular = true, SuccessEvent = "PERINGATAN_DINI",
            Properties = new() { ["kind"] = "REMINDER", ["description"] = "2 hari TKS" },
            Conditions = [new("snapshot.TksDaysYtd", "==", "2")],
        });
        var json = Write(form with { Rows = rows });
        var set = WithEdited(json);
        Assert.Equal(new[] { "TEGURAN_TERTULIS" }, set.Evaluate(new IndicatorSnapshot { TksDaysYtd = 3 }, ["disiplin"]).Events);
        var two = set.Evaluate(new IndicatorSnapshot { TksDaysYtd = 2 }, ["disiplin"]);
        Assert.Equal(new[] { "PERINGATAN_DINI" }, two.Events);
        Assert.Equal("REMINDER", Assert.Single(two.Triggers).Kind);
        var reread = FormReader.Read(json);
        Assert.Equal("teguran_lisan", reread.Rows[^2].Rule);
        Assert.False(reread.Rows[^2].Enabled);

        var diff = FormDiff.Compute(source.Json, json);
        Assert.Contains(diff.Rows, c => c is { Rule: "teguran_lisan", Change: "disabled" });
        Assert.Contains(diff.Rows, c => c is { Rule: "peringatan_dini", Change: "added" });
        var changed = Assert.Single(diff.Rows, c => c.Rule == "teguran_tertulis");
        Assert.Equal("changed", changed.Change);
        Assert.Contains("snapshot.TksDaysYtd >= 3", changed.After);
    }

    [Fact]
    public void Write_BadInput_IndonesianMessagesAtTheFieldOrRow()
    {
        var form = FormReader.Read(Default("disiplin").Json);
        var rows = form.Rows.ToList();
        rows[1] = rows[1] with { Conditions = [new("snapshot.TksDaysYtd", "=>", "4")] };
        rows[2] = rows[2] with { Rule = rows[0].Rule };
        rows[3] = rows[3] with { Conditions = [new("snapshot.TksDaysYtd", ">=", "sebelas hari")] };
        var rating = FormReader.Read(Default("rating").Json);
        var (json, issues) = FormWriter.Write(form with { Rows = rows });
        Assert.Null(json);
        Assert.Contains(issues, i => i.Path == "rows[1].conditions[0].op" && i.Message.Contains("Baris 2, syarat 1: operator \"=>\" tidak dikenal"));
        Assert.Contains(issues, i => i.Path == "rows[2].rule" && i.Message.Contains("sudah dipakai di baris 1"));
        Assert.Contains(issues, i => i.Path == "rows[3].conditions[0].right" && i.Message.Contains("harus berupa angka"));

        var (ratingJson, ratingIssues) = FormWriter.Write(rating with
        {
            Parameters = rating.Parameters.Select(p => p.Name == "batasSesuai" ? p with { Value = "tiga" } : p).ToList(),
        });
        Assert.Null(ratingJson);
        var issue = Assert.Single(ratingIssues);
        Assert.Equal("parameters.batasSesuai", issue.Path);
        Assert.Equal("Parameter \"Batas nilai Sesuai Ekspektasi\": nilai \"tiga\" bukan angka (contoh: 4,2 atau 75).", issue.Message);
    }
}
