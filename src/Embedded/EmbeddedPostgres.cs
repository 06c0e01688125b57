using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Kinerja.Core.Startup;
using Npgsql;

namespace Kinerja.Embedded;

/// <summary>
/// A private PostgreSQL cluster built from the machine's binaries (DESIGN.md "Running"): created on
/// the first start, reused later, recovered after a crash, stopped on dispose.
/// </summary>
public sealed class EmbeddedPostgres : IAsyncDisposable
{
    private const string SuperUser = "kinerja";
    private readonly EmbeddedPostgresOptions _options;
    private readonly ILogger _logger;
    private readonly ProcessRunner _runner;
    private PostgresBinaries? _binaries;
    private bool _running;

    public EmbeddedPostgres(EmbeddedPostgresOptions options, ILogger? logger = null)
    {
        _options = options;
        _logger = logger ?? NullLogger.Instance;
        _runner = new ProcessRunner(ProcessRunner.IsRoot ? options.OsUser : null);
    }

    /// <summary>The data folder actually used (may differ from the requested one when running as root).</summary>
    public string DataDir { get; private set; } = "";

    public int Port { get; private set; }

    /// <summary>File holding the password of the cluster's superuser <c>kinerja</c> (mode 0600).</summary>
    public string PasswordFile => DataDir.TrimEnd('/') + ".password";

    /// <summary>True when a server already running on the folder was reused instead of started.</summary>
    public bool Adopted { get; private set; }

    /// <summary>Connection string of the application database; valid after <see cref="StartAsync"/>.</summary>
    public string ConnectionString { get; private set; } = "";

    /// <summary>Connection string of the maintenance database <c>postgres</c>.</summary>
    public string AdminConnectionString { get; private set; } = "";

