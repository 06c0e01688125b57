namespace Kinerja.Dashboard.Tests.Cli;

/// <summary>
/// A verb on the embedded cluster (no connection string), as a new user runs it: the cluster's start-up and
/// shut-down messages are log lines too, so they stay off standard output.
/// </summary>
public sealed class CliEmbeddedClusterTests : IDisposable
{
    private readonly string _folder = CliProcess.CreateWorkingFolder("kinerja-cli-embedded-");

    private string DataDir => Path.Combine(_folder, "pg");

    public void Dispose()
    {
        CliProcess.StopStrayCluster(DataDir);
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task UsersList_OnAFreshEmbeddedCluster_PrintsNoClusterLogLines()
    {
        var run = await CliProcess.DllAsync(_folder, ["users", "list", "--Kinerja:Postgres:DataDir=pg"],
            timeout: TimeSpan.FromMinutes(3));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.True(File.Exists(Path.Combine(DataDir, "PG_VERSION")), "the relative DataDir is taken from the working folder\n" + run);
        Assert.Equal("", run.Output); // a fresh database has no users
        Assert.DoesNotContain("PostgreSQL", run.Output + run.Error);
        Assert.False(File.Exists(Path.Combine(DataDir, "postmaster.pid")), "the verb stops the cluster it started\n" + run);
    }
}
