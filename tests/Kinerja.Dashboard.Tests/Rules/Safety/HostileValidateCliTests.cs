using Kinerja.Rules.Tests.Safety;

namespace Kinerja.Dashboard.Tests.Rules.Safety;

/// <summary>
/// `rules validate` on a folder holding one hostile workflow file, run as a child process: it must exit 1 with an
/// issue naming the file, workflow and limit, within seconds and a bounded amount of memory, and never die of a
/// stack overflow (which no catch can stop).
/// </summary>
public sealed class HostileValidateCliTests : IDisposable
{
    private const long MaxRssMb = 400;
    private readonly string _dir = Directory.CreateTempSubdirectory("kinerja-hostile-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    public static TheoryData<string> Classes() => new(HostileRules.Names);

    [Theory]
    [MemberData(nameof(Classes))]
    public async Task Validate_HostileFile_ExitsOneNamingTheLimitWithoutDying(string hostile)
    {
        var (json, limit) = HostileRules.Get(hostile);
        File.WriteAllText(Path.Combine(_dir, "jahat.json"), json);

        using var child = ChildProcess.Start("rules", "validate", _dir);
        var (exited, code) = await child.WaitAsync(TimeSpan.FromSeconds(90));

        Assert.True(exited, $"rules validate did not finish within 90 s on {hostile} (peak {child.PeakRssMb} MB)");
        Assert.DoesNotContain("Stack overflow", child.Stdout + child.Stderr);
        Assert.Equal(1, code);
        Assert.True(child.Stderr.Contains("jahat.json: workflow 'jahat'") && System.Text.RegularExpressions.Regex.IsMatch(child.Stderr, $"Kinerja:Rules:Limits:({limit})"),
            child.Stderr);
        Assert.Contains("rules: INVALID", child.Stderr);
        Assert.True(child.PeakRssMb < MaxRssMb, $"peak RSS {child.PeakRssMb} MB on {hostile}");
    }
}
