using System.Collections.Concurrent;
using System.Net;
using Kinerja.Embedded;
using Kinerja.Core.Database;
using Kinerja.Ingest.Pipeline;
using Kinerja.Ingest.Tests.Support;
using Kinerja.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Kinerja.Ingest.Tests;

/// <summary>
/// PostgreSQL stops while a client keeps sending: requests get 503, ingest recovers by itself when the
/// server is back, and every acknowledged event is stored exactly once. Uses a cluster of its own
/// (the shared test cluster cannot be restarted under other test classes).
/// </summary>
public sealed class DatabaseRestartTests : IAsyncLifetime
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"kinerja-ingest-restart-{Guid.NewGuid():N}"[..40]);
    private EmbeddedPostgres _cluster = null!;
    private NpgsqlDataSource _db = null!;

    public async Task InitializeAsync()
    {
        _cluster = new EmbeddedPostgres(new EmbeddedPostgresOptions
        {
            DataDir = Path.Combine(_root, "pg"), Durable = false, Port = Eventually.FreePort(), Database = "kinerja",
        });
        await _cluster.StartAsync();
        await MigrationRunner.MigrateAsync(_cluster.ConnectionString, NullLogger.Instance);
        _db = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(_cluster.ConnectionString) { Timeout = 3 }.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        await _db.DisposeAsync();
        await _cluster.StopAsync();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    [Fact]
    public async Task Ingest_WhilePostgresRestarts_Answers503ThenRecoversAndKeepsEveryAckExactlyOnce()
    {
        var org = await Org.SeedAsync(_db);
        await using var host = await IngestHost.StartAsync(_db);
        var acked = new ConcurrentBag<Guid>();
        var status = new ConcurrentQueue<HttpStatusCode>();
        var successesAfterRestart = 0;
        var restarted = false;
        using var stop = new CancellationTokenSource();
        var sender = Task.Run(async () =>
        {
            var n = 0;
            while (!stop.IsCancellationRequested)
            {
                var day = new DateOnly(2025, 1, 1).AddDays(n++ / 8);
                var batch = Enumerable.Range(0, 5)
                    .Select(i => Items.Activity(org.Staff[i], TestDays.MorningWib(day).AddMinutes(n), 1)).ToArray();
                while (!stop.IsCancellationRequested)
                {
                    var response = await host.Client.PostJsonAsync("activities", batch);
                    status.Enqueue(response.StatusCode);
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        var result = await response.ResultAsync();
                        foreach (var item in result["items"]!.AsArray())
                        {
                            Assert.NotEqual("rejected", (string)item!["status"]!);
                            acked.Add(Guid.Parse((string)item["eventId"]!));
                        }
                        if (Volatile.Read(ref restarted))
                        {
                            Interlocked.Increment(ref successesAfterRestart);
                        }
                        break;
                    }
                    Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
                    Assert.NotNull(response.Headers.RetryAfter);
                    await Task.Delay(50);
                }
            }
        });

        await Eventually.TrueAsync(() => acked.Count >= 50, "acks before the stop", TimeSpan.FromSeconds(60));
        await _cluster.StopAsync();
        await Eventually.TrueAsync(() => status.Contains(HttpStatusCode.ServiceUnavailable), "a 503 while PostgreSQL is down", TimeSpan.FromSeconds(60));
        await Task.Delay(500);
        // EmbeddedPostgres.StartAsync uses pooled admin connections that died with the stop.
        NpgsqlConnection.ClearAllPools();
        await _cluster.StartAsync();
        Volatile.Write(ref restarted, true);
        await Eventually.TrueAsync(() => Volatile.Read(ref successesAfterRestart) >= 10, "acks after the restart", TimeSpan.FromSeconds(60));
        await stop.CancelAsync();
        await sender;

        Assert.False(host.Writer.DatabaseDown);
        var ids = acked.Distinct().ToArray();
        var stored = await Sql.ScalarAsync<long>(_db, "select count(*) from activity where event_id = any(@ids)", new { ids });
        Assert.Equal(ids.Length, stored);
        await RollupAssert.MatchesRebuildAsync(_db);
    }
}
