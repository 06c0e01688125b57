using Kinerja.Embedded;
using Npgsql;

namespace Kinerja.Embedded.Tests;

/// <summary>The launcher behind DESIGN.md "Running": fresh cluster, reuse, crash recovery, missing binaries.</summary>
public sealed class EmbeddedPostgresTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "kinerja-launcher-tests", Guid.NewGuid().ToString("N")[..12]);

    private EmbeddedPostgres NewCluster() =>
        new(new EmbeddedPostgresOptions { DataDir = Path.Combine(_root, "pg"), Durable = false });

    [Fact]
    public async Task Start_FreshFolder_CreatesClusterAndDatabase()
    {
        await using var pg = NewCluster();
        await pg.StartAsync();
        Assert.True(File.Exists(Path.Combine(pg.DataDir, "PG_VERSION")));
        Assert.Equal("kinerja", await ScalarAsync(pg.ConnectionString, "select current_database()"));
        Assert.Equal("127.0.0.1", await ScalarAsync(pg.ConnectionString, "select host(inet_server_addr())"));
    }

    [Fact]
    public async Task Start_SecondRun_ReusesTheData()
    {
        await using (var first = NewCluster())
        {
            await first.StartAsync();
            await ScalarAsync(first.ConnectionString, "create table kept(v int); insert into kept values (42); select 1");
            await first.StopAsync();
        }
        await using var second = NewCluster();
        await second.StartAsync();
        Assert.Equal(42, await ScalarAsync(second.ConnectionString, "select v from kept"));
    }

    [Fact]
    public async Task Start_AfterCrashLeftServerRunning_RecoversAndKeepsData()
    {
        // A kill -9 of our process leaves the postmaster running without an owner.
        var crashed = NewCluster();
        await crashed.StartAsync();
        await ScalarAsync(crashed.ConnectionString, "create table kept(v int); insert into kept values (7); select 1");
        NpgsqlConnection.ClearAllPools();

        await using var next = NewCluster();
        await next.StartAsync();
        Assert.Equal(7, await ScalarAsync(next.ConnectionString, "select v from kept"));
    }

    [Fact]
    public async Task Start_StalePidFileWithRecycledPid_IsRecovered()
    {
        string dataDir;
        await using (var first = NewCluster())
        {
            await first.StartAsync();
            await first.StopAsync();
            dataDir = first.DataDir;
        }
        // A crashed postmaster's lock file whose pid now belongs to an unrelated live process (this one).
        File.WriteAllText(Path.Combine(dataDir, "postmaster.pid"),
            $"{Environment.ProcessId}\n{dataDir}\n1700000000\n5432\n\n127.0.0.1\n  5432001  0\nready   \n");

        await using var next = NewCluster();
        await next.StartAsync();
        Assert.Equal(1, await ScalarAsync(next.ConnectionString, "select 1"));
    }

    [Fact]
    public void Locate_NoBinariesAnywhere_ThrowsOneLineNamingThePackage()
    {
        var empty = Directory.CreateDirectory(Path.Combine(_root, "empty")).FullName;
        var ex = Assert.Throws<PostgresNotInstalledException>(() => PostgresBinaries.Locate(null, empty, empty));
        Assert.Contains("apt-get install postgresql", ex.Message);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Fact]
    public void Locate_ConfiguredFolderWithoutBinaries_SaysSo()
    {
        var empty = Directory.CreateDirectory(Path.Combine(_root, "nobin")).FullName;
        var ex = Assert.Throws<PostgresNotInstalledException>(() => PostgresBinaries.Locate(empty, null, empty));
        Assert.Contains(empty, ex.Message);
    }

    [Fact]
    public void Locate_DebianLayout_PicksTheNewestVersion()
    {
        var debian = Path.Combine(_root, "debian");
        foreach (var v in new[] { "9.6", "15", "13" })
        {
            var bin = Directory.CreateDirectory(Path.Combine(debian, v, "bin")).FullName;
            File.WriteAllText(Path.Combine(bin, "initdb"), "");
            File.WriteAllText(Path.Combine(bin, "pg_ctl"), "");
        }
        Assert.Equal(Path.Combine(debian, "15", "bin"), PostgresBinaries.Locate(null, "", debian).BinDir);
    }

    [Fact]
    public async Task Start_UnderAFolderTheOsUserCannotReach_FallsBackAndSaysWhere()
    {
        var privateParent = Directory.CreateDirectory(Path.Combine(_root, "private")).FullName;
        File.SetUnixFileMode(privateParent, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var requested = Path.Combine(privateParent, "pg");
        await using var pg = new EmbeddedPostgres(new EmbeddedPostgresOptions { DataDir = requested, Durable = false });
        await pg.StartAsync();
        if (Environment.UserName == "root")
        {
            // PostgreSQL runs as 'postgres', who cannot traverse a 0700 folder of root's.
            Assert.StartsWith("/var/tmp/kinerja-", pg.DataDir);
            Assert.NotEqual(requested, pg.DataDir);
        }
        else
        {
            Assert.Equal(requested, pg.DataDir);
        }
        Assert.Equal(1, await ScalarAsync(pg.ConnectionString, "select 1"));
        await pg.StopAsync();
        if (pg.DataDir != requested)
        {
            Directory.Delete(Path.GetDirectoryName(pg.DataDir)!, recursive: true);
        }
    }

    private static async Task<object?> ScalarAsync(string cs, string sql)
    {
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        return await cmd.ExecuteScalarAsync();
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
