using Npgsql;
using NpgsqlTypes;

namespace Kinerja.Ingest.Pipeline;

/// <summary>
/// The one day-rollup upsert of new activities: <c>employee_day</c> count and pending minutes per employee and local
/// day, from sums computed in memory over the accepted activities, in (nip, day) order (two transactions' upserts
/// then lock rows in the same order and queue instead of deadlocking). Returns each day's stored total (pending +
/// approved) so an optimistic batch can verify the daily maximum (<see cref="WorkSet.DayTotalsUnchecked"/>).
/// </summary>
internal static class DayRollup
{
    private const string Upsert = """
        insert into employee_day as d (nip, day, activity_count, minutes_pending)
        select * from unnest($1::bpchar[], $2::date[], $3::integer[], $4::integer[])
        on conflict (nip, day) do update
            set activity_count = d.activity_count + excluded.activity_count,
                minutes_pending = d.minutes_pending + excluded.minutes_pending
        returning nip::text, day, minutes_pending + minutes_approved
        """;

    /// <summary>Sums per (nip, day) of <paramref name="activities"/>, in lock order, with each day's maximum.</summary>
    public static SortedDictionary<(string Nip, DateOnly Day), (int Count, int Minutes, int Max)> Sum(
        List<Entry<PreparedActivity>> activities)
    {
        var sums = new SortedDictionary<(string Nip, DateOnly Day), (int Count, int Minutes, int Max)>(DayKeyOrder.Instance);
        foreach (var e in activities)
        {
            var k = (e.Item.Employee.Nip, e.Item.LocalDay);
            var s = sums.TryGetValue(k, out var v) ? v : (Count: 0, Minutes: 0, Max: e.Item.Employee.Region.DailyMaxMinutes);
            sums[k] = (s.Count + 1, s.Minutes + e.Item.Item.Minutes, s.Max);
        }
        return sums;
    }

    public static NpgsqlBatchCommand Command(SortedDictionary<(string Nip, DateOnly Day), (int Count, int Minutes, int Max)> sums)
    {
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
        var cmd = new NpgsqlBatchCommand(Upsert);
        cmd.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = nips, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        cmd.Parameters.Add(new NpgsqlParameter<DateOnly[]> { TypedValue = days, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Date });
        cmd.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = counts, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer });
        cmd.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = minutes, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer });
        return cmd;
    }

    /// <summary>Reads the upsert's day totals; with <paramref name="verifyMaximum"/> throws <see cref="DayLimitExceededException"/> when one is over its maximum.</summary>
    public static async Task VerifyAsync(NpgsqlDataReader reader,
        SortedDictionary<(string Nip, DateOnly Day), (int Count, int Minutes, int Max)> sums, bool verifyMaximum, CancellationToken ct)
    {
        while (await reader.ReadAsync(ct))
        {
            var k = (reader.GetString(0), reader.GetFieldValue<DateOnly>(1));
            if (verifyMaximum && reader.GetInt32(2) > sums[k].Max)
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

/// <summary>An optimistic batch holds an event id stored before; the writer redoes it claiming ids first.</summary>
internal sealed class EventStoredException() : Exception("An event of the batch is stored already.");
