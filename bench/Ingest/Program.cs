using System.Diagnostics;
using System.Globalization;
using Dapper;
using Kinerja.Core.Database;
using Kinerja.Embedded;
using Kinerja.Ingest.Bench;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

// Ingest benchmark (bench/Ingest/README.md): (a) psql \copy baseline, (b) pipeline in-process,
// (c) HTTP NDJSON from a separate client process, (d) one Dapper INSERT per row; plus ack latency
// of (c) at a steady offered rate. One durable embedded cluster, synchronous_commit on.
// --compare-partitioning: (b) into partitioned vs unpartitioned streams instead (PartitionCompare).
var bench = BenchArgs.Parse(args);
if (bench.Client)
{
    return await HttpClientMode.RunAsync(bench);
}
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
if (bench.ServerPath)
{
    return await ServerPath.RunAsync(bench);
}
WriterPhases.Listen();
if (bench.BatchSize is { } batchSize)
{
    Methods.SettingValues["Kinerja:Ingest:BatchSize"] = batchSize.ToString(CultureInfo.InvariantCulture);
}
if (bench.Overlap is { } overlap)
{
    Methods.SettingValues["Kinerja:Ingest:OverlapBatches"] = overlap ? "true" : "false";
}
if (Directory.Exists(bench.Work))
{
    Directory.Delete(bench.Work, recursive: true);
}
Directory.CreateDirectory(bench.Work);
Console.WriteLine($"Kinerja ingest bench: {bench.Rows:N0} rows, control {bench.ControlRows:N0} rows, work folder {bench.Work}");
var clusterOptions = new EmbeddedPostgresOptions
{
    DataDir = Path.Combine(bench.Work, "pg"),
    Durable = true,
    Database = "postgres",
    // Equal for all four methods: durable commits, and a buffer cache sized as for a real server.
    Settings = { ["synchronous_commit"] = "on", ["shared_buffers"] = "1GB", ["max_wal_size"] = "4GB" },
};
if (bench.Statements)
{
    clusterOptions.Settings["shared_preload_libraries"] = Statements.Preload;
    // nested statements too: the employee_month statement triggers run inside the day-rollup upsert
    clusterOptions.Settings["pg_stat_statements.track"] = "all";
}
await using var cluster = new EmbeddedPostgres(clusterOptions);
await cluster.StartAsync();

async Task<string> FreshDatabaseAsync(string name)
{
    await cluster.CreateDatabaseAsync(name);
    var cs = cluster.ConnectionStringFor(name);
    await MigrationRunner.MigrateAsync(cs, NullLogger.Instance);
    await BenchData.SeedAsync(cs);
    if (bench.Statements)
    {
        await Statements.CreateAsync(cs);
    }
    return cs;
}

async Task<long> CountAsync(string cs, string sql)
{
    await using var conn = new NpgsqlConnection(cs);
    return await conn.ExecuteScalarAsync<long>(sql);
}

var clock = Stopwatch.StartNew();
var rows = BenchData.Generate(bench.Rows, seed: 1, firstDay: new DateOnly(2025, 1, 1));
var latencyRows = BenchData.Generate(bench.Rate * bench.LatencySeconds, seed: 2, firstDay: new DateOnly(2024, 1, 1));
var csv = Path.Combine(bench.Work, "rows.csv");
var ndjson = Path.Combine(bench.Work, "rows.ndjson");
var latencyNdjson = Path.Combine(bench.Work, "latency.ndjson");
await BenchData.WriteCsvAsync(csv, rows);
await BenchData.WriteNdjsonAsync(ndjson, rows);
await BenchData.WriteNdjsonAsync(latencyNdjson, latencyRows);
Console.WriteLine($"Generated rows and files in {clock.Elapsed.TotalSeconds:N1} s");
var setting = await CountAsync(cluster.AdminConnectionString, "select count(*) from pg_settings where name = 'synchronous_commit' and setting = 'on'");
Console.WriteLine($"synchronous_commit on: {setting == 1}; fsync on: {await CountAsync(cluster.AdminConnectionString, "select count(*) from pg_settings where name = 'fsync' and setting = 'on'") == 1}");

if (bench.ComparePartitioning)
{
    await PartitionCompare.RunAsync(FreshDatabaseAsync, rows, bench);
    await cluster.StopAsync();
    return 0;
}

if (Environment.GetEnvironmentVariable("KINERJA_BENCH_PROBE") == "1")
{
    await Probe.RunAsync(await FreshDatabaseAsync("bench_probe"), rows, csv);
}

// (a) baseline
var dbA = await FreshDatabaseAsync("bench_a");
var a = await Methods.PsqlCopyAsync(dbA, csv);
Check(await CountAsync(dbA, "select count(*) from bench_copy"), bench.Rows, "(a)");
Console.WriteLine($"(a) psql \\copy           {bench.Rows / a,12:N0} rows/s  ({a:N1} s)");

// (b) pipeline in-process
var dbB = await FreshDatabaseAsync("bench_b");
await PremakeMonthsAsync(dbB);
await ResetStatementsAsync(dbB);
var costB = CostMeter.Start(cluster.DataDir);
var (b, acceptedB) = await Methods.PipelineAsync(dbB, rows, bench.Producers, bench.ChunkOrBatchSize);
Check(acceptedB, bench.Rows, "(b) accepted");
Check(await CountAsync(dbB, "select count(*) from activity"), bench.Rows, "(b)");
Console.WriteLine($"(b) pipeline in-process  {bench.Rows / b,12:N0} rows/s  ({b:N1} s)");
Console.WriteLine(costB.Line(bench.Rows));
await PrintStatementsAsync(dbB);
PrintTimings();

