using System.Net;
using System.Net.Sockets;
using Kinerja.Dashboard.Tests.Infrastructure;
using Kinerja.Testing;

namespace Kinerja.Dashboard.Tests.Hosting;

/// <summary>
/// Issue 14.3 for the embedded cluster (port taken, data folder unusable) and for Redis when <c>Kinerja:Redis</c>
/// is set: one clear line with what to do, exit 69, no stack trace.
/// </summary>
public sealed class EmbeddedAndRedisStartupFailureTests(TestDatabase db) : IClassFixture<TestDatabase>, IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(90);
    private readonly string _root = CreateRoot();

    [Fact]
    public async Task EmbeddedPortTaken_OneLineNamingThePort()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        var dataDir = Path.Combine(_root, "pg");

        var exit = await ServerProcess.RunAsync(Embedded(dataDir, port), Limit);

        StartupFailureAssert.OneClearLine(exit, StartupFailureAssert.Unavailable,
            $"error: cannot start the embedded PostgreSQL in {dataDir}: port {port} on 127.0.0.1 is already in use by another program",
            "Kinerja:Postgres:Port=0");
    }

    [Fact]
    public async Task EmbeddedDataFolderUnderAFile_OneLineNamingTheFile()
    {
        // Root may write anywhere, but not below a regular file.
        var file = Path.Combine(_root, "not-a-folder");
        await File.WriteAllTextAsync(file, "x");
        var dataDir = Path.Combine(file, "pg");

        var exit = await ServerProcess.RunAsync(Embedded(dataDir, port: 0), Limit);

        StartupFailureAssert.OneClearLine(exit, StartupFailureAssert.Unavailable,
            $"error: cannot use {dataDir} as the embedded PostgreSQL data folder: {file} is a file, not a folder",
            "Kinerja:Postgres:DataDir");
    }

    [Fact]
    public async Task EmbeddedBinariesMissing_OneLineNamingThePackage()
    {
        var settings = Embedded(Path.Combine(_root, "pg"), port: 0);
        settings["Kinerja:Postgres:BinDir"] = Path.Combine(_root, "no-postgres-here");

        var exit = await ServerProcess.RunAsync(settings, Limit);

        StartupFailureAssert.OneClearLine(exit, StartupFailureAssert.Unavailable,
            "holds no initdb and pg_ctl", "apt-get install postgresql");
    }

    [Fact]
    public async Task RedisClosedPort_RetriesThenOneLineNamingTheEndpoint()
    {
        var port = Eventually.FreePort();
        var settings = DatabaseStartupFailureTests.Settings(db.ConnectionString, timeout: "2");
        settings["Kinerja:Roles"] = "dashboard";
        settings["Kinerja:Redis"] = $"127.0.0.1:{port},password=redis-secret-42";

        var exit = await ServerProcess.RunAsync(settings, Limit);

        StartupFailureAssert.OneClearLine(exit, StartupFailureAssert.Unavailable,
            $"error: cannot connect to Redis at 127.0.0.1:{port} (Kinerja:Redis): connection refused", "gave up after");
        Assert.True(StartupFailureAssert.Attempts(exit) >= 2, $"no logged retries: {exit}");
        Assert.DoesNotContain("redis-secret-42", exit.Stdout + exit.Stderr);
    }

    private Dictionary<string, string> Embedded(string dataDir, int port) => new()
    {
        ["urls"] = $"http://127.0.0.1:{Eventually.FreePort()}",
        ["Kinerja:Postgres:DataDir"] = dataDir,
        ["Kinerja:Postgres:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Kinerja:Postgres:Durable"] = "false",
        ["Kinerja:RulesPath"] = Path.Combine(ServerProcess.RepositoryRoot, "rules"),
        ["Kinerja:Demo:Seed"] = "false",
        ["Kinerja:Demo:Simulate"] = "false",
        ["Kinerja:Startup:Timeout"] = "5",
    };

    /// <summary>A folder the cluster's OS user can traverse (0755), as when running as root.</summary>
    private static string CreateRoot()
    {
        var root = Path.Combine(Path.GetTempPath(), "kinerja-startup-tests", Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(root);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(Path.GetDirectoryName(root)!, (UnixFileMode)0b111_101_101);
            File.SetUnixFileMode(root, (UnixFileMode)0b111_101_101);
        }
        return root;
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
