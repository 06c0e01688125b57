using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Kinerja.Bench.Shared;
using Npgsql;

namespace Kinerja.Bench.Soak;

/// <summary>
/// The Release server as a child process with all roles, its own embedded PostgreSQL in a fresh folder under
/// /tmp, demo seeding on (reference data, the demo accounts and source key, printed once) and the simulator off
/// (only the bench's events flow). Disposing stops it with SIGTERM (it stops its PostgreSQL) and deletes the folder.
/// </summary>
public sealed partial class SoakServer : IAsyncDisposable
{
    private SoakServer(ServerProcess process, string dataDir, int postgresPort, string adminPassword, string sdmPassword, string sourceKey)
    {
        Process = process;
        DataDir = dataDir;
        PostgresPort = postgresPort;
        AdminPassword = adminPassword;
        SdmPassword = sdmPassword;
        SourceKey = sourceKey;
    }

    public ServerProcess Process { get; }

    public string DataDir { get; }

    public int PostgresPort { get; }

    public string AdminPassword { get; }

    public string SdmPassword { get; }

    public string SourceKey { get; }

    /// <summary>The configuration that points a CLI verb of the same dll at this server's cluster.</summary>
    public string[] PostgresArgs => ["--Kinerja:Postgres:DataDir=" + DataDir, "--Kinerja:Postgres:Port=" + PostgresPort];

    public static async Task<SoakServer> StartAsync(string dll, IReadOnlyList<string> extraArgs, CancellationToken ct)
    {
        var dataDir = Path.Combine("/tmp", "kinerja-soak-" + Guid.NewGuid().ToString("N")[..8]);
        var pgPort = FreePort();
        var process = await ServerProcess.StartAsync(dll,
        [
            "--Kinerja:Postgres:DataDir=" + dataDir, "--Kinerja:Postgres:Port=" + pgPort,
            "--Kinerja:Demo:Seed=true", "--Kinerja:Demo:Simulate=false",
            "--Logging:LogLevel:Default=Warning", "--Logging:LogLevel:Microsoft.AspNetCore=Warning",
            .. extraArgs,
        ], "/health/ready", TimeSpan.FromMinutes(3));
        ct.ThrowIfCancellationRequested();
        var log = process.Log();
        string Find(Regex pattern, string what)
        {
            var m = pattern.Match(log);
            return m.Success ? m.Groups[1].Value
                : throw new InvalidOperationException($"The server did not print the {what} (a fresh data folder should): {log}");
        }
        return new SoakServer(process, dataDir, pgPort, Find(AdminLine(), "demo-admin password"), Find(SdmLine(), "demo-sdm password"),
            Find(SourceLine(), "demo source key"));
    }

    /// <summary>The application database, as the cluster's superuser (password file written by the launcher).</summary>
    public string ConnectionString() => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = PostgresPort,
        Username = "kinerja",
        Password = File.ReadAllText(DataDir.TrimEnd('/') + ".password").Trim(),
        Database = "kinerja",
        CommandTimeout = 600,
    }.ConnectionString;

    /// <summary>The postmaster's pid, from <c>postmaster.pid</c> in the data folder.</summary>
    public int? PostmasterPid()
    {
        try
        {
            var first = File.ReadLines(Path.Combine(DataDir, "postmaster.pid")).FirstOrDefault();
            return int.TryParse(first, out var pid) ? pid : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Process.DisposeAsync();
        ScratchData.Delete(DataDir);
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    [GeneratedRegex(@"^\s*admin\s+demo-admin / (\S+)", RegexOptions.Multiline)]
    private static partial Regex AdminLine();

    [GeneratedRegex(@"^\s*sdm\s+demo-sdm / (\S+)", RegexOptions.Multiline)]
    private static partial Regex SdmLine();

    [GeneratedRegex(@"Authorization: Bearer (\S+)")]
    private static partial Regex SourceLine();
}
