using System.Diagnostics;
using System.Globalization;
using Dapper;
using Kinerja.Ingest.Contracts;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Kinerja.Ingest.Bench;

/// <summary>(a) psql \copy, (b) the pipeline in-process, (d) one Dapper INSERT per row.</summary>
internal static class Methods
{
    /// <summary>(a): CSV through <c>psql \copy</c> into a copy of <c>activity</c> with the same indexes and keys.</summary>
    public static async Task<double> PsqlCopyAsync(string connectionString, string csvPath)
    {
        await using (var conn = new NpgsqlConnection(connectionString))
        {
            await conn.OpenAsync();
            await conn.ExecuteAsync("""
                create table bench_copy (like activity including all);
                alter table bench_copy add foreign key (nip) references employee (nip);
                """);
        }
        var cs = new NpgsqlConnectionStringBuilder(connectionString);
        var psi = new ProcessStartInfo("psql")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        foreach (var a in new[]
                 {
                     "-h", cs.Host!, "-p", cs.Port.ToString(CultureInfo.InvariantCulture), "-U", cs.Username!, "-d", cs.Database!,
                     "-v", "ON_ERROR_STOP=1", "-c",
                     $"\\copy bench_copy (event_id, nip, occurred_at, local_day, minutes, volume, output, description, skp_indicator) from '{csvPath}' with (format csv)",
                 })
        {
            psi.ArgumentList.Add(a);
        }
        psi.Environment["PGPASSWORD"] = cs.Password;
        var clock = Stopwatch.StartNew();
        using var p = Process.Start(psi)!;
        var err = p.StandardError.ReadToEndAsync();
        var output = await p.StandardOutput.ReadToEndAsync();
        await p.WaitForExitAsync();
        clock.Stop();
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"psql failed: {await err} {output}");
        }
        return clock.Elapsed.TotalSeconds;
    }

    /// <summary>(b): <see cref="IIngestPipeline"/> in-process, several producers submitting chunks.</summary>
    public static async Task<(double Seconds, long Accepted)> PipelineAsync(string connectionString, BenchRow[] rows, int producers,
        int chunk)
    {
        await using var provider = Services(connectionString);
        var pipeline = provider.GetRequiredService<IIngestPipeline>();
        var items = rows.Select(BenchData.ToItem).ToArray();
        // warm-up: reference cache, writer connection
        await pipeline.SubmitActivitiesAsync([], ct: CancellationToken.None);
        long accepted = 0;
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, producers).Select(_ => Task.Run(async () =>
        {
            while (true)
            {
                var start = Interlocked.Increment(ref next) * chunk;
                if (start >= items.Length)
                {
                    return;
                }
                var slice = new ArraySegment<ActivityItem>(items, start, Math.Min(chunk, items.Length - start));
                var result = await pipeline.SubmitActivitiesAsync(slice);
                Interlocked.Add(ref accepted, result.Accepted);
            }
        })));
        clock.Stop();
        return (clock.Elapsed.TotalSeconds, accepted);
    }

    /// <summary>(d): one autocommitted Dapper INSERT per row (the control).</summary>
    public static async Task<double> DapperPerRowAsync(string connectionString, BenchRow[] rows)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        // the month partitions of the rows (migration 0006; the writer creates them on demand)
        await conn.ExecuteAsync("select stream_partitions_ensure(d::date) from unnest(@days) as d",
            new { days = rows.Select(r => new DateTime(r.LocalDay.Year, r.LocalDay.Month, 1)).Distinct().ToArray() });
        var clock = Stopwatch.StartNew();
        foreach (var r in rows)
        {
            await conn.ExecuteAsync("""
                insert into activity (event_id, nip, occurred_at, local_day, minutes, volume, output, description, skp_indicator)
                values (@EventId, @Nip, @OccurredAt, @LocalDay, @Minutes, @Volume, @Output, @Description, @Skp)
                on conflict do nothing
                """, new { r.EventId, r.Nip, OccurredAt = r.OccurredAt.ToUniversalTime(), r.LocalDay, r.Minutes, r.Volume, r.Output, r.Description, r.Skp });
        }
        return clock.Elapsed.TotalSeconds;
    }

    public static ServiceProvider Services(string connectionString)
    {
        var services = new ServiceCollection();
        services.AddLogging(l => l.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));
        services.AddSingleton(TimeProvider.System);
        services.AddKinerjaIngest(Settings());
        return services.BuildServiceProvider();
    }

    public static readonly Dictionary<string, string?> SettingValues = new()
    {
        ["Kinerja:Ingest:QueueCapacity"] = "200000",
        ["Kinerja:Ingest:MaxBodyBytes"] = (64 * 1024 * 1024).ToString(CultureInfo.InvariantCulture),
    };

    public static IConfiguration Settings() => new ConfigurationBuilder().AddInMemoryCollection(SettingValues).Build();
}
