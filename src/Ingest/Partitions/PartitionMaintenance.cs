using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Kinerja.Ingest.Streams;
using Npgsql;
using NpgsqlTypes;

namespace Kinerja.Ingest.Partitions;

/// <summary>What one maintenance run did.</summary>
/// <param name="Created">Partition tables created (one per partitioned stream table and new month).</param>
/// <param name="Dropped">Partition tables detached and dropped by retention.</param>
public sealed record PartitionRun(int Created, IReadOnlyList<string> Dropped);

/// <summary>
/// Keeps the stream partitions of the current month and <see cref="PartitionOptions.MonthsAhead"/> months
/// ahead created, and drops whole months older than <see cref="RetentionOptions.Months"/>. Safe with several
/// processes: the SQL functions serialise on an advisory lock and are idempotent; the writer holds that
/// lock shared per batch, so DDL waits for in-flight writes (bounded by a lock timeout) instead of
/// interleaving with them.
/// </summary>
/// <remarks>The tables are the partitioned tables of the registered streams (<see cref="IngestStreamRegistry"/>).</remarks>
public sealed class PartitionMaintenance
{
    private readonly NpgsqlDataSource db;
    private readonly IOptions<PartitionOptions> options;
    private readonly IOptions<RetentionOptions> retention;
    private readonly TimeProvider time;
    private readonly ILogger<PartitionMaintenance> logger;
    private readonly string[] tables;

    internal PartitionMaintenance(NpgsqlDataSource db, IngestStreamRegistry streams, IOptions<PartitionOptions> options,
        IOptions<RetentionOptions> retention, TimeProvider time, ILogger<PartitionMaintenance> logger)
    {
        (this.db, this.options, this.retention, this.time, this.logger) = (db, options, retention, time, logger);
        tables = streams.PartitionedTables;
    }

    /// <summary>Runs once: creates the months ahead, then applies retention.</summary>
    public async Task<PartitionRun> RunOnceAsync(CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var first = new DateOnly(today.Year, today.Month, 1);
        var months = Enumerable.Range(0, options.Value.MonthsAhead + 1).Select(first.AddMonths).ToArray();
        await using var conn = await db.OpenConnectionAsync(ct);
        int created;
        await using (var tx = await conn.BeginTransactionAsync(ct))
        {
            await ExecAsync(conn, PartitionSql.LockTimeout, ct);
            await using var cmd = new NpgsqlCommand(PartitionSql.Ensure, conn);
            cmd.Parameters.Add(new NpgsqlParameter<DateOnly[]> { TypedValue = months, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Date });
            cmd.Parameters.Add(Tables());
            created = (int)(await cmd.ExecuteScalarAsync(ct))!;
            await tx.CommitAsync(ct);
        }
        if (created > 0)
        {
            logger.LogInformation("Created {Count} stream partitions for {First:yyyy-MM} to {Last:yyyy-MM}",
                created, months[0], months[^1]);
        }
        var dropped = new List<string>();
        if (retention.Value.Cutoff(now) is { } cutoff)
        {
            await using var tx = await conn.BeginTransactionAsync(ct);
            await ExecAsync(conn, PartitionSql.LockTimeout, ct);
            await using var cmd = new NpgsqlCommand(PartitionSql.DropBefore, conn);
            cmd.Parameters.Add(new NpgsqlParameter<DateOnly> { TypedValue = cutoff, NpgsqlDbType = NpgsqlDbType.Date });
            cmd.Parameters.Add(Tables());
            await using (var reader = await cmd.ExecuteReaderAsync(ct))
            {
                while (await reader.ReadAsync(ct))
                {
                    dropped.Add(reader.GetString(0));
                }
            }
            await tx.CommitAsync(ct);
            if (dropped.Count > 0)
            {
                logger.LogWarning(
                    "Retention ({Months} months, cutoff {Cutoff:yyyy-MM-dd}) dropped {Count} stream partitions: {Tables}",
                    retention.Value.Months, cutoff, dropped.Count, string.Join(", ", dropped));
            }
        }
        return new PartitionRun(created, dropped);
    }

    private NpgsqlParameter<string[]> Tables() =>
        new() { TypedValue = tables, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text };

    private static async Task ExecAsync(NpgsqlConnection conn, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
