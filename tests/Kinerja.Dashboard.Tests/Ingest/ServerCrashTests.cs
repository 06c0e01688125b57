using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Kinerja.Ingest.Tests.Support;
using Kinerja.Testing;

namespace Kinerja.Dashboard.Tests.Ingest;

/// <summary>
/// The real server process (Kinerja.Dashboard, ingest role) is killed with SIGKILL while clients keep
/// sending; after a restart every acknowledged eventId is in the database exactly once and the rollups
/// still equal a rebuild from the raw events.
/// </summary>
public sealed class ServerCrashTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task Server_KilledWithSigkillWhileClientsSend_KeepsEveryAcknowledgedEventExactlyOnce()
    {
        // Qualified: MailKit's BouncyCastle dependency declares a global namespace named Org.
        var org = await Kinerja.Ingest.Tests.Support.Org.SeedAsync(db.DataSource);
        var port = Eventually.FreePort();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };
        // The host authenticates ingest sources by API key (scope: the test region).
        var key = Kinerja.Dashboard.Access.SourceKeys.Generate();
        await Sql.ExecAsync(db.DataSource, """
            insert into ingest_source (name, key_hash, key_prefix, scope, created_by)
            values ('crash-test', @hash, @prefix, array['region:kota-uji'], 'test')
            """, new { hash = Kinerja.Dashboard.Access.SourceKeys.Hash(key), prefix = Kinerja.Dashboard.Access.SourceKeys.Prefix(key) });
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        var server = StartServer(port);
        try
        {
            await WaitReadyAsync(http, server);
            var acked = new ConcurrentBag<Guid>();
            var failures = 0;
            var afterRestart = 0;
            var restarted = false;
            using var stop = new CancellationTokenSource();
            var day = 0;
            var clients = Enumerable.Range(0, 3).Select(c => Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    var d = new DateOnly(2024, 1, 1).AddDays(Interlocked.Increment(ref day));
                    var batch = Enumerable.Range(0, 8).Select(i => Items.Activity(org.Staff[i], TestDays.MorningWib(d), 5)).ToArray();
                    while (!stop.IsCancellationRequested)
                    {
                        try
                        {
                            var response = await http.PostJsonAsync("activities", batch);
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
                                    Interlocked.Increment(ref afterRestart);
                                }
                                break;
                            }
                        }
                        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
                        {
                            Interlocked.Increment(ref failures);
                        }
                        await Task.Delay(20);
                    }
                }
            })).ToArray();

            await Eventually.TrueAsync(() => acked.Count >= 400, "acks before the kill", TimeSpan.FromSeconds(180));
            server.Kill(); // SIGKILL on Linux: no shutdown hooks, no draining
            await server.WaitForExitAsync();
            await Eventually.TrueAsync(() => Volatile.Read(ref failures) > 0, "failed requests while the server is gone", TimeSpan.FromSeconds(180));
            server.Dispose();
            server = StartServer(port);
            Volatile.Write(ref restarted, true);
            await Eventually.TrueAsync(() => Volatile.Read(ref afterRestart) >= 20, "acks after the restart", TimeSpan.FromSeconds(180));
            await stop.CancelAsync();
            await Task.WhenAll(clients);

            var ids = acked.Distinct().ToArray();
            var stored = await Sql.ScalarAsync<long>(db.DataSource,
                "select count(*) from activity where event_id = any(@ids)", new { ids });
            Assert.Equal(ids.Length, stored);
            await RollupAssert.MatchesRebuildAsync(db.DataSource);
        }
        finally
        {
            if (!server.HasExited)
            {
                server.Kill();
            }
            server.Dispose();
        }
    }

    private Process StartServer(int port)
    {
        var dll = BuiltDashboard.Dll;
        var psi = new ProcessStartInfo(BuiltDashboard.DotnetHost)
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var a in new[]
                 {
                     dll, $"--ConnectionStrings:Kinerja={db.ConnectionString}", "--Kinerja:Roles=ingest",
                     $"--Urls=http://127.0.0.1:{port}", "--Kinerja:Demo:Seed=false", "--Kinerja:Demo:Simulate=false",
                     "--Logging:LogLevel:Default=Warning",
                 })
        {
            psi.ArgumentList.Add(a);
        }
        var p = Process.Start(psi)!;
        p.OutputDataReceived += (_, _) => { };
        p.ErrorDataReceived += (_, _) => { };
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        return p;
    }

    private static async Task WaitReadyAsync(HttpClient http, Process server)
    {
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (true)
        {
            Assert.False(server.HasExited, "The server process exited during start-up.");
            try
            {
                var response = await http.PostRawAsync("activities", "[]", "application/json");
                Assert.True(response.StatusCode != HttpStatusCode.NotFound,
                    "The host does not map the ingest API (AddKinerjaIngest/MapIngestEndpoints).");
                Assert.True(response.StatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden),
                    $"The host refused the test's API key: {(int)response.StatusCode}.");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
            }
            Assert.True(DateTime.UtcNow < deadline, "The server did not become ready.");
            await Task.Delay(100);
        }
    }
}
