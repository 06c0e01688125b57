using System.Globalization;
using System.Text;
using Dapper;
using Kinerja.Testing;

namespace Kinerja.Dashboard.Tests.Cli;

/// <summary>
/// The CLI run as a user runs it, from a folder other than <c>src/Dashboard</c> (issue 14, items 1 and 2): paths typed on
/// the command line are taken from that folder, standard output carries only the result, and the exit code says how
/// it went. Child processes against a database of this class.
/// </summary>
public sealed class CliWorkingFolderTests(TestDatabase db) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    private readonly string _folder = CliProcess.CreateWorkingFolder("kinerja-cli-cwd-");
    private IReadOnlyList<string> _staff = [];

    private string Connection => $"--ConnectionStrings:Kinerja={db.ConnectionString}";

    public async Task InitializeAsync() =>
        _staff = await TestData.SeedUnitWithStaffAsync(db.DataSource, "cwd-region", "cwd-dinas", 3);

    public Task DisposeAsync()
    {
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task RulesValidate_RelativeFolder_IsTakenFromTheFolderDotnetRunStartedIn()
    {
        CopyRules(Path.Combine(_folder, "my-rules"));

        var run = await CliProcess.DotnetRunAsync(_folder, ["rules", "validate", "my-rules"]);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("rules: OK, 7 workflows", run.Output);
    }

    [Fact]
    public async Task RulesValidateRules_FromTheRepositoryRoot_FindsTheRepositoryRules()
    {
        var run = await CliProcess.DotnetRunAsync(CliProcess.RepositoryRoot, ["rules", "validate", "rules"]);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("rules: OK", run.Output);
    }

    [Fact]
    public async Task RulesValidate_MissingFolder_IsAUsageErrorNamingIt()
    {
        var run = await CliProcess.DllAsync(_folder, ["rules", "validate", "no-such-rules"]);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("no-such-rules", run.Error);
        Assert.Equal("", run.Output);
    }

    [Fact]
    public async Task ImportActivities_RelativeFile_IsReadFromTheWorkingFolder_StdoutHasOnlyTheResult()
    {
        var day = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(7)).Date.AddDays(-1);
        var csv = new StringBuilder("eventId,nip,occurredAt,minutes,volume,output,description,skpIndicator\n");
        for (var i = 0; i < 4; i++)
        {
            csv.Append(CultureInfo.InvariantCulture,
                $"{Guid.NewGuid()},{_staff[i]},{new DateTimeOffset(day.AddHours(9 + i), TimeSpan.FromHours(7)):yyyy-MM-ddTHH:mm:sszzz},30,1,dokumen,Rapat,SKP-1\n");
        }
        csv.Append(CultureInfo.InvariantCulture, $"{Guid.NewGuid()},12345,{new DateTimeOffset(day.AddHours(9), TimeSpan.FromHours(7)):yyyy-MM-ddTHH:mm:sszzz},30,,,x,\n");
        await File.WriteAllTextAsync(Path.Combine(_folder, "acts.csv"), csv.ToString());

        var run = await CliProcess.DotnetRunAsync(_folder, ["import", "activities", "acts.csv", Connection]);

        Assert.True(run.ExitCode == 1, "one rejected row means exit 1\n" + run);
        await using (var conn = await db.DataSource.OpenConnectionAsync())
        {
            Assert.Equal(4, await conn.ExecuteScalarAsync<int>("select count(*) from activity where nip = any(@nips)", new { nips = _staff.ToArray() }));
        }
        Assert.True(File.Exists(Path.Combine(_folder, "acts.csv.rejected.csv")), run.ToString());
        Assert.Contains("accepted", run.Output);
        AssertNoLogLines(run.Output);
    }

    [Fact]
    public async Task UsersList_PrintsOnlyTheUsers_ExitZero()
    {
        var run = await CliProcess.DllAsync(CliProcess.ProjectFolder, ["users", "list", Connection]);

        Assert.True(run.ExitCode == 0, run.ToString());
        AssertNoLogLines(run.Output);
        AssertNoLogLines(run.Error);
    }

    [Fact]
    public async Task Verbose_WritesTheHostsLogLinesToStderr_NeverToStdout()
    {
        var run = await CliProcess.DllAsync(_folder, ["users", "list", "--verbose", Connection]);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Microsoft.Hosting.Lifetime", run.Error);
        AssertNoLogLines(run.Output);
    }

    [Theory]
    [InlineData(1, "users", "grant", "cwd-nobody", "--region", "cwd-region")]
    [InlineData(2, "users", "grant", "cwd-nobody")]
    [InlineData(2, "users", "frobnicate")]
    [InlineData(2, "import", "reference", "missing.csv")]
    public async Task Failures_ExitWithTheDocumentedCode_AndSayWhyOnStderr(int expected, params string[] args)
    {
        var run = await CliProcess.DllAsync(_folder, [.. args, Connection]);

        Assert.True(run.ExitCode == expected, run.ToString());
        Assert.False(string.IsNullOrWhiteSpace(run.Error), run.ToString());
        AssertNoLogLines(run.Output);
    }

    private static void AssertNoLogLines(string text)
    {
        foreach (var marker in new[] { "info:", "warn:", "fail:", "dbug:", "Microsoft.Hosting.Lifetime", "Application is shutting down" })
        {
            Assert.DoesNotContain(marker, text);
        }
    }

    private static void CopyRules(string target)
    {
        var source = Path.Combine(CliProcess.RepositoryRoot, "rules");
        foreach (var file in Directory.EnumerateFiles(source, "*.json", SearchOption.AllDirectories))
        {
            var to = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(file, to);
        }
    }
}
