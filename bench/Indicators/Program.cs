using System.Diagnostics;
using System.Globalization;
using Kinerja.Bench.Indicators;
using Kinerja.Core.Calendar;
using Kinerja.Core.Changes;
using Kinerja.Core.Database;
using Kinerja.Embedded;
using Kinerja.Core.Domain;
using Kinerja.Core.Indicators;
using Kinerja.Core.Indicators.Live;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

// Indicators benchmark (issue 4): month snapshots of every employee from the rollups vs the same
// figures recomputed naively from the raw events, and the cost of one incremental update.
// Usage: dotnet run -c Release --project bench/Indicators [-- --employees 100000 --data-dir /tmp/kinerja-bench-indicators]
var employees = IntArg("--employees", 100_000);
var dataDir = StringArg("--data-dir", Path.Combine(Path.GetTempPath(), "kinerja-bench-indicators"));
var runs = IntArg("--runs", 3);
var time = new FixedTime(new DateTimeOffset(2026, 11, 25, 3, 0, 0, TimeSpan.Zero)); // 10:00 WIB, Wednesday
var month = Period.Month(2026, 11);

Console.WriteLine($"Kinerja indicators benchmark: {employees:N0} employees, a year of history to {time.GetUtcNow():yyyy-MM-dd}, {Environment.ProcessorCount} cores");
await using var cluster = new EmbeddedPostgres(new EmbeddedPostgresOptions
{
    DataDir = dataDir,
    Database = "bench",
    Durable = false,
    Settings =
    {
        // load settings only; query settings stay the server defaults, as in production
        ["maintenance_work_mem"] = "1GB",
        ["max_wal_size"] = "8GB",
        ["checkpoint_timeout"] = "30min",
        // with --explain, plans of statements slower than 100 ms go to <data-dir>/kinerja-server.log
        ["session_preload_libraries"] = args.Contains("--explain") ? "auto_explain" : "''",
        ["auto_explain.log_min_duration"] = "100ms",
        ["auto_explain.log_analyze"] = "on",
    },
});
await cluster.StartAsync();
await MigrationRunner.MigrateAsync(cluster.ConnectionString, NullLogger.Instance);
await using var db = NpgsqlDataSource.Create(cluster.ConnectionString);
await BenchData.EnsureAsync(db, employees, new DateOnly(2026, 11, 25));
await BenchData.EnsureMonthRollupAsync(db);
await PrintSizesAsync(db);

var calendars = new CalendarCache(db, time, NullLogger<CalendarCache>.Instance);
var queries = new IndicatorQueries(db, calendars, time);
await calendars.RefreshAsync();

var cpu = new CpuMeter(cluster.DataDir);
Console.WriteLine($"  load average now: {LoadAverage()}");

// 1. all employees' month snapshots from the rollups (warm-up run, then the measured runs)
IReadOnlyList<IndicatorSnapshot> fast = [];
var fastTimes = new List<(double Wall, double Cpu)>();
for (var i = 0; i <= runs; i++)
{
    var w = Stopwatch.StartNew();
    var c0 = cpu.Seconds();
    fast = await queries.EmployeesAsync(month);
    var sample = (w.Elapsed.TotalSeconds, cpu.Seconds() - c0);
    if (i > 0)
    {
        fastTimes.Add(sample);
    }
    Console.WriteLine($"  rollups, run {i}{(i == 0 ? " (warm-up)" : "")}: {sample.Item1:F2} s wall, {sample.Item2:F2} s CPU, {fast.Count:N0} snapshots");
}
fastTimes.Sort();
var (fastMedian, fastCpu) = fastTimes[fastTimes.Count / 2];

// 2. the same, naively over the raw events (--no-naive skips it: its rows then say "skipped")
var skipNaive = args.Contains("--no-naive");
var watch = Stopwatch.StartNew();
var naiveC0 = cpu.Seconds();
var naive = skipNaive ? null : await queries.RecomputeFromRawAsync(month);
var naiveSeconds = watch.Elapsed.TotalSeconds;
var naiveCpu = cpu.Seconds() - naiveC0;
Console.WriteLine(naive is null
    ? "  naive over raw events: skipped (--no-naive)"
    : $"  naive over raw events: {naiveSeconds:F2} s wall, {naiveCpu:F2} s CPU, {naive.Count:N0} snapshots");
int? mismatches = naive is null ? null : fast.Zip(naive).Count(p => p.First with
{
    PreviousPredikat = null, PeriodsSangatBaik = 0, PeriodsBaik = 0, PeriodsButuhPerbaikan = 0,
    PeriodsKurangMisconduct = 0, PeriodsSangatKurang = 0,
} != p.Second) + Math.Abs(fast.Count - naive.Count);

