using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Kinerja.Bench.Shared;

namespace Kinerja.Bench.Fanout;

/// <summary>
/// Where the board's latency goes: the server's stage durations (<c>stages</c> of <c>GET /api/v1/board/stats</c>,
/// absent on servers before it), each sample split at the figures' <c>asOf</c>, and how late this
/// (client) process ran its own timers, to tell a saturated bench from a slow server.
/// </summary>
public sealed class StageReport
{
    private static readonly string[] Stages = ["wait", "age", "flush", "send", "charts", "render", "chartSend", "chartYield"];

    /// <summary>An <c>Indicators</c> message arriving this soon after a <c>Chart</c> on the same screen counts as "after a chart".</summary>
    public static readonly TimeSpan ChartShadow = TimeSpan.FromMilliseconds(250);

    /// <summary>Event accepted → the figures' <c>asOf</c>: waiting for a live read that started after the acknowledgement.</summary>
    public Latencies AckToAsOf { get; } = new();

    /// <summary>The figures' <c>asOf</c> → a screen received them: recompute, coalescing, flush, send, client.</summary>
    public Latencies AsOfToScreen { get; } = new();

    /// <summary>Event accepted → screen, for <c>Indicators</c> that reached a screen within <see cref="ChartShadow"/> of a <c>Chart</c> on it.</summary>
    public Latencies AfterChart { get; } = new();

    /// <summary>Event accepted → screen, for the other <c>Indicators</c> (no <c>Chart</c> on that screen just before).</summary>
    public Latencies Clear { get; } = new();

    /// <summary>How late a 10 ms timer of this process fired during the load.</summary>
    public Latencies ClientLag { get; } = new();

    /// <summary>Characters of SVG received in <c>Chart</c> messages (all screens).</summary>
    public long ChartChars;

    private TimeSpan _cpu0;
    private double _wall0;

    /// <summary>Samples this process's timer lag until <paramref name="ct"/> is cancelled.</summary>
    public async Task ProbeAsync(CancellationToken ct)
    {
        _cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
        _wall0 = Stopwatch.GetTimestamp();
        while (!ct.IsCancellationRequested)
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                await Task.Delay(10, ct);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            ClientLag.Add(Math.Max(0, Stopwatch.GetElapsedTime(started).TotalMilliseconds - 10));
        }
    }

    public void Print(JsonElement before, JsonElement after, long chartMessages)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Chart messages: {chartMessages}, SVG {Interlocked.Read(ref ChartChars) / Math.Max(1, chartMessages) / 1024.0:0.0} KiB average ({Interlocked.Read(ref ChartChars) / 1048576.0:0} MiB to all screens)"));
        var cpu = (Process.GetCurrentProcess().TotalProcessorTime - _cpu0).TotalSeconds;
        var wall = Stopwatch.GetElapsedTime((long)_wall0).TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Samples split at asOf: accepted -> asOf {Line(AckToAsOf)}; asOf -> screen {Line(AsOfToScreen)}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Samples by what the screen received just before ({ChartShadow.TotalMilliseconds:0} ms): after a Chart {AfterChart.Count} samples, {Line(AfterChart)}; no Chart {Clear.Count} samples, {Line(Clear)}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Bench client: {cpu / Math.Max(0.001, wall):0.00} cores, 10 ms timer late by {Line(ClientLag)}"));
        if (!after.TryGetProperty("stages", out var stages) || !before.TryGetProperty("stages", out var stages0))
        {
            Console.WriteLine("Server stages: not reported by this server");
            return;
        }
        PrintScreenSends(stages0, stages);
        foreach (var name in Stages)
        {
            if (!stages.TryGetProperty(name, out var s) || !stages0.TryGetProperty(name, out var s0))
            {
                Console.WriteLine($"Server stage {name,-9}: not reported by this server");
                continue;
            }
            var count = s.GetProperty("count").GetInt64() - s0.GetProperty("count").GetInt64();
            var total = s.GetProperty("totalMs").GetDouble() - s0.GetProperty("totalMs").GetDouble();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Server stage {name,-9}: {count} samples, avg {total / Math.Max(1, count):0.0} ms; recent p50 {s.GetProperty("p50Ms").GetDouble():0.0} p99 {s.GetProperty("p99Ms").GetDouble():0.0} max {s.GetProperty("maxMs").GetDouble():0.0} ms"));
        }
    }

    /// <summary>
    /// The per-screen <c>Indicators</c> writes of the load (<c>stages.screens</c>, since issue 22's latest-only slots): how
    /// many went at once, how many waited for a full connection, and how many stale ones a slow screen never got.
    /// </summary>
    private static void PrintScreenSends(JsonElement before, JsonElement after)
    {
        if (!after.TryGetProperty("screens", out var s) || !before.TryGetProperty("screens", out var s0))
        {
            Console.WriteLine("Screen sends: not reported by this server (every Indicators queued on each connection)");
            return;
        }
        long D(string name) => s.GetProperty(name).GetInt64() - s0.GetProperty(name).GetInt64();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Screen sends (Indicators and Chart per screen): {D("immediate")} written at once, {D("waited")} after waiting for a full connection, {D("held")} held behind a waiting one, {D("superseded")} replaced by newer figures before written; at most {s.GetProperty("waitingMax").GetInt64()} waiting at once"));
    }

    /// <summary>This process's CPU and timer lag over a phase without the stage report (the bare baseline).</summary>
    public static async Task<string> ClientLoadAsync(Task phase)
    {
        var probe = new StageReport();
        using var stop = new CancellationTokenSource();
        var probing = probe.ProbeAsync(stop.Token);
        await phase;
        await stop.CancelAsync();
        await probing;
        var cpu = (Process.GetCurrentProcess().TotalProcessorTime - probe._cpu0).TotalSeconds;
        var wall = Stopwatch.GetElapsedTime((long)probe._wall0).TotalSeconds;
        return string.Create(CultureInfo.InvariantCulture,
            $"{cpu / Math.Max(0.001, wall):0.00} cores, 10 ms timer late by {Line(probe.ClientLag)}");
    }

    private static string Line(Latencies l)
    {
        var (p50, p90, p99, max) = l.Percentiles();
        return string.Create(CultureInfo.InvariantCulture, $"p50 {p50:0} p90 {p90:0} p99 {p99:0} max {max:0} ms");
    }
}
