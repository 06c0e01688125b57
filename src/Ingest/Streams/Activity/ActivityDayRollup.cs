using Kinerja.Ingest.Pipeline;
using Kinerja.Ingest.Streams.Writing;
using Npgsql;
using NpgsqlTypes;

namespace Kinerja.Ingest.Streams.Activity;

/// <summary>
/// The one day-rollup upsert of new activities: <c>employee_day</c> count and pending minutes per employee and local
/// day, from sums computed in memory over the accepted activities, in (nip, day) order (two transactions' upserts
/// then lock rows in the same order and queue instead of deadlocking). Returns each day's stored total (pending +
/// approved) so an optimistic batch can verify the daily maximum (<see cref="WorkSet.TotalsUnchecked"/>).
/// </summary>
internal sealed class ActivityDayRollup : RollupCommand
{
    private const string Upsert = """
        insert into employee_day as d (nip, day, activity_count, minutes_pending)
        select * from unnest($1::bpchar[], $2::date[], $3::integer[], $4::integer[])
        on conflict (nip, day) do update
            set activity_count = d.activity_count + excluded.activity_count,
                minutes_pending = d.minutes_pending + excluded.minutes_pending
        returning nip::text, day, minutes_pending + minutes_approved
        """;

    private readonly SortedDictionary<(string Nip, DateOnly Day), (int Count, int Minutes, int Max)> _sums;
    private readonly bool _verify;

    /// <param name="verify">Throw <see cref="DayLimitExceededException"/> when a returned total is over its maximum.</param>
    public ActivityDayRollup(List<Entry<PreparedActivity>> activities, bool verify)
    {
        _sums = Sum(activities);
        _verify = verify;
        Command = BuildCommand(_sums);
    }

    public override NpgsqlBatchCommand Command { get; }

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

    private static NpgsqlBatchCommand BuildCommand(SortedDictionary<(string Nip, DateOnly Day), (int Count, int Minutes, int Max)> sums)
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

    /// <summary>Reads the upsert's day totals; when verifying, throws <see cref="DayLimitExceededException"/> for one over its maximum.</summary>
    public override async Task ReadAsync(NpgsqlDataReader reader, CancellationToken ct)
    {
        while (await reader.ReadAsync(ct))
        {
            var k = (reader.GetString(0), reader.GetFieldValue<DateOnly>(1));
            if (_verify && reader.GetInt32(2) > _sums[k].Max)
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
