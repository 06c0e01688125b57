using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Kinerja.Ingest.Bench;

/// <summary>
/// The separate client process of (c). <c>throughput</c>: NDJSON batches over a few connections as fast
/// as acks come. <c>latency</c>: an open-loop schedule at a steady rate (one batch every 20 ms), latency
/// measured from each batch's scheduled send time to its ack (no coordinated omission).
/// </summary>
internal static class HttpClientMode
{
    public static async Task<int> RunAsync(BenchArgs args)
    {
        var lines = await File.ReadAllLinesAsync(args.File);
        using var http = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = Math.Max(args.HttpConcurrency, 64),
            PooledConnectionLifetime = TimeSpan.FromMinutes(10),
        })
        { BaseAddress = new Uri(args.Url), Timeout = TimeSpan.FromMinutes(2) };
        var report = args.Mode == "latency" ? await LatencyAsync(http, lines, args) : await ThroughputAsync(http, lines, args);
        // the client's own CPU (reading the file included), so the server's share can be told apart
        report = report with { CpuSeconds = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds };
        Console.WriteLine(JsonSerializer.Serialize(report, new JsonSerializerOptions(JsonSerializerDefaults.Web)));
        return 0;
    }

    private static byte[][] Batches(string[] lines, int size) =>
        lines.Chunk(size).Select(c => Encoding.UTF8.GetBytes(string.Join('\n', c) + "\n")).ToArray();

    private static async Task<(long Accepted, int Retries)> PostAsync(HttpClient http, byte[] body)
    {
        for (var retries = 0; ; retries++)
        {
            var content = new ByteArrayContent(body);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
            using var response = await http.PostAsync("/api/v1/activities", content);
            if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
            {
                await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1));
                continue;
            }
            response.EnsureSuccessStatusCode();
            await using var stream = await response.Content.ReadAsStreamAsync();
            using var doc = await JsonDocument.ParseAsync(stream);
            return (doc.RootElement.GetProperty("accepted").GetInt64(), retries);
        }
    }

    private static async Task<HttpBench.ClientReport> ThroughputAsync(HttpClient http, string[] lines, BenchArgs args)
    {
        var batches = Batches(lines, args.HttpBatch);
        long accepted = 0, retries = 0;
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, args.HttpConcurrency).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < batches.Length)
            {
                var (a, r) = await PostAsync(http, batches[i]);
                Interlocked.Add(ref accepted, a);
                Interlocked.Add(ref retries, r);
            }
        })));
        clock.Stop();
        return new HttpBench.ClientReport(lines.Length, clock.Elapsed.TotalSeconds, accepted, retries, 0, 0, 0);
    }

    private static async Task<HttpBench.ClientReport> LatencyAsync(HttpClient http, string[] lines, BenchArgs args)
    {
        const int TicksPerSecond = 50;
        var perBatch = Math.Max(1, args.Rate / TicksPerSecond);
        var total = Math.Min(lines.Length / perBatch, args.LatencySeconds * TicksPerSecond);
        var batches = Batches(lines[..(total * perBatch)], perBatch);
        // warm the connection pool outside the measurement
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => http.GetAsync("/")));
        var latencies = new double[batches.Length];
        var tasks = new Task[batches.Length];
        long accepted = 0, retries = 0;
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < batches.Length; i++)
        {
            var scheduled = TimeSpan.FromSeconds((double)i / TicksPerSecond);
            var wait = scheduled - clock.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }
            var index = i;
            tasks[i] = Task.Run(async () =>
            {
                var (a, r) = await PostAsync(http, batches[index]);
                latencies[index] = (clock.Elapsed - scheduled).TotalMilliseconds;
                Interlocked.Add(ref accepted, a);
                Interlocked.Add(ref retries, r);
            });
        }
        await Task.WhenAll(tasks);
        clock.Stop();
        Array.Sort(latencies);
        double Pct(double p) => latencies[Math.Min(latencies.Length - 1, (int)Math.Ceiling(p * latencies.Length) - 1)];
        return new HttpBench.ClientReport(batches.Length * perBatch, clock.Elapsed.TotalSeconds, accepted, retries,
            Pct(0.50), Pct(0.99), latencies[^1]);
    }
}
