using System.Text.Json;
using Kinerja.Rules.Cli;

namespace Kinerja.Rules.Tests;

/// <summary>The rules CLI verbs against temp folders (no database, no server).</summary>
public sealed class CliTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("kinerja-rules-cli-").FullName;

    private string _dir => Path.Combine(_root, "rules");

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        var (o, e) = (new StringWriter(), new StringWriter());
        var code = await RulesCli.RunAsync(args, o, e);
        return (code, o.ToString(), e.ToString());
    }

    private void CopyDefaults()
    {
        foreach (var f in Directory.EnumerateFiles(RepoPaths.Rules, "*.json", SearchOption.AllDirectories))
        {
            var target = Path.Combine(_dir, Path.GetRelativePath(RepoPaths.Rules, f));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(f, target);
        }
    }

    [Fact]
    public async Task Validate_DefaultRules_ExitZero()
    {
        CopyDefaults();
        var (code, stdout, _) = await Run("rules", "validate", _dir);
        Assert.Equal(0, code);
        Assert.Contains("7 workflows", stdout);
    }

    [Fact]
    public async Task Validate_BrokenFile_ExitOneAndNamesFileAndRule()
    {
        CopyDefaults();
        File.WriteAllText(Path.Combine(_dir, "disiplin.json"),
            File.ReadAllText(Path.Combine(_dir, "disiplin.json")).Replace("snapshot.TksDaysYtd == 3", "snapshot.TksDaysYtd == snapshot.Nip"));
        var (code, _, stderr) = await Run("validate", _dir);
        Assert.Equal(1, code);
        Assert.Contains("disiplin.json: workflow 'disiplin', rule 'teguran_lisan'", stderr);
    }

    [Fact]
    public async Task Test_DefaultFixtures_ExitZero()
    {
        CopyDefaults();
        var (code, stdout, stderr) = await Run("test", _dir);
        Assert.True(code == 0, stderr);
        Assert.Contains("0 failed", stdout);
    }

    [Fact]
    public async Task Test_RuleChangedAgainstFixture_ExitOneAndNamesTheCase()
    {
        CopyDefaults();
        // HR moves the verbal-warning band: the PP 94/2021 fixture must catch it
        File.WriteAllText(Path.Combine(_dir, "disiplin.json"),
            File.ReadAllText(Path.Combine(_dir, "disiplin.json")).Replace("snapshot.TksDaysYtd == 3", "snapshot.TksDaysYtd == 2"));
        var (code, _, stderr) = await Run("test", _dir);
        Assert.Equal(1, code);
        Assert.Contains("FAIL disiplin_pp94_every_band.json: DOMAIN.md PP 94/2021 row 3 TKS days", stderr);
    }

    [Fact]
    public async Task Eval_Predikat_PrintsEventsAsJson()
    {
        CopyDefaults();
        var snap = Path.Combine(_root, "s.json");
        File.WriteAllText(snap, """{ "nip": "198501012010011001", "ratingHasilKerja": "SESUAI_EKSPEKTASI", "ratingPerilaku": "DI_BAWAH_EKSPEKTASI" }""");
        var (code, stdout, stderr) = await Run("eval", "predikat", snap, "--rules", _dir);
        Assert.True(code == 0, stderr);
        using var doc = JsonDocument.Parse(stdout);
        Assert.Equal("KURANG_MISCONDUCT", doc.RootElement.GetProperty("events")[0].GetProperty("event").GetString());
        Assert.Equal("KURANG_MISCONDUCT", doc.RootElement.GetProperty("values").GetProperty("predikat").GetString());
    }

    [Fact]
    public async Task Eval_UnitWorkflow_ReadsUnitSnapshotAndPrintsTriggers()
    {
        CopyDefaults();
        var snap = Path.Combine(_root, "u.json");
        File.WriteAllText(snap, """{ "unitId": "dinkes", "period": "2026-10", "unitPredikat": "ISTIMEWA", "ratedCount": 10, "sangatBaikCount": 9, "sangatBaikPct": 90 }""");
        var (code, stdout, stderr) = await Run("eval", "distribusi", snap, "--rules", _dir);
        Assert.True(code == 0, stderr);
        using var doc = JsonDocument.Parse(stdout);
        var t = doc.RootElement.GetProperty("triggers")[0];
        Assert.Equal("CALIBRATION", t.GetProperty("kind").GetString());
        Assert.Equal(90, t.GetProperty("inputs").GetProperty("sangatBaikPct").GetDouble());
    }

    [Fact]
    public async Task Eval_SnapshotWithUnknownField_ExitTwo()
    {
        CopyDefaults();
        var snap = Path.Combine(_root, "s.json");
        File.WriteAllText(snap, """{ "tksHari": 3 }""");
        var (code, _, stderr) = await Run("eval", "disiplin", snap, "--rules", _dir);
        Assert.Equal(RulesCli.UsageError, code);
        Assert.Contains("tksHari", stderr);
    }

    [Fact]
    public async Task Validate_MissingFolder_ExitTwoAndNamesIt()
    {
        var (code, stdout, stderr) = await Run("rules", "validate", Path.Combine(_root, "nowhere"));
        Assert.Equal(RulesCli.UsageError, code);
        Assert.Contains("nowhere", stderr);
        Assert.Equal("", stdout);
    }

    [Fact]
    public async Task NoVerb_PrintsUsageToStderr_ExitTwo()
    {
        var (code, stdout, stderr) = await Run("rules");
        Assert.Equal(RulesCli.UsageError, code);
        Assert.Contains("usage:", stderr);
        Assert.Equal("", stdout);
    }

    [Fact]
    public async Task UnknownVerb_ExitTwo()
    {
        var (code, _, stderr) = await Run("rules", "frobnicate");
        Assert.Equal(RulesCli.UsageError, code);
        Assert.Contains("frobnicate", stderr);
    }
}
