using Kinerja.Rules.Forms;
using Kinerja.Rules.Loading;
using Kinerja.Rules.Testing;

namespace Kinerja.Rules.Tests.Forms;

/// <summary>
/// The regional <c>tpp</c> variants in <c>rules/variants/</c> (issue 19, DOMAIN.md "Allowance deductions vary by region"):
/// the forms console opens each (labels, units and help on every parameter), its unedited form turns back into the same
/// workflow, and the set with the round-tripped variant passes the variant's fixtures; a folder load leaves them out, so
/// the default <c>tpp</c> stays until a region publishes its variant.
/// </summary>
public class VariantFormRoundTripTests
{
    private static string Variants => Path.Combine(RepoPaths.Rules, RuleFileLoader.VariantsFolder);

    public static TheoryData<string> VariantFiles()
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.EnumerateFiles(Variants, "*.json").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(f));
        }
        return data;
    }

    [Fact]
    public void Variants_TheThreeRegionalTppFilesExist()
    {
        Assert.Equal(["tpp-buleleng.json", "tpp-jembrana.json", "tpp-perbup-4persen.json"],
            Directory.EnumerateFiles(Variants, "*.json").Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(VariantFiles))]
    public void Variant_UneditedForm_ToJson_SameWorkflowAndPassesItsFixtures(string file)
    {
        var relative = RuleFileLoader.VariantsFolder + "/" + file;
        var (parsed, loadIssues) = RuleFileLoader.Parse(relative, File.ReadAllText(Path.Combine(Variants, file)));
        Assert.Empty(loadIssues);
        var source = Assert.Single(parsed);
        Assert.Equal("tpp", source.Name);
        var form = FormReader.Read(source.Json);
        foreach (var p in form.Parameters)
        {
            Assert.False(string.IsNullOrWhiteSpace(p.Label), $"{file}: {p.Name} has no $params label");
            Assert.False(string.IsNullOrWhiteSpace(p.Unit), $"{file}: {p.Name} has no $params unit");
            Assert.False(string.IsNullOrWhiteSpace(p.Help), $"{file}: {p.Name} has no $params help");
        }
        var (json, issues) = FormWriter.Write(form);
        Assert.True(issues.Count == 0, string.Join("; ", issues));
        Assert.Empty(FormDiff.Compute(source.Json, json!).Rows);
        Assert.Empty(FormDiff.Compute(source.Json, json!).Parameters);

        // the round-tripped text, written where the fixtures look for the variant, passes them
        var dir = Directory.CreateTempSubdirectory("kinerja-variant-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(dir, RuleFileLoader.VariantsFolder));
            File.WriteAllText(Path.Combine(dir, RuleFileLoader.VariantsFolder, file), json);
            var fixtures = FixturesOf(relative);
            Assert.NotEmpty(fixtures);
            var report = FixtureRunner.RunFiles(DefaultRules.Set, fixtures, dir);
            Assert.True(report.Ok, string.Join(Environment.NewLine, report.Failures));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void FolderLoad_LeavesVariantsOut_TheDefaultTppStays()
    {
        var (sources, issues) = RuleFileLoader.LoadFolder(RepoPaths.Rules);
        Assert.Empty(issues);
        Assert.DoesNotContain(sources, s => s.File.Contains("variants", StringComparison.Ordinal));
        Assert.Equal("tpp.json", Assert.Single(sources, s => s.Name == "tpp").File);
    }

    [Fact]
    public void VariantFixture_OnTheDefaultRules_WithoutItsVariant_Fails()
    {
        // the Jembrana apel deduction is not in the default tpp: the fixture's own rule file is what makes it pass
        var text = File.ReadAllText(Path.Combine(RepoPaths.Rules, "tests", "tpp_variant_jembrana.json"))
            .Replace("\"rules\": \"variants/tpp-jembrana.json\",", "", StringComparison.Ordinal);
        var (_, failures) = FixtureRunner.RunText(DefaultRules.Set, "jembrana-on-default", text, RepoPaths.Rules);
        Assert.Contains(failures, f => f.Test.Contains("apel", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("variants/tidak-ada.json", "does not exist")]
    [InlineData("../../etc/passwd", "outside the rules folder")]
    public void VariantFixture_BadRuleFile_FailsWithTheReason(string rules, string reason)
    {
        var text = $$"""{ "rules": "{{rules}}", "tests": [ { "name": "x", "workflow": "tpp", "values": { "tppPercent": 0 } } ] }""";
        var (passed, failures) = FixtureRunner.RunText(DefaultRules.Set, "bad.json", text, RepoPaths.Rules);
        Assert.Equal(0, passed);
        Assert.Contains(reason, Assert.Single(failures).Reason, StringComparison.Ordinal);
    }

    private static string[] FixturesOf(string relative) =>
        FixtureRunner.FindFixtures(RepoPaths.Rules)
            .Where(f => File.ReadAllText(f).Contains($"\"rules\": \"{relative}\"", StringComparison.Ordinal))
            .ToArray();
}
