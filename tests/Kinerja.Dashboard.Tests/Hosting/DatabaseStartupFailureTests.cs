using System.Diagnostics;
using Kinerja.Dashboard.Tests.Infrastructure;
using Kinerja.Testing;
using Npgsql;

namespace Kinerja.Dashboard.Tests.Hosting;

/// <summary>
/// Issue 14.3: the built server started against a PostgreSQL it cannot use ends with one line naming host, port,
/// database, user and the reason, waits (with logged attempts) only when waiting can help, and exits 69.
/// </summary>
public sealed class DatabaseStartupFailureTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task WrongPassword_OneLineNamingTheServer_NoRetry_NoPassword()
    {
        var target = new NpgsqlConnectionStringBuilder(db.ConnectionString) { Password = "not-the-password-7f3a" };
        var exit = await ServerProcess.RunAsync(Settings(target.ConnectionString, timeout: "20"), Limit);

        StartupFailureAssert.OneClearLine(exit, StartupFailureAssert.Unavailable,
            $"error: cannot connect to PostgreSQL at 127.0.0.1:{target.Port}, database \"{target.Database}\", user \"{target.Username}\": " +
            "password authentication failed (28P01)");
        Assert.DoesNotContain("not-the-password-7f3a", exit.Stdout + exit.Stderr);
        Assert.Equal(0, StartupFailureAssert.Attempts(exit));
        Assert.True(exit.Elapsed < TimeSpan.FromSeconds(15), $"waited although waiting cannot help: {exit}");
    }

    [Fact]
    public async Task MissingDatabase_OneLineNamingTheDatabase_NoRetry()
    {
        var target = new NpgsqlConnectionStringBuilder(db.ConnectionString) { Database = "kinerja_no_such_db" };
        var exit = await ServerProcess.RunAsync(Settings(target.ConnectionString, timeout: "20"), Limit);

        StartupFailureAssert.OneClearLine(exit, StartupFailureAssert.Unavailable,
            $"PostgreSQL at 127.0.0.1:{target.Port}, database \"kinerja_no_such_db\", user \"{target.Username}\"",
            "database \"kinerja_no_such_db\" does not exist (3D000)");
        Assert.Equal(0, StartupFailureAssert.Attempts(exit));
    }

    [Fact]
    public async Task ClosedPort_RetriesWithBackoffForTheConfiguredTime_ThenOneLine()
    {
        var port = Eventually.FreePort();
        var cs = $"Host=127.0.0.1;Port={port};Database=kinerja;Username=kinerja;Password=secret-8c1d";
        var exit = await ServerProcess.RunAsync(Settings(cs, timeout: "3"), Limit);

        StartupFailureAssert.OneClearLine(exit, StartupFailureAssert.Unavailable,
            $"error: cannot connect to PostgreSQL at 127.0.0.1:{port}, database \"kinerja\", user \"kinerja\": connection refused",
            "gave up after");
        Assert.DoesNotContain("secret-8c1d", exit.Stdout + exit.Stderr);
        // 0.25 s doubling (±20 %) within 3 s: four or five attempts, each logged.
        Assert.InRange(StartupFailureAssert.Attempts(exit), 3, 6);
        Assert.True(exit.Elapsed >= TimeSpan.FromSeconds(3), $"gave up before the configured time: {exit}");
        Assert.True(exit.Elapsed < TimeSpan.FromSeconds(20), $"waited far longer than configured: {exit}");
    }

    [Fact]
    public async Task DatabaseComingUpDuringTheWait_ServerStarts()
    {
        var port = Eventually.FreePort();
        var late = new NpgsqlConnectionStringBuilder(db.ConnectionString) { Port = port };
        var urls = $"http://127.0.0.1:{Eventually.FreePort()}";
        // Generous: under CI load a new server process needs tens of seconds to migrate and start once it connects.
        var settings = Settings(late.ConnectionString, timeout: "120");
        settings["urls"] = urls;
        settings["Kinerja:Roles"] = "ingest";
        await using var server = ServerProcess.Start(settings);
        await Eventually.TrueAsync(() => server.Stdout.Contains("; attempt 2, retrying in", StringComparison.Ordinal),
            "the second logged attempt", TimeSpan.FromSeconds(30));
        // The database "starts": a port forwarder to the real cluster opens on the configured port.
        await using var forwarder = TcpForwarder.Start(port, new NpgsqlConnectionStringBuilder(db.ConnectionString).Port);
        using var http = new HttpClient { BaseAddress = new Uri(urls), Timeout = TimeSpan.FromSeconds(5) };
        await Eventually.TrueAsync(async () =>
        {
            Assert.False(server.HasExited, "the server gave up although the database came up: " + server.Stdout);
            try
            {
                using var ready = await http.GetAsync("/health/ready");
                return ready.IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, "the server to become ready once the database is up", TimeSpan.FromSeconds(100));
        Assert.Contains("Connected at attempt", server.Stdout);
    }

    [Fact]
    public async Task MigrationLockHeldTooLong_OneLineNamingTheHolder()
    {
        await using var holder = new NpgsqlConnection(db.ConnectionString);
        await holder.OpenAsync();
        await using (var take = new NpgsqlCommand("select pg_advisory_lock($1)", holder))
        {
            take.Parameters.AddWithValue(0x4b494e45524a41L); // MigrationRunner's key
            await take.ExecuteNonQueryAsync();
        }
        var settings = Settings(db.ConnectionString, timeout: "10");
        settings["Kinerja:Startup:MigrationLockTimeout"] = "2";
        var exit = await ServerProcess.RunAsync(settings, Limit);

        StartupFailureAssert.OneClearLine(exit, StartupFailureAssert.Unavailable,
            "error: cannot migrate PostgreSQL at 127.0.0.1:",
            $"the migration lock is held by another process (pid {holder.ProcessID} ",
            "Kinerja:Startup:MigrationLockTimeout (2 s)", $"pg_terminate_backend({holder.ProcessID})");
    }

    [Theory]
    [InlineData("soon")]
    [InlineData("-5")]
    public async Task InvalidStartupTimeout_OneLineNamingTheKey_Exit78(string value)
    {
        var exit = await ServerProcess.RunAsync(Settings(db.ConnectionString, timeout: value), Limit);

        StartupFailureAssert.OneClearLine(exit, StartupFailureAssert.Configuration,
            $"error: Kinerja:Startup:Timeout must be a duration from 0 to 1 day, in seconds (60) or as hh:mm:ss (00:01:00), not '{value}'");
    }

    [Fact]
    public async Task CliVerb_ClosedPort_OneLineAndExit69()
    {
        var port = Eventually.FreePort();
        var cs = $"Host=127.0.0.1;Port={port};Database=kinerja;Username=kinerja;Password=secret-8c1d";
        var exit = await ServerProcess.RunAsync(new Dictionary<string, string>
        {
            ["ConnectionStrings:Kinerja"] = cs,
            ["Kinerja:Startup:Timeout"] = "1",
        }, Limit, "users", "list");

        StartupFailureAssert.OneClearLine(exit, StartupFailureAssert.Unavailable,
            $"error: cannot connect to PostgreSQL at 127.0.0.1:{port}, database \"kinerja\", user \"kinerja\": connection refused");
    }

    [Fact]
    public async Task DebugLogLevel_AddsTheStackTrace()
    {
        var target = new NpgsqlConnectionStringBuilder(db.ConnectionString) { Password = "not-the-password-7f3a" };
        var settings = Settings(target.ConnectionString, timeout: "5");
        settings["Logging:LogLevel:Default"] = "Debug";
        var exit = await ServerProcess.RunAsync(settings, Limit);

        Assert.Equal(StartupFailureAssert.Unavailable, exit.ExitCode);
        Assert.Contains("password authentication failed (28P01)", exit.Stderr);
        Assert.Contains("Npgsql.PostgresException", exit.Stderr);
        Assert.Matches(@"(?m)^\s+at \S", exit.Stderr);
    }

    internal static Dictionary<string, string> Settings(string connectionString, string timeout) => new()
    {
        ["urls"] = $"http://127.0.0.1:{Eventually.FreePort()}",
        ["ConnectionStrings:Kinerja"] = connectionString,
        ["Kinerja:Startup:Timeout"] = timeout,
        ["Kinerja:RulesPath"] = Path.Combine(ServerProcess.RepositoryRoot, "rules"),
        ["Kinerja:Demo:Seed"] = "false",
        ["Kinerja:Demo:Simulate"] = "false",
    };
}
