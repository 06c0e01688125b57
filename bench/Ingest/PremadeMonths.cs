using Kinerja.Ingest.Partitions;
using Kinerja.Ingest.Streams;
using Npgsql;
using NpgsqlTypes;

namespace Kinerja.Ingest.Bench;

/// <summary>
/// <c>--premake-months</c>: creates the stream partitions of every month the rows fall in before (b)'s and (c)'s timers
/// start, as (a)'s <c>bench_copy</c> table is created before psql's, and as the maintenance service keeps the current
/// month and the months ahead created in production. Without it the writer creates them on demand inside the timed
/// run (each month's first batch takes the partition lock exclusively and waits for the batch in flight). The writer
/// still takes that lock once per month it has not seen: that part stays in the figure.
/// </summary>
internal static class PremadeMonths
{
    public static async Task CreateAsync(string connectionString, BenchRow[] rows)
    {
        var months = rows.Select(r => new DateOnly(r.LocalDay.Year, r.LocalDay.Month, 1)).Distinct().Order().ToArray();
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(PartitionSql.Ensure, conn);
        cmd.Parameters.Add(new NpgsqlParameter<DateOnly[]> { TypedValue = months, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Date });
        cmd.Parameters.Add(new NpgsqlParameter<string[]>
        {
            TypedValue = new IngestStreamRegistry(IngestStreams.All).PartitionedTables,
            NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text,
        });
        var made = (int)(await cmd.ExecuteScalarAsync())!;
        Console.WriteLine($"    premade {made} stream partitions for {months.Length} months ({months[0]:yyyy-MM} to {months[^1]:yyyy-MM}), before the timer");
    }
}