// 3. live: load every region, then one changed employee
var live = new LiveIndicators(queries, calendars, time, NullLogger<LiveIndicators>.Instance);
watch.Restart();
await live.LoadAllAsync();
var loadSeconds = watch.Elapsed.TotalSeconds;
var loadStats = live.Stats;
var nip = fast[fast.Count / 2].Nip;
await using (var conn = await db.OpenConnectionAsync())
await using (var cmd = new NpgsqlCommand("""
    update employee_day set minutes_approved = minutes_approved + 60, activity_count = activity_count + 1
    where nip = $1 and day = date '2026-11-25'
    """, conn))
{
    cmd.Parameters.AddWithValue(nip);
    await cmd.ExecuteNonQueryAsync();
}
var before = live.Employee(nip)!.ActivityMinutes;
var incTimes = new List<double>();
for (var i = 0; i < 5; i++)
{
    watch.Restart();
    await live.ApplyAsync(new EventsChanged { Nips = [nip] });
    incTimes.Add(watch.Elapsed.TotalMilliseconds);
}
var incStats = live.Stats;
await using (var conn = await db.OpenConnectionAsync())
await using (var cmd = new NpgsqlCommand("""
    update employee_day set minutes_approved = minutes_approved - 60, activity_count = activity_count - 1
    where nip = $1 and day = date '2026-11-25'
    """, conn))
{
    cmd.Parameters.AddWithValue(nip); // undo, so the next run starts from data equal to the raw events
    await cmd.ExecuteNonQueryAsync();
}
incTimes.Sort();
Console.WriteLine($"  live load: {loadSeconds:F2} s for {loadStats.LastEmployeesRecomputed:N0} employees in {loadStats.LastQueries} queries");
Console.WriteLine($"  one incremental update: {incTimes[incTimes.Count / 2]:F1} ms (median of 5), recomputed {incStats.LastEmployeesRecomputed} employee(s) in {incStats.LastQueries} query; minutes {before} -> {live.Employee(nip)!.ActivityMinutes}");

Console.WriteLine();
Console.WriteLine($"load average at the end: {LoadAverage()}");
Console.WriteLine("| measure | wall | CPU (client + PostgreSQL) | target |");
Console.WriteLine("|---|---|---|---|");
Console.WriteLine(Inv($"| month snapshots of {fast.Count:N0} employees from the rollups (median of {runs}) | {fastMedian:F2} s | {fastCpu:F2} s | ≤ 3 s |"));
if (naive is null)
{
    Console.WriteLine("| same figures naively over the raw events | skipped (--no-naive) | skipped | |");
    Console.WriteLine("| speed-up | skipped | skipped | ≥ 10× |");
    Console.WriteLine("| snapshots differing between the two | skipped | | 0 |");
}
else
{
    Console.WriteLine(Inv($"| same figures naively over the raw events | {naiveSeconds:F2} s | {naiveCpu:F2} s | |"));
    Console.WriteLine(Inv($"| speed-up | {naiveSeconds / fastMedian:F1}× | {naiveCpu / Math.Max(fastCpu, 0.01):F1}× | ≥ 10× |"));
    Console.WriteLine(Inv($"| snapshots differing between the two | {mismatches} | | 0 |"));
}
Console.WriteLine(Inv($"| live full load (all regions) | {loadSeconds:F2} s | {loadStats.LastEmployeesRecomputed:N0} employees, {loadStats.LastQueries} query | |"));
Console.WriteLine(Inv($"| one incremental update (1 changed employee) | {incTimes[incTimes.Count / 2]:F1} ms | {incStats.LastEmployeesRecomputed} employee recomputed, {incStats.LastQueries} query | only the changed subject |"));
await cluster.StopAsync();
return mismatches is null or 0 ? 0 : 1;

static string LoadAverage() =>
    File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";

static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

int IntArg(string name, int fallback) =>
    Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;

string StringArg(string name, string fallback) =>
    Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;

static async Task PrintSizesAsync(NpgsqlDataSource db)
{
    await using var conn = await db.OpenConnectionAsync();
    await using var cmd = new NpgsqlCommand("""
        select relname, n_live_tup, pg_size_pretty(pg_total_relation_size(relid))
        from pg_stat_user_tables where relname in ('employee_day', 'activity', 'attendance', 'rating', 'rating_rollup', 'employee_period_level')
        order by relname
        """, conn);
    await using var r = await cmd.ExecuteReaderAsync();
    while (await r.ReadAsync())
    {
        Console.WriteLine($"  {r.GetString(0),-22} {r.GetInt64(1),12:N0} rows {r.GetString(2),10}");
    }
}

internal sealed class FixedTime(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