    public async Task StartAsync(CancellationToken ct = default)
    {
        _binaries = PostgresBinaries.Locate(_options.BinDir);
        if (_runner.RunAsUser is not null)
        {
            await EnsureOsUserAsync(ct);
        }
        DataDir = await DataFolder.ResolveAsync(_options.DataDir, _runner,
            msg => _logger.LogWarning("{Message}", msg), ct);
        var password = await EnsureClusterAsync(ct);
        if (!await AdoptRunningAsync(ct))
        {
            await StartServerAsync(ct);
        }
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = Port,
            Username = SuperUser,
            Password = password,
            Database = "postgres",
        };
        AdminConnectionString = builder.ConnectionString;
        builder.Database = _options.Database;
        ConnectionString = builder.ConnectionString;
        await CreateDatabaseAsync(_options.Database, ct);
    }

    /// <summary>Creates a database in the cluster when it does not exist yet.</summary>
    public async Task CreateDatabaseAsync(string name, CancellationToken ct = default, string? template = null)
    {
        await using var conn = new NpgsqlConnection(AdminConnectionString);
        await conn.OpenAsync(ct);
        await using (var check = new NpgsqlCommand("select 1 from pg_database where datname = $1", conn))
        {
            check.Parameters.AddWithValue(name);
            if (await check.ExecuteScalarAsync(ct) is not null)
            {
                return;
            }
        }
        var sql = $"create database {Quote(name)}" + (template is null ? "" : $" template {Quote(template)}");
        await using var create = new NpgsqlCommand(sql, conn);
        await create.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Connection string for another database of this cluster.</summary>
    public string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder(ConnectionString) { Database = database }.ConnectionString;

    public async Task StopAsync(CancellationToken ct = default)
    {
        if (!_running || _binaries is null)
        {
            return;
        }
        var result = await _runner.RunAsync(_binaries.PgCtl,
            ["stop", "-D", DataDir, "-m", "fast", "-w", "-t", "60"], timeout: TimeSpan.FromSeconds(90), ct: ct);
        if (result.ExitCode != 0)
        {
            _logger.LogWarning("Stopping PostgreSQL in {DataDir} failed: {Output}", DataDir, result.Output);
        }
        else
        {
            _logger.LogInformation("Stopped PostgreSQL in {DataDir}", DataDir);
        }
        _running = false;
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    /// <summary>
    /// Stops whatever server runs on <paramref name="dataDir"/> (immediate mode); for sweeping clusters whose
    /// owning process died, such as throw-away test clusters.
    /// </summary>
    public static async Task StopFolderAsync(string dataDir, string osUser = "postgres", string? binDir = null)
    {
        if (PidFile.LivePostmaster(dataDir) is null)
        {
            return;
        }
        var runner = new ProcessRunner(ProcessRunner.IsRoot ? osUser : null);
        await runner.RunAsync(PostgresBinaries.Locate(binDir).PgCtl, ["stop", "-D", dataDir, "-m", "immediate", "-w", "-t", "30"],
            timeout: TimeSpan.FromSeconds(60));
    }

    private async Task EnsureOsUserAsync(CancellationToken ct)
    {
        var probe = await new ProcessRunner(null).RunAsync("id", ["-u", _options.OsUser], ct: ct);
        if (probe.ExitCode != 0)
        {
            throw new StartupFailedException(
                $"Running as root, PostgreSQL must run as an unprivileged OS user, and '{_options.OsUser}' does not exist: " +
                $"install the 'postgresql' package (it creates that user), create it with 'useradd --system {_options.OsUser}', " +
                "or set Kinerja:Postgres:OsUser.");
        }
    }

    /// <summary>Runs initdb on first use; returns the password of the cluster's superuser.</summary>
    private async Task<string> EnsureClusterAsync(CancellationToken ct)
    {
        var passwordFile = PasswordFile;
        if (File.Exists(Path.Combine(DataDir, "PG_VERSION")))
        {
            if (!File.Exists(passwordFile))
            {
                throw new StartupFailedException(
                    $"The cluster in {DataDir} has no password file {passwordFile}; delete the folder to start afresh.");
            }
            return (await File.ReadAllTextAsync(passwordFile, ct)).Trim();
        }
        var password = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        _logger.LogInformation("Creating a PostgreSQL cluster in {DataDir}", DataDir);
        var args = new List<string>
        {
            "-D", DataDir, "-U", SuperUser, "--pwfile=/dev/stdin", "--auth-host=scram-sha-256",
            "--auth-local=peer", "-E", "UTF8", "--locale=C.UTF-8", "--no-instructions",
        };
        if (!_options.Durable)
        {
            args.Add("--no-sync");
        }
        // The OS user must be able to read the password file, and it must not outlive initdb.
        var pwFile = Path.Combine(Path.GetTempPath(), $"kinerja-initdb-{Guid.NewGuid():N}");
        var fileOptions = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            fileOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        await using (var stream = new FileStream(pwFile, fileOptions))
        await using (var writer = new StreamWriter(stream))
        {
            await writer.WriteLineAsync(password);
        }
        ProcessRunner.Result result;
        try
        {
            if (_runner.RunAsUser is not null)
            {
                await new ProcessRunner(null).RunCheckedAsync("chown", [_runner.RunAsUser, pwFile], ct: ct);
            }
            args[4] = "--pwfile=" + pwFile;
            result = await _runner.RunAsync(_binaries!.InitDb, args, timeout: TimeSpan.FromMinutes(3), ct: ct);
        }
        finally
        {
            File.Delete(pwFile);
        }
        if (result.ExitCode != 0)
        {
            throw EmbeddedFailure.Create(DataDir, _options.OsUser, result.Output);
        }
        await File.WriteAllTextAsync(passwordFile, password, ct);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(passwordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        return password;
    }

    /// <summary>
    /// A server already running on this folder (left by a killed run, or serving another of our processes)
    /// is adopted: we connect to its port instead of starting a second one. A stale lock file is removed.
    /// </summary>
    private async Task<bool> AdoptRunningAsync(CancellationToken ct)
    {
        var pid = PidFile.LivePostmaster(DataDir);
        if (pid is not null && PidFile.Port(DataDir) is { } port)
        {
            Port = port;
            Adopted = true;
            _running = _options.StopAdoptedServer;
            _logger.LogWarning("PostgreSQL (pid {Pid}) is already running in {DataDir} on port {Port}; using it",
                pid, DataDir, port);
            return true;
        }
        if (File.Exists(PidFile.PathOf(DataDir)))
        {
            _logger.LogWarning("Removing stale postmaster.pid in {DataDir} left by a crashed run", DataDir);
            await PidFile.RemoveStaleAsync(DataDir, _runner, ct);
        }
        return false;
    }

    private async Task StartServerAsync(CancellationToken ct)
    {
        var logFile = Path.Combine(DataDir, "kinerja-server.log");
        for (var attempt = 1; ; attempt++)
        {
            Port = _options.Port != 0 ? _options.Port : FreePort();
            var settings = new Dictionary<string, string>
            {
                ["listen_addresses"] = "127.0.0.1",
                ["port"] = Port.ToString(CultureInfo.InvariantCulture),
                ["unix_socket_directories"] = "''",
                ["max_connections"] = "200",
            };
            if (!_options.Durable)
            {
                settings["fsync"] = "off";
                settings["synchronous_commit"] = "off";
                settings["full_page_writes"] = "off";
            }
            foreach (var (k, v) in _options.Settings)
            {
                settings[k] = v;
            }
            var serverArgs = string.Join(' ', settings.Select(kv => $"-c {kv.Key}={kv.Value}"));
            var result = await _runner.RunAsync(_binaries!.PgCtl,
                ["start", "-D", DataDir, "-l", logFile, "-w", "-t", "120", "-o", serverArgs],
                timeout: TimeSpan.FromMinutes(3), ct: ct);
            if (result.ExitCode == 0)
            {
                _running = true;
                _logger.LogInformation("PostgreSQL started from {DataDir} on 127.0.0.1:{Port}", DataDir, Port);
                return;
            }
            var tail = ReadTail(logFile);
            if (attempt < 3 && _options.Port == 0 && tail.Contains("could not bind", StringComparison.OrdinalIgnoreCase))
            {
                continue; // the free port was taken between probing and binding
            }
            throw EmbeddedFailure.Start(DataDir, _options.OsUser, _options.Port != 0 ? Port : null, result.Output, logFile);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string ReadTail(string file)
    {
        try
        {
            var lines = File.ReadAllLines(file);
            return string.Join('\n', lines.TakeLast(15));
        }
        catch (IOException)
        {
            return "";
        }
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"") + "\"";
}
