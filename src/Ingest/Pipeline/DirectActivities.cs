using Npgsql;
using NpgsqlTypes;

namespace Kinerja.Ingest.Pipeline;

/// <summary>
/// The hot path for activities the writer's check found new: binary COPY straight into <c>activity</c>,
/// then one upsert of the day rollups from sums computed here (count and pending minutes per employee
/// and local day). Runs in the writer's transaction; a unique violation (the event is stored already)
/// aborts it, and so does a day total over its maximum when stored totals were not read first.
/// </summary>
internal static class DirectActivities
{
    private const string Copy = """
        copy activity (event_id, nip, occurred_at, local_day, minutes, volume, output, description, skp_indicator)
        from stdin (format binary)
        """;

    private const string Rollup = """
        insert into employee_day as d (nip, day, activity_count, minutes_pending)
        select * from unnest($1::bpchar[], $2::date[], $3::integer[], $4::integer[])
        on conflict (nip, day) do update
            set activity_count = d.activity_count + excluded.activity_count,
                minutes_pending = d.minutes_pending + excluded.minutes_pending
        returning nip::text, day, minutes_pending + minutes_approved
        """;

    /// <summary>The first half: the binary COPY into <c>activity</c> (a stored event id on the same day fails it).</summary>
    public static async Task CopyRowsAsync(NpgsqlConnection conn, WorkSet w, CancellationToken ct)
    {
        await using var copy = await conn.BeginBinaryImportAsync(Copy, ct);
        StagingCopy.WriteActivities(copy, w.ActivitiesToInsert, NpgsqlDbType.Char);
        await copy.CompleteAsync(ct);
    }

    /// <summary>
    /// The second half, one round trip: claims the ids in <c>event_registry</c> (a stored one fails it), upserts
    /// the day rollups from in-memory sums in (nip, day) order — two writers' upserts then lock rows in the same
    /// order — and sends <paramref name="notify"/>.
    /// </summary>
    public static async Task ClaimAndRollupAsync(NpgsqlConnection conn, WorkSet w, Kinerja.Core.Changes.ChangeNotice? notify, CancellationToken ct)
    {
        var sums = new SortedDictionary<(string Nip, DateOnly Day), (int Count, int Minutes, int Max)>(DayKeyOrder.Instance);
        foreach (var e in w.ActivitiesToInsert)
        {
            var k = (e.Item.Employee.Nip, e.Item.LocalDay);
            var s = sums.TryGetValue(k, out var v) ? v : (Count: 0, Minutes: 0, Max: e.Item.Employee.Region.DailyMaxMinutes);
            sums[k] = (s.Count + 1, s.Minutes + e.Item.Item.Minutes, s.Max);
        }
        var nips = new string[sums.Count];
        var days = new DateOnly[sums.Count];
        var counts = new int[sums.Count];
        var minutes = new int[sums.Count];
        var i = 0;
        foreach (var ((nip, day), (count, m, _)) in sums)
        {
            (nips[i], days[i], counts[i], minutes[i]) = (nip, day, count, m);
            i++;
        }
        await using var batch = new NpgsqlBatch(conn);
        // partitions (0006): the event ids are claimed in the registry first; a stored one fails the batch
        batch.BatchCommands.Add(EventRegistry.ClaimActivitiesCommand(w.ActivitiesToInsert));
        var cmd = new NpgsqlBatchCommand(Rollup);
        batch.BatchCommands.Add(cmd);
        if (notify is { IsEmpty: false })
        {
            batch.BatchCommands.Add(ChangeNotifier.Command(notify));
        }
        cmd.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = nips, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        cmd.Parameters.Add(new NpgsqlParameter<DateOnly[]> { TypedValue = days, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Date });
        cmd.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = counts, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer });
        cmd.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = minutes, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer });
        await using var reader = await batch.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var k = (reader.GetString(0), reader.GetFieldValue<DateOnly>(1));
            if (w.DayTotalsUnchecked && reader.GetInt32(2) > sums[k].Max)
            {
                throw new DayLimitExceededException();
            }
        }
    }
}

/// <summary>(nip, day) in ordinal order, the order the rollup upsert locks rows in.</summary>
internal sealed class DayKeyOrder : IComparer<(string Nip, DateOnly Day)>
{
    public static readonly DayKeyOrder Instance = new();

    public int Compare((string Nip, DateOnly Day) x, (string Nip, DateOnly Day) y)
    {
        var c = string.CompareOrdinal(x.Nip, y.Nip);
        return c != 0 ? c : x.Day.CompareTo(y.Day);
    }
}

/// <summary>An optimistic batch took a day over its maximum; the writer redoes it with stored totals read first.</summary>
internal sealed class DayLimitExceededException() : Exception("A day total went over its maximum.");
