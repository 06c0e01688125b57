using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Kinerja.Bench.Shared;
using Npgsql;

namespace Kinerja.Bench.Survey;

/// <summary>
/// Open-loop load: answer k is sent at start + k / rate whatever the server's pace (a slow server does not slow the
/// arrivals, so latency includes queueing), each from its own User-Agent over pooled connections. Afterwards the rows in
/// <c>survey_response</c> are counted: durable means that count equals the accepted answers.
/// </summary>
public static class SurveyBench
{
    public static async Task<int> RunAsync(SurveyBenchOptions o)
    {
        var dataDir = Path.Combine("/tmp", "kinerja-surveybench-" + Guid.NewGuid().ToString("N")[..8]);
        var pgPort = FreePort();
        Console.WriteLine($"Survey bench: {o.Rate:0} answers/s for {o.Seconds} s against {o.ServerDll}");
        var server = await ServerProcess.StartAsync(o.ServerDll,
        [
            "--Kinerja:Postgres:DataDir=" + dataDir, "--Kinerja:Postgres:Port=" + pgPort,
            "--Kinerja:Demo:Seed=true", "--Kinerja:Demo:Simulate=false",
            "--Kinerja:Survey:PerDevicePerDay=0", "--Kinerja:Survey:PerAddressPerMinute=0",
            "--Logging:LogLevel:Default=Warning", "--Logging:LogLevel:Microsoft.AspNetCore=Warning",
        ], "/health/ready", TimeSpan.FromMinutes(3));
        try
        {
            var cs = new NpgsqlConnectionStringBuilder
            {
                Host = "127.0.0.1", Port = pgPort, Username = "kinerja", Database = "kinerja",
                Password = (await File.ReadAllTextAsync(dataDir + ".password")).Trim(),
            }.ConnectionString;
            var units = await UnitsAsync(cs);
            var before = await CountAsync(cs);
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
            {
                BaseAddress = server.BaseUri, Timeout = TimeSpan.FromSeconds(30),
            };
            var latencies = new Latencies();
            var statuses = new System.Collections.Concurrent.ConcurrentDictionary<int, int>();
            var total = (int)Math.Round(o.Rate * o.Seconds);
            var pending = new List<Task>(total);
            var clock = Stopwatch.StartNew();
            for (var k = 0; k < total; k++)
            {
                var due = TimeSpan.FromSeconds(k / o.Rate);
                if (due > clock.Elapsed)
                {
                    await Task.Delay(due - clock.Elapsed);
                }
                var unit = units[k % units.Count];
                pending.Add(SendAsync(http, unit, k, latencies, statuses));
            }
            await Task.WhenAll(pending);
            var elapsed = clock.Elapsed.TotalSeconds;
            var accepted = statuses.GetValueOrDefault(200);
            var stored = await CountAsync(cs) - before;
            var (p50, p90, p99, max) = latencies.Percentiles();
            var other = statuses.Where(s => s.Key != 200).Select(s => $"{s.Key}: {s.Value}").ToList();
            Console.WriteLine($"  sent {total}, 200 {accepted}, other statuses: {(other.Count == 0 ? "none" : string.Join(", ", other))}");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  accepted/s {accepted / elapsed:0.0} over {elapsed:0.0} s; latency p50 {p50:0.0} ms, p90 {p90:0.0} ms, p99 {p99:0.0} ms, max {max:0.0} ms"));
            Console.WriteLine($"  durable: {stored} rows in survey_response for {accepted} accepted answers -> {(stored == accepted ? "all durable" : "MISMATCH")}");
            var met = stored == accepted && accepted == total && p99 <= 200 && accepted / elapsed >= o.Rate * 0.98;
            Console.WriteLine($"  target ({o.Rate:0}/s sustained, p99 <= 200 ms, all durable): {(met ? "met" : "not met")}");
            return stored == accepted ? 0 : 1;
        }
        finally
        {
            await server.DisposeAsync();
            ScratchData.Delete(dataDir);
        }
    }

    private static async Task SendAsync(HttpClient http, string unit, int k, Latencies latencies,
        System.Collections.Concurrent.ConcurrentDictionary<int, int> statuses)
    {
        var body = new StringBuilder(256).Append("{\"responseId\":\"").Append(Guid.NewGuid()).Append("\",\"answers\":{");
        for (var i = 1; i <= 9; i++)
        {
            body.Append(i > 1 ? "," : "").Append("\"u").Append(i).Append("\":").Append(1 + (k + i) % 4);
        }
        body.Append("}}");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/survey/" + Uri.EscapeDataString(unit))
        {
            Content = new StringContent(body.ToString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.UserAgent.ParseAdd("SurveyBench/" + k.ToString(CultureInfo.InvariantCulture));
        var started = Stopwatch.GetTimestamp();
        int status;
        try
        {
            using var response = await http.SendAsync(request);
            status = (int)response.StatusCode;
        }
        catch (HttpRequestException)
        {
            status = 0;
        }
        catch (TaskCanceledException)
        {
            status = -1;
        }
        latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
    }

    private static async Task<List<string>> UnitsAsync(string cs)
    {
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("select id from unit order by id", conn);
        var units = new List<string>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            units.Add(reader.GetString(0));
        }
        return units.Count > 0 ? units : throw new InvalidOperationException("the demo seed created no unit");
    }

    private static async Task<long> CountAsync(string cs)
    {
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("select count(*) from survey_response", conn);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}
