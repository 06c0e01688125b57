using System.Globalization;
using Npgsql;
using NpgsqlTypes;

namespace Kinerja.Bench.Soak;

/// <summary>
/// Where the soak's one-minute activities go, decided before the load starts so that no employee's day can exceed
/// its region's daily maximum. Sequence <c>s</c> (the event id's low 64 bits) goes to employee <c>s mod E</c> (of a
/// shuffled list, so every batch touches every region) on window day <c>(s div E) mod D</c>: every (employee, day)
/// gets ⌊T/(E·D)⌋ or ⌈T/(E·D)⌉ of the T scheduled items, exactly, whatever the order they arrive in. The window is
/// the days of the current month before today (UTC; already past in WIB, WITA and WIT), extended back into the
/// previous month only as far as the planned volume needs. Times are 01:00-09:00 UTC, the same local date in every
/// Indonesian zone. The minutes already stored on each (employee, day) count against the maximum too.
/// </summary>
public sealed class WorkloadPlan
{
    /// <summary>The longest window the plan looks at (two months of days).</summary>
    public const int MaxDays = 62;

    private readonly Employee[] _order;
    private readonly int[] _stored;
    private readonly int[] _maxByRegion;
    private readonly string[] _regionIds;
    private readonly long[] _acked;

    private WorkloadPlan(Employee[] order, DateOnly[] days, int[] stored, int[] maxByRegion, string[] regionIds, long items)
    {
        _order = order;
        Days = days;
        _stored = stored;
        _maxByRegion = maxByRegion;
        _regionIds = regionIds;
        Items = items;
        _acked = new long[order.Length * days.Length];
    }

    /// <summary>The window's days, oldest first.</summary>
    public IReadOnlyList<DateOnly> Days { get; }

    /// <summary>Items the schedule holds (batches × batch size).</summary>
    public long Items { get; }

    /// <summary>The largest planned + stored minutes of any employee-day, per region index.</summary>
    public int[] PlannedMax { get; private set; } = [];

    /// <summary>True when some employee-day would go over its region's maximum: the server will reject the excess.</summary>
    public bool ExceedsLimit => PlannedMax.Where((p, r) => p > _maxByRegion[r]).Any();

    /// <summary>Items the plan itself expects rejected if every scheduled item were acked.</summary>
    public long PlannedRejections { get; private set; }

    /// <summary>
    /// The plan for <paramref name="items"/> items: the current month's past days when they suffice, else the fewest
    /// days back that keep every employee-day within its maximum (at most <see cref="MaxDays"/>; <paramref name="keepWindow"/>
    /// keeps the month's days even when they do not suffice, for a deliberate flood).
    /// </summary>
    public static async Task<WorkloadPlan> CreateAsync(string connectionString, Employee[] employees, RegionRow[] regions, long items,
        DateOnly today, bool keepWindow, CancellationToken ct)
    {
        var order = employees.ToArray();
        new Random(22).Shuffle(order);
        var maxByRegion = regions.Select(r => r.DailyMaxMinutes).ToArray();
        var stored = await StoredAsync(connectionString, order, today.AddDays(-MaxDays), today, ct);
        var days = Math.Max(1, today.Day - 1);
        while (true)
        {
            var plan = Build(order, stored, maxByRegion, regions.Select(r => r.Id).ToArray(), items, today, days);
            if (keepWindow || !plan.ExceedsLimit || days >= MaxDays)
            {
                return plan;
            }
            days++;
        }
    }

    private static WorkloadPlan Build(Employee[] order, Dictionary<(string, DateOnly), int> storedAll, int[] maxByRegion, string[] regionIds,
        long items, DateOnly today, int dayCount)
    {
        var days = Enumerable.Range(0, dayCount).Select(i => today.AddDays(i - dayCount)).ToArray();
        var e = order.Length;
        var stored = new int[e * dayCount];
        for (var i = 0; i < e; i++)
        {
            for (var d = 0; d < dayCount; d++)
            {
                stored[i * dayCount + d] = storedAll.GetValueOrDefault((order[i].Nip, days[d]));
            }
        }
        var plan = new WorkloadPlan(order, days, stored, maxByRegion, regionIds, items);
        var plannedMax = new int[maxByRegion.Length];
        long rejections = 0;
        for (var i = 0; i < e; i++)
        {
            // items of employee i: sequences i, i+E, i+2E, … below the total; their cycles spread over the days round-robin
            var mine = items / e + (i < items % e ? 1 : 0);
            for (var d = 0; d < dayCount; d++)
            {
                var planned = mine / dayCount + (d < mine % dayCount ? 1 : 0);
                var total = stored[i * dayCount + d] + planned;
                var r = order[i].Region;
                plannedMax[r] = (int)Math.Max(plannedMax[r], total);
                rejections += Over(stored[i * dayCount + d], planned, maxByRegion[r]);
            }
        }
        plan.PlannedMax = plannedMax;
        plan.PlannedRejections = rejections;
        return plan;
    }

