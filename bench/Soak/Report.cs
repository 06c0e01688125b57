using System.Globalization;

namespace Kinerja.Bench.Soak;

/// <summary>The markdown printed at the end: the per-minute table (for bench/README.md and bench/Soak/README.md) and the verdicts.</summary>
public static class Report
{
    public static void Print(SoakOptions o, IngestLoad load, IReadOnlyList<MinuteRow> rows, Timeline timeline, RulePublisher publisher,
        Integrity integrity, MemoryTrend trend, TimeSpan loadEnded, long reconnects, long closed, double benchCores,
        Rejections rejections)
    {
        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine();
        Console.WriteLine(string.Create(inv, $"## Soak: {o.Minutes:0.#} min, {o.Rate:0} events/s asked, {o.Clients} screens, publish every {o.PublishEveryMinutes:0.#} min"));
        Console.WriteLine();
        Console.WriteLine(Sampler.Header);
        foreach (var r in rows)
        {
            Console.WriteLine(Sampler.Format(r));
        }
        Console.WriteLine();
        var steady = rows.Skip(1).ToList();
        Console.WriteLine(string.Create(inv,
            $"- Ingest: {load.Sent:N0} events sent of {(long)load.Batches * o.BatchSize:N0} scheduled; {integrity.AckedEvents:N0} acked ({integrity.AckedEvents / loadEnded.TotalSeconds:0} events/s over {loadEnded.TotalMinutes:0.0} min); {load.Rejected:N0} rejected items, {rejections.Verdict}; {rows.Sum(r => r.FailedRequests)} failed requests, {rows.Sum(r => r.Retries)} retries after 429/503."));
        Console.WriteLine(string.Create(inv,
            $"- Ack latency (due time → 2xx, {timeline.AckAll.Count:N0} requests): p50 {timeline.AckAll.Percentile(0.5):0} ms, p99 {timeline.AckAll.Percentile(0.99):0} ms, max {timeline.AckAll.MaxMs:0} ms."));
        Console.WriteLine(string.Create(inv,
            $"- Push latency (ack → screen got Indicators read after it, {timeline.PushAll.Count:N0} batch×screen samples): p50 {timeline.PushAll.Percentile(0.5):0} ms, p99 {timeline.PushAll.Percentile(0.99):0} ms, max {timeline.PushAll.MaxMs:0} ms; screens reconnected {reconnects} times, {closed} closed for good."));
        if (steady.Count > 0)
        {
            Console.WriteLine(string.Create(inv,
                $"- Steady state (minutes 2-{rows.Count}): {steady.Average(r => r.EventsPerSecond):0} events/s acked, server {steady.Average(r => r.ServerCores):0.00} cores, PostgreSQL {steady.Average(r => r.PostgresCores):0.00} cores, {steady.Average(r => r.MessagesPerSecond):0} msgs/s to screens, this bench (load generator + screens) {benchCores:0.00} cores over the run, worst minute ack p99 {steady.Max(r => r.AckP99):0} ms, push p99 {steady.Max(r => r.PushP99):0} ms."));
        }
        Console.WriteLine("- Rule publishes: " + (publisher.Publishes.Count == 0 ? "none" : string.Join(", ", publisher.Publishes.Select(p =>
            string.Create(inv, $"min {p.AtMinute:0.0} v{p.Version} {p.Change} ({p.Ms:0} ms)"))))
            + (publisher.Failures.Count == 0 ? "" : "; FAILED: " + string.Join("; ", publisher.Failures)) + ".");
        Console.WriteLine(string.Create(inv,
            $"- Memory: server RSS slope over the last 2/3 {trend.RssSlope:+0.0;-0.0} MB/10 min (mean {trend.RssMean:0} MB, {trend.RssPoints} samples) → {MemoryTrend.Verdict(trend.RssSlope, trend.RssFlat, trend.RssPoints)}; GC heap after gen2 {trend.HeapSlope:+0.0;-0.0} MB/10 min (mean {trend.HeapMean:0} MB, {trend.HeapPoints} minutes) → {MemoryTrend.Verdict(trend.HeapSlope, trend.HeapFlat, trend.HeapPoints)} (flat = within ±max(5 MB, 2 %) per 10 min)."));
        Console.WriteLine(string.Create(inv,
            $"- Exactly once: {integrity.AckedEvents:N0} acked event ids, {integrity.RowsOfRun:N0} rows of this run in `activity`: **{integrity.Lost} lost, {integrity.Duplicated} duplicated**; {integrity.UnackedBatches} batches without a 2xx, {integrity.UnackedStored} of their rows stored (checked in {integrity.Took.TotalSeconds:0.0} s)."));
    }
}
