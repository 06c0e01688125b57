using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace Kinerja.Bench.Soak;

/// <summary>One minute of the run as reported.</summary>
public sealed record MinuteRow(int Minute, double EventsPerSecond, long Rejected, double AckP50, double AckP99, double ServiceP99, double PushP50, double PushP99,
    long PushSamples, double MessagesPerSecond, double RssMb, double HeapMb, double HeapAfterGen2Mb, int Gen0, int Gen1, int Gen2,
    double ServerCores, double PostgresCores, long FailedRequests, long Retries, string Publishes);

/// <summary>
/// Every 10 s the server's RSS (/proc/&lt;pid&gt;/status); at the end of every minute a <see cref="MinuteRow"/>:
/// the minute's counters, CPU of the server and of PostgreSQL (/proc), and GC figures from <c>GET /api/v1/runtime</c>.
/// </summary>
public sealed class Sampler(SoakServer server, HttpClient admin, Timeline timeline, RulePublisher publisher)
{
    private int _reported;

    public List<(double Minute, double RssMb)> Rss { get; } = [];

    public List<MinuteRow> Rows { get; } = [];

    public async Task RunAsync(CancellationToken ct)
    {
        var serverCpu = server.Process.Stats.CpuSeconds();
        var pgPid = server.PostmasterPid();
        var pgCpu = pgPid is int p ? PostgresCpu.Seconds(p) : 0;
        var runtime = await RuntimeAsync(ct);
        var next = TimeSpan.FromSeconds(10);
        try
        {
            while (Rows.Count < timeline.MinuteCount)
            {
                var wait = next - timeline.Elapsed;
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, ct);
                }
                Rss.Add((timeline.Elapsed.TotalMinutes, server.Process.Stats.RssMb()));
                next += TimeSpan.FromSeconds(10);
                if (timeline.Elapsed.TotalMinutes < Rows.Count + 1)
                {
                    continue;
                }
                await Task.Delay(500, ct); // late samples of the minute land
                var cpu = server.Process.Stats.CpuSeconds();
                var pg = pgPid is int q ? PostgresCpu.Seconds(q) : 0;
                var now = await RuntimeAsync(ct);
                Rows.Add(Row(Rows.Count, cpu - serverCpu, pg - pgCpu, runtime, now));
                Print(Rows[^1], Rows.Count == 1);
                (serverCpu, pgCpu, runtime) = (cpu, pg, now);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    private async Task<JsonElement> RuntimeAsync(CancellationToken ct) => await admin.GetFromJsonAsync<JsonElement>("/api/v1/runtime", ct);

    private MinuteRow Row(int m, double serverCpu, double pgCpu, JsonElement before, JsonElement now)
    {
        var c = timeline.Minute(m);
        static double Mb(JsonElement e, string name) => e.GetProperty(name).GetInt64() / 1048576.0;
        int Delta(string name) => now.GetProperty(name).GetInt32() - before.GetProperty(name).GetInt32();
        // publishes completed since the previous row (one still running when a minute closes shows in the next row)
        Publish[] done;
        lock (publisher.Publishes)
        {
            done = publisher.Publishes.ToArray();
        }
        var publishes = string.Join(" ", done.Skip(_reported).Select(p => $"v{p.Version} ({p.Ms:0} ms)"));
        _reported = done.Length;
        return new MinuteRow(m + 1, c.EventsAcked / 60.0, Interlocked.Read(ref c.Rejected), c.Ack.Percentile(0.5), c.Ack.Percentile(0.99), c.Service.Percentile(0.99), c.Push.Percentile(0.5),
            c.Push.Percentile(0.99), c.Push.Count,
            (c.IndicatorsMessages + c.ChartMessages + c.TriggerMessages) / 60.0, server.Process.Stats.RssMb(), Mb(now, "heapSizeBytes"),
            Mb(now, "heapAfterGen2Bytes"), Delta("gen0Collections"), Delta("gen1Collections"), Delta("gen2Collections"),
            serverCpu / 60, pgCpu / 60, c.FailedRequests, c.Retries, publishes);
    }

    public const string Header =
        "| min | events acked/s | items rejected | ack p50 ms | ack p99 ms | request p99 ms | push p50 ms | push p99 ms | push samples | msgs to screens/s | server RSS MB | GC heap MB | heap after gen2 MB | GC 0/1/2 | server CPU cores | PostgreSQL CPU cores | failed req | retries | publish |\n"
        + "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|";

    public static string Format(MinuteRow r) => string.Create(CultureInfo.InvariantCulture,
        $"| {r.Minute} | {r.EventsPerSecond:0} | {r.Rejected} | {r.AckP50:0} | {r.AckP99:0} | {r.ServiceP99:0} | {r.PushP50:0} | {r.PushP99:0} | {r.PushSamples} | {r.MessagesPerSecond:0} | {r.RssMb:0} | {r.HeapMb:0} | {r.HeapAfterGen2Mb:0} | {r.Gen0}/{r.Gen1}/{r.Gen2} | {r.ServerCores:0.00} | {r.PostgresCores:0.00} | {r.FailedRequests} | {r.Retries} | {(r.Publishes.Length == 0 ? "" : r.Publishes)} |");

    private static void Print(MinuteRow row, bool header)
    {
        if (header)
        {
            Console.WriteLine(Header);
        }
        Console.WriteLine(Format(row));
    }
}