    /// <summary>One-minute items beyond the maximum, first come first served: none of them fits once the day is full.</summary>
    private static long Over(int stored, long items, int max) => Math.Clamp(stored + items - max, 0, items);

    /// <summary>The employee of sequence <paramref name="sequence"/>.</summary>
    public Employee EmployeeOf(long sequence) => _order[sequence % _order.Length];

    /// <summary>A time on the sequence's window day, 01:00-09:00 UTC (08-16 WIB, 09-17 WITA, 10-18 WIT).</summary>
    public DateTimeOffset OccurredAt(long sequence, Random random)
    {
        var day = Days[(int)(sequence / _order.Length % Days.Count)];
        return new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddSeconds(3600 + random.Next(8 * 3600));
    }

    /// <summary>Counts the items of an acked batch on their employee-days (for <see cref="ExpectedRejections"/>).</summary>
    public void Acked(long firstSequence, int count)
    {
        for (var s = firstSequence; s < firstSequence + count; s++)
        {
            Interlocked.Increment(ref _acked[Pair(s)]);
        }
    }

    /// <summary>Items the server should have rejected among those acked: per employee-day, what exceeds the maximum.</summary>
    public long ExpectedRejections()
    {
        long expected = 0;
        for (var p = 0; p < _acked.Length; p++)
        {
            expected += Over(_stored[p], Interlocked.Read(ref _acked[p]), _maxByRegion[_order[p / Days.Count].Region]);
        }
        return expected;
    }

    private int Pair(long sequence) => (int)(sequence % _order.Length) * Days.Count + (int)(sequence / _order.Length % Days.Count);

    /// <summary>The plan in a few lines, printed before the load starts.</summary>
    public string Describe()
    {
        var inv = CultureInfo.InvariantCulture;
        var perPair = (double)Items / (_order.Length * Days.Count);
        var lines = new List<string>
        {
            string.Create(inv, $"Plan: {Items:N0} one-minute activities for {_order.Length:N0} employees over {Days.Count} past days ({Days[0]:yyyy-MM-dd} … {Days[^1]:yyyy-MM-dd}, 01:00-09:00 UTC): {perPair:0.#} minutes per employee-day on average, at most {Math.Ceiling(perPair):0} planned."),
        };
        for (var r = 0; r < _regionIds.Length; r++)
        {
            lines.Add(string.Create(inv,
                $"  region {_regionIds[r]}: at most {PlannedMax[r]} minutes per employee-day with what is already stored, daily maximum {_maxByRegion[r]} → {(PlannedMax[r] <= _maxByRegion[r] ? "within" : "OVER")}"));
        }
        if (ExceedsLimit)
        {
            lines.Add(string.Create(inv, $"  the plan exceeds the daily maximum: {PlannedRejections:N0} items would be rejected if all were acked"));
        }
        return string.Join('\n', lines);
    }

    /// <summary>Stored (pending + approved) minutes per (nip, day) of the window, as the ingest's daily-maximum check counts them.</summary>
    private static async Task<Dictionary<(string, DateOnly), int>> StoredAsync(string connectionString, Employee[] employees, DateOnly from,
        DateOnly to, CancellationToken ct)
    {
        var stored = new Dictionary<(string, DateOnly), int>();
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync(ct);
        await using var cmd = new NpgsqlCommand("""
            select nip::text, day, minutes_pending + minutes_approved
            from employee_day
            where day >= $1 and day < $2 and nip = any($3::bpchar[]) and minutes_pending + minutes_approved > 0
            """, conn);
        cmd.Parameters.Add(new NpgsqlParameter<DateOnly> { TypedValue = from });
        cmd.Parameters.Add(new NpgsqlParameter<DateOnly> { TypedValue = to });
        cmd.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = employees.Select(e => e.Nip).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            stored[(reader.GetString(0).TrimEnd(), reader.GetFieldValue<DateOnly>(1))] = reader.GetInt32(2);
        }
        return stored;
    }
}
