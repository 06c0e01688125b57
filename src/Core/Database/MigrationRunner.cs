using DbUp;
using DbUp.Engine.Output;
using Kinerja.Core.Startup;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Kinerja.Core.Database;

/// <summary>
/// Applies the numbered <c>Migrations/*.sql</c> files in order, each in its own transaction, and
/// records them in <c>schema_migration</c>. Runs under an advisory lock so several processes
/// starting together migrate once.
/// </summary>
public static class MigrationRunner
{
    public const string JournalTable = "schema_migration";
    private const long LockKey = 0x4b494e45524a41; // "KINERJA"

    /// <summary>Names of the migrations this build carries, in order.</summary>
    public static IReadOnlyList<string> Embedded { get; } = typeof(MigrationRunner).Assembly
        .GetManifestResourceNames()
        .Where(n => n.Contains(".Migrations.", StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
        .Order(StringComparer.Ordinal)
        .ToArray();

    /// <summary>Applies pending migrations; returns the names applied now (empty when up to date).</summary>
    public static Task<IReadOnlyList<string>> MigrateAsync(string connectionString, ILogger logger,
        CancellationToken ct = default) =>
        MigrateAsync(connectionString, logger, StartupOptions.DefaultMigrationLockTimeout, ct);

    /// <summary>
    /// Applies pending migrations, waiting at most <paramref name="lockTimeout"/> for another process that
    /// holds the migration lock (a <see cref="StartupFailedException"/> naming that process after it).
    /// </summary>
    public static async Task<IReadOnlyList<string>> MigrateAsync(string connectionString, ILogger logger,
        TimeSpan lockTimeout, CancellationToken ct = default)
    {
        await using var lockConn = new NpgsqlConnection(connectionString);
        await lockConn.OpenAsync(ct);
        await MigrationLock.TakeAsync(lockConn, LockKey, lockTimeout, logger, ct);
        try
        {
            var upgrader = DeployChanges.To
                .PostgresqlDatabase(connectionString)
                .WithScriptsEmbeddedInAssembly(typeof(MigrationRunner).Assembly,
                    name => name.Contains(".Migrations.", StringComparison.Ordinal))
                .WithTransactionPerScript()
                .WithVariablesDisabled()
                .JournalToPostgresqlTable("public", JournalTable)
                .LogTo(new UpgradeLog(logger))
                .Build();
            var result = upgrader.PerformUpgrade();
            if (!result.Successful)
            {
                throw new InvalidOperationException(
                    $"Migration {result.ErrorScript?.Name ?? "?"} failed: {result.Error?.Message}", result.Error);
            }
            var applied = result.Scripts.Select(s => s.Name).ToArray();
            if (applied.Length > 0)
            {
                logger.LogInformation("Applied {Count} migrations: {Names}", applied.Length, string.Join(", ", applied));
            }
            return applied;
        }
        finally
        {
            await using var release = new NpgsqlCommand($"select pg_advisory_unlock({LockKey})", lockConn);
            await release.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    /// <summary>Migrations this build carries that the database has not recorded.</summary>
    public static async Task<IReadOnlyList<string>> PendingAsync(NpgsqlDataSource db, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var exists = new NpgsqlCommand("select to_regclass($1) is not null", conn);
        exists.Parameters.AddWithValue("public." + JournalTable);
        if (await exists.ExecuteScalarAsync(ct) is not true)
        {
            return Embedded;
        }
        await using var cmd = new NpgsqlCommand($"select scriptname from {JournalTable}", conn);
        var done = new HashSet<string>(StringComparer.Ordinal);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            done.Add(reader.GetString(0));
        }
        return Embedded.Where(n => !done.Contains(n)).ToArray();
    }

    private sealed class UpgradeLog(ILogger logger) : IUpgradeLog
    {
        public void LogTrace(string format, params object[] args) => logger.LogTrace("{DbUp}", Format(format, args));
        public void LogDebug(string format, params object[] args) => logger.LogDebug("{DbUp}", Format(format, args));
        public void LogInformation(string format, params object[] args) => logger.LogDebug("{DbUp}", Format(format, args));
        public void LogWarning(string format, params object[] args) => logger.LogWarning("{DbUp}", Format(format, args));
        public void LogError(string format, params object[] args) => logger.LogError("{DbUp}", Format(format, args));
        public void LogError(Exception ex, string format, params object[] args) =>
            logger.LogError(ex, "{DbUp}", Format(format, args));

        private static string Format(string format, object[] args) =>
            args.Length == 0 ? format : string.Format(System.Globalization.CultureInfo.InvariantCulture, format, args);
    }
}
