using Xunit;
using Kinerja.Core.Database;
using Kinerja.Embedded;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Kinerja.Testing;

/// <summary>
/// One throw-away PostgreSQL cluster per test process, started on first use with the product's own
/// embedded launcher, plus a migrated template database that test databases are cloned from.
/// </summary>
public static class TestCluster
{
    public const string TemplateName = "kinerja_template";
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static EmbeddedPostgres? _cluster;
    private static string? _root;

    /// <summary>The running cluster (started and its template migrated on first call).</summary>
    public static async Task<EmbeddedPostgres> GetAsync()
    {
        if (_cluster is not null)
        {
            return _cluster;
        }
        await Gate.WaitAsync();
        try
        {
            if (_cluster is not null)
            {
                return _cluster;
            }
            await SweepOrphansAsync();
            _root = Path.Combine(Path.GetTempPath(), "kinerja-tests", $"{Environment.ProcessId}-{Guid.NewGuid():N}"[..20]);
            var cluster = new EmbeddedPostgres(new EmbeddedPostgresOptions
            {
                DataDir = Path.Combine(_root, "pg"),
                Database = TemplateName,
                Durable = false,
            });
            await cluster.StartAsync();
            var template = new NpgsqlConnectionStringBuilder(cluster.ConnectionString) { Pooling = false }.ConnectionString;
            await MigrationRunner.MigrateAsync(template, NullLogger.Instance);
            AppDomain.CurrentDomain.ProcessExit += (_, _) => Shutdown(cluster);
            _cluster = cluster;
            return cluster;
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>Creates a fresh, fully migrated database and returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync(string hint)
    {
        var cluster = await GetAsync();
        var safe = new string(hint.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).Take(30).ToArray());
        var name = $"t_{safe}_{Guid.NewGuid():N}";
        await Gate.WaitAsync();
        try
        {
            await cluster.CreateDatabaseAsync(name, template: TemplateName);
        }
        finally
        {
            Gate.Release();
        }
        return cluster.ConnectionStringFor(name);
    }

    public static async Task DropDatabaseAsync(string connectionString)
    {
        var cluster = await GetAsync();
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        NpgsqlConnection.ClearAllPools();
        await using var conn = new NpgsqlConnection(cluster.AdminConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand($"drop database if exists \"{name}\" with (force)", conn);
        await cmd.ExecuteNonQueryAsync();
    }

    /// <summary>Clusters of test processes that died without stopping them are stopped and deleted.</summary>
    private static async Task SweepOrphansAsync()
    {
        var parent = Path.Combine(Path.GetTempPath(), "kinerja-tests");
        if (!Directory.Exists(parent))
        {
            return;
        }
        foreach (var dir in Directory.GetDirectories(parent))
        {
            var name = Path.GetFileName(dir);
            var dash = name.IndexOf('-');
            if (dash <= 0 || !int.TryParse(name[..dash], out var pid) || pid == Environment.ProcessId
                || Directory.Exists($"/proc/{pid}"))
            {
                continue;
            }
            try
            {
                await EmbeddedPostgres.StopFolderAsync(Path.Combine(dir, "pg"));
                Directory.Delete(dir, recursive: true);
            }
            catch (Exception)
            {
                // another test process may be sweeping the same folder
            }
        }
    }

    private static void Shutdown(EmbeddedPostgres cluster)
    {
        try
        {
            cluster.StopAsync().Wait(TimeSpan.FromSeconds(20));
            if (_root is not null)
            {
                Directory.Delete(_root, recursive: true);
            }
        }
        catch (Exception)
        {
            // best effort at process exit
        }
    }
}
