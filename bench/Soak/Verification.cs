using Npgsql;

namespace Kinerja.Bench.Soak;

/// <summary>The end check. <paramref name="Lost"/>: acked events not in the table. <paramref name="Duplicated"/>: rows beyond one per event id.
/// <paramref name="UnackedStored"/>: rows of batches that got no 2xx (a timed-out request that committed anyway; not an error).</summary>
public sealed record Integrity(long AckedEvents, long RowsOfRun, long Lost, long Duplicated, long UnackedStored, int AckedBatches,
    int UnackedBatches, TimeSpan Took);

/// <summary>
/// Counts the stored <c>activity</c> rows of this run per batch straight from the event ids (the run tag is the high
/// 64 bits, the sequence the low 64, so one index range scan finds them all) and compares with what was acked.
/// </summary>
public static class Verification
{
    public static async Task<Integrity> CheckAsync(string connectionString, IngestLoad load, int batchSize, CancellationToken ct)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var rows = new Dictionary<long, (long N, long Distinct)>();
        await using (var conn = new NpgsqlConnection(connectionString))
        {
            await conn.OpenAsync(ct);
            await using var cmd = new NpgsqlCommand("""
                select ('x' || substr(replace(event_id::text, '-', ''), 17, 16))::bit(64)::bigint / $3 as batch,
                       count(*) as n, count(distinct event_id) as d
                from activity
                where event_id between $1 and $2
                group by 1
                """, conn);
            cmd.Parameters.AddWithValue(load.EventId(0));
            cmd.Parameters.AddWithValue(load.EventId(long.MaxValue));
            cmd.Parameters.AddWithValue((long)batchSize);
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                rows[reader.GetInt64(0)] = (reader.GetInt64(1), reader.GetInt64(2));
            }
        }
        long acked = 0, lost = 0, duplicated = 0, unackedStored = 0, total = 0;
        int ackedBatches = 0, unackedBatches = 0;
        foreach (var (_, (n, d)) in rows)
        {
            total += n;
            duplicated += n - d;
        }
        for (var b = 0; b < load.Batches; b++)
        {
            var (n, d) = rows.GetValueOrDefault(b);
            var stored = load.Stored[b];
            if (stored >= 0)
            {
                ackedBatches++;
                acked += stored;
                lost += Math.Max(0, stored - d);
            }
            else
            {
                unackedBatches += stored == -2 ? 1 : 0;
                unackedStored += n;
            }
        }
        return new Integrity(acked, total, lost, duplicated, unackedStored, ackedBatches, unackedBatches, watch.Elapsed);
    }
}