// (c) HTTP from a separate process, then latency at a steady rate
var dbC = await FreshDatabaseAsync("bench_c");
await PremakeMonthsAsync(dbC);
var port = HttpBench.FreePort();
var url = $"http://127.0.0.1:{port}";
HttpBench.ClientReport c, latency;
await using (var server = await HttpBench.StartServerAsync(dbC, port))
{
    await ResetStatementsAsync(dbC);
    var costC = CostMeter.Start(cluster.DataDir);
    c = await HttpBench.RunClientAsync(url, ndjson, "throughput", bench);
    Check(c.Accepted, bench.Rows, "(c) accepted");
    Console.WriteLine(costC.Line(bench.Rows, c.CpuSeconds));
    await PrintStatementsAsync(dbC);
    PrintTimings();
    Console.WriteLine($"(c) HTTP NDJSON          {bench.Rows / c.Seconds,12:N0} rows/s  ({c.Seconds:N1} s, batches of {bench.HttpBatch}, {bench.HttpConcurrency} connections, {c.Retries} retries)");
    latency = await HttpBench.RunClientAsync(url, latencyNdjson, "latency", bench);
    Check(latency.Accepted, latency.Rows, "(c) latency accepted");
    Console.WriteLine($"(c) ack latency at {bench.Rate:N0}/s for {latency.Seconds:N0} s: p50 {latency.P50:N1} ms, p99 {latency.P99:N1} ms, max {latency.Max:N1} ms");
    await server.StopAsync();
}
Check(await CountAsync(dbC, "select count(*) from activity"), bench.Rows + latency.Rows, "(c)");

// (d) control: one INSERT per row
var dbD = await FreshDatabaseAsync("bench_d");
var controlRows = rows[..Math.Min(bench.ControlRows, rows.Length)];
var d = await Methods.DapperPerRowAsync(dbD, controlRows);
Check(await CountAsync(dbD, "select count(*) from activity"), controlRows.Length, "(d)");
var dRate = controlRows.Length / d;
Console.WriteLine($"(d) Dapper INSERT/row    {dRate,12:N0} rows/s  ({controlRows.Length:N0} rows in {d:N1} s; {bench.Rows:N0} rows would take ~{bench.Rows / dRate / 60:N0} min)");

// (a) once more at the end: this machine's disk makes one psql run vary by tens of percent; the ratios
// use the faster of the two runs, which can only make ours look worse
var dbA2 = await FreshDatabaseAsync("bench_a2");
var a2 = await Methods.PsqlCopyAsync(dbA2, csv);
Check(await CountAsync(dbA2, "select count(*) from bench_copy"), bench.Rows, "(a) again");
Console.WriteLine($"(a) psql \\copy again     {bench.Rows / a2,12:N0} rows/s  ({a2:N1} s); ratios below use the faster run");
a = Math.Min(a, a2);

var baseline = bench.Rows / a;
Console.WriteLine();
Console.WriteLine("| method | rows | seconds | rows/s | × (a) |");
Console.WriteLine("|---|---:|---:|---:|---:|");
Console.WriteLine($"| (a) psql \\copy (baseline, faster of 2 runs) | {bench.Rows:N0} | {a:N1} | {baseline:N0} | 1.00 |");
Console.WriteLine($"| (b) pipeline in-process | {bench.Rows:N0} | {b:N1} | {bench.Rows / b:N0} | {bench.Rows / b / baseline:N2} |");
Console.WriteLine($"| (c) HTTP NDJSON, separate client | {bench.Rows:N0} | {c.Seconds:N1} | {bench.Rows / c.Seconds:N0} | {bench.Rows / c.Seconds / baseline:N2} |");
Console.WriteLine($"| (d) Dapper INSERT per row (extrapolated from {controlRows.Length:N0}) | {controlRows.Length:N0} | {d:N1} | {dRate:N0} | {dRate / baseline:N3} |");
Console.WriteLine($"| (c) ack latency at {bench.Rate:N0} events/s | {latency.Rows:N0} | {latency.Seconds:N1} | p50 {latency.P50:N1} ms | p99 {latency.P99:N1} ms |");
await cluster.StopAsync();
return 0;

async Task PremakeMonthsAsync(string cs)
{
    if (bench.PremakeMonths)
    {
        await PremadeMonths.CreateAsync(cs, rows);
    }
}

async Task ResetStatementsAsync(string cs)
{
    if (bench.Statements)
    {
        await Statements.ResetAsync(cs);
    }
}

async Task PrintStatementsAsync(string cs)
{
    if (bench.Statements)
    {
        await Statements.PrintAsync(cs, WriterPhases.Batches);
    }
}

static void PrintTimings()
{
    var t = WriterPhases.Snapshot();
    Console.WriteLine($"    writer: {WriterPhases.Batches:N0} batches, {WriterPhases.Items:N0} items; " +
                      string.Join(", ", t.Select(x => $"{x.Phase} {x.Seconds:N1} s")));
    WriterPhases.Reset();
}

static void Check(long actual, long expected, string what)
{
    if (actual != expected)
    {
        throw new InvalidOperationException($"{what}: expected {expected:N0} rows, found {actual:N0}.");
    }
}
