using System.Diagnostics;
using Dapper;
using Kinerja.Ingest.Pipeline;
using Npgsql;

namespace Kinerja.Ingest.Bench;

/// <summary>
/// <c>--compare-partitioning</c>: the pipeline (b) into the partitioned streams of migration 0006 and into an
/// unpartitioned copy of the same tables (same columns, keys, indexes, the same <c>event_registry</c>, so the
/// difference is partitioning alone), alternating A-B-B-A in one run; then stream reads on both.
/// </summary>
internal static class PartitionCompare
{
    /// <summary>Replaces the partitioned streams of a migrated, still empty database by plain tables of the same shape.</summary>
    private const string Unpartition = """
        alter sequence attendance_arrival_seq owned by none;
        create table activity_flat (like activity including all);
        create table activity_review_flat (like activity_review including all);
        create table attendance_flat (like attendance including all);
        create table rating_flat (like rating including all);
        drop table activity_review, activity, attendance, rating;
        alter table activity_flat rename to activity;
        alter table activity_review_flat rename to activity_review;
        alter table attendance_flat rename to attendance;
        alter table rating_flat rename to rating;
        alter table activity add foreign key (nip) references employee (nip);
        alter table activity_review add foreign key (activity_event_id, activity_day) references activity (event_id, local_day);
        alter table attendance add foreign key (nip) references employee (nip);
        alter table rating add foreign key (ratee_nip) references employee (nip);
        alter table rating add foreign key (unit_id) references unit (id);
        -- nothing to create on demand in this layout (the writer calls it for months it has not seen)
        create or replace function stream_partitions_ensure(p_month date) returns integer language sql as 'select 0';
        """;

    /// <summary>Three years of (empty) monthly partitions, as a database in its third year would have.</summary>
    private const string History = """
        select sum(stream_partitions_ensure(m::date))
        from generate_series(date_trunc('month', now()) - interval '36 months', date_trunc('month', now()), interval '1 month') m
        """;

    public static async Task RunAsync(Func<string, Task<string>> freshDatabase, BenchRow[] rows, BenchArgs bench)
    {
        Console.WriteLine($"Partitioned vs unpartitioned streams: pipeline (b), {rows.Length:N0} rows per run, order A B B A");
        var seconds = new Dictionary<bool, List<double>> { [true] = [], [false] = [] };
        var last = new Dictionary<bool, string>();
        var round = 0;
        foreach (var partitioned in new[] { true, false, false, true })
        {
            var cs = await freshDatabase($"bench_part_{round++}");
            await using (var conn = new NpgsqlConnection(cs))
            {
                await conn.ExecuteAsync(partitioned ? History : Unpartition, commandTimeout: 600);
            }
            WriterPhases.Reset();
            var (s, accepted) = await Methods.PipelineAsync(cs, rows, bench.Producers, bench.ChunkOrBatchSize);
            if (accepted != rows.Length)
            {
                throw new InvalidOperationException($"accepted {accepted:N0} of {rows.Length:N0}");
            }
            await using (var conn = new NpgsqlConnection(cs))
            {
                await conn.ExecuteAsync("vacuum analyze activity, event_registry, employee_day", commandTimeout: 600);
                var parts = await conn.ExecuteScalarAsync<long>("select count(*) from pg_inherits i join pg_class c on c.oid = i.inhparent where c.relname = 'activity'");
                Console.WriteLine($"  {(partitioned ? "A partitioned" : "B unpartitioned"),-16} {rows.Length / s,10:N0} rows/s  ({s:N1} s; activity partitions: {parts})");
            }
            seconds[partitioned].Add(s);
            last[partitioned] = cs;
        }
        var part = rows.Length / seconds[true].Average();
        var flat = rows.Length / seconds[false].Average();
        Console.WriteLine();
        Console.WriteLine("| layout | runs | rows/s (mean of runs) | × unpartitioned |");
        Console.WriteLine("|---|---:|---:|---:|");
        Console.WriteLine($"| unpartitioned (same tables, same registry) | 2 | {flat:N0} | 1.00 |");
        Console.WriteLine($"| partitioned by month (0006) | 2 | {part:N0} | {part / flat:N2} |");

        Console.WriteLine();
        Console.WriteLine("| stream read (median of 5) | unpartitioned ms | partitioned ms | × |");
        Console.WriteLine("|---|---:|---:|---:|");
        var nips = Enumerable.Range(0, 200).Select(i => BenchData.Nip(i * 7 % BenchData.EmployeeCount)).ToArray();
        var reviewTargets = rows.Where((_, i) => i % 300 == 0).Take(1000).Select(r => r.EventId).ToArray();
        await ReadAsync(last, "one employee's month of activities × 200 (nip, local_day index)", async conn =>
        {
            foreach (var nip in nips)
            {
                await conn.ExecuteScalarAsync<long>("""
                    select coalesce(sum(minutes), 0) from activity
                    where nip = @nip::bpchar and local_day >= date '2025-02-01' and local_day < date '2025-03-01'
                    """, new { nip });
            }
        });
        await ReadAsync(last, $"review targets: owners of {reviewTargets.Length:N0} activity ids (writer check)", async conn =>
            await conn.QueryAsync(Kinerja.Ingest.Streams.Review.ReviewCheck.ActivityOwners.Replace("$1", "@ids", StringComparison.Ordinal), new { ids = reviewTargets }));
        await ReadAsync(last, $"retry check: {reviewTargets.Length:N0} ids in event_registry", async conn =>
            await conn.QueryAsync(Kinerja.Ingest.Streams.Activity.ActivityCheck.ExistingActivities.Replace("$1", "@ids", StringComparison.Ordinal), new { ids = reviewTargets }));
        await ReadAsync(last, "full recompute of employee_day from the streams (RollupRecompute)", async conn =>
            await conn.ExecuteScalarAsync<long>($"select count(*) from ({RollupRecompute.EmployeeDaySql}) x", commandTimeout: 600));
    }

    private static async Task ReadAsync(Dictionary<bool, string> dbs, string what, Func<NpgsqlConnection, Task> read)
    {
        var ms = new Dictionary<bool, double>();
        foreach (var partitioned in new[] { false, true })
        {
            await using var conn = new NpgsqlConnection(dbs[partitioned]);
            await conn.OpenAsync();
            await read(conn); // warm
            var runs = new List<double>();
            for (var i = 0; i < 5; i++)
            {
                var clock = Stopwatch.StartNew();
                await read(conn);
                runs.Add(clock.Elapsed.TotalMilliseconds);
            }
            runs.Sort();
            ms[partitioned] = runs[2];
        }
        Console.WriteLine($"| {what} | {ms[false]:N1} | {ms[true]:N1} | {ms[true] / ms[false]:N2} |");
    }
}
