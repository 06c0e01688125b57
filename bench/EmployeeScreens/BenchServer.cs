using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Kinerja.Bench.Shared;
using Microsoft.AspNetCore.Identity;
using Npgsql;

namespace Kinerja.Bench.EmployeeScreens;

/// <summary>
/// The Release server as a child process on its own embedded PostgreSQL in a fresh folder under /tmp, demo off. Before
/// it starts, the product's own CLI verbs (same dll, same data folder) import the bench's reference data and create an
/// ingest source for the bench's region (its key is printed once). Once up, the bench writes the pegawai accounts the
/// way <c>EmployeeAccountStore.AddAsync</c> does (one SQL row per account, then the <c>kinerja_access</c> NOTIFY);
/// every screen then signs in through the real <c>/masuk</c> form. Disposing stops the server and deletes the folder.
/// </summary>
public sealed partial class BenchServer : IAsyncDisposable
{
    /// <summary>Every bench account's password (at least 10 characters, as the product requires).</summary>
    public const string Password = "bench-pegawai-2026";

    private readonly string _dataDir;
    private readonly int _pgPort;

    private BenchServer(ServerProcess process, string dataDir, int pgPort, string sourceKey)
    {
        Process = process;
        _dataDir = dataDir;
        _pgPort = pgPort;
        SourceKey = sourceKey;
    }

    public ServerProcess Process { get; }

    /// <summary>The bench source's API key (scope: the bench region).</summary>
    public string SourceKey { get; }

    public static async Task<BenchServer> StartAsync(string dll, Population people)
    {
        var dataDir = Path.Combine("/tmp", "kinerja-empbench-" + Guid.NewGuid().ToString("N")[..8]);
        var pgPort = FreePort();
        string[] config =
        [
            "--Kinerja:Postgres:DataDir=" + dataDir, "--Kinerja:Postgres:Port=" + pgPort,
            "--Kinerja:Demo:Seed=false", "--Kinerja:Demo:Simulate=false",
            "--Logging:LogLevel:Default=Warning", "--Logging:LogLevel:Microsoft.AspNetCore=Warning",
        ];
        var reference = dataDir + "-reference.json";
        people.WriteReference(reference);
        var imported = await CliAsync(dll, ["import", "reference", reference, .. config]);
        File.Delete(reference);
        Console.WriteLine("  " + imported.Trim().Split('\n')[^1]);
        var added = await CliAsync(dll, ["sources", "add", "--name", "bench-pegawai", "--scope", "region:" + Population.RegionId, .. config]);
        var key = KeyLine().Match(added);
        if (!key.Success)
        {
            throw new InvalidOperationException("sources add printed no API key: " + added);
        }
        // The bench drives 1,000+ sign-ins from one address and a superior approves faster than a person would: the
        // per-address sign-in limit and the per-account write limit are raised for this run only.
        var process = await ServerProcess.StartAsync(dll,
        [
            .. config, "--Kinerja:Access:LoginAttemptsPerMinute=1000000", "--Kinerja:Access:AccountWritesPerMinute=1000000",
        ], "/health/ready", TimeSpan.FromMinutes(3));
        return new BenchServer(process, dataDir, pgPort, key.Groups[1].Value);
    }

    /// <summary>
    /// A pegawai account (user name = NIP) for every person, with <see cref="Password"/>: the row
    /// <c>EmployeeAccountStore.AddAsync</c> writes, hashed with the product's hasher (ASP.NET Core's PBKDF2
    /// <see cref="PasswordHasher{TUser}"/>; one hash shared by all, the salt does not matter to a bench).
    /// </summary>
    public async Task CreateAccountsAsync(Population people)
    {
        var hash = new PasswordHasher<object>().HashPassword(new object(), Password);
        await using var conn = new NpgsqlConnection(ConnectionString());
        await conn.OpenAsync();
        await using (var insert = new NpgsqlCommand("""
            insert into app_user (username, role, display_name, password_hash, nip)
            select e.nip, 'pegawai', e.name, @hash, e.nip from employee e where e.nip = any(@nips) and e.active
            on conflict do nothing
            """, conn))
        {
            insert.Parameters.AddWithValue("hash", hash);
            insert.Parameters.AddWithValue("nips", people.Everyone.Select(p => p.Nip).ToArray());
            var rows = await insert.ExecuteNonQueryAsync();
            if (rows != people.Everyone.Count())
            {
                throw new InvalidOperationException($"Created {rows} accounts, expected {people.Everyone.Count()} (reference import incomplete?).");
            }
        }
        await using var notify = new NpgsqlCommand("select pg_notify('kinerja_access', 'user')", conn);
        await notify.ExecuteNonQueryAsync();
    }

    private string ConnectionString() => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = _pgPort,
        Username = "kinerja",
        Password = File.ReadAllText(_dataDir.TrimEnd('/') + ".password").Trim(),
        Database = "kinerja",
        CommandTimeout = 600,
    }.ConnectionString;

    public async ValueTask DisposeAsync()
    {
        await Process.DisposeAsync();
        ScratchData.Delete(_dataDir);
    }

    private static async Task<string> CliAsync(string dll, IEnumerable<string> args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(dll);
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }
        using var process = System.Diagnostics.Process.Start(info) ?? throw new InvalidOperationException("could not start " + dll);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"CLI '{string.Join(' ', info.ArgumentList.Skip(1).Take(3))}' exited {process.ExitCode}: "
                                                + await stdout + await stderr);
        }
        return await stdout;
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    [GeneratedRegex(@"Authorization: Bearer (\S+)")]
    private static partial Regex KeyLine();
}
