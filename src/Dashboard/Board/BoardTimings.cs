namespace Kinerja.Dashboard.Board;

/// <summary>
/// Where the time of a board update goes, stage by stage, over every region: from a change being
/// marked to its flush (the coalescing window plus scheduling), how old the figures were when flushed
/// (the live model's recompute after the change), the flush itself (read, version, payloads), the
/// <c>Indicators</c> sends, and a chart pass (render + <c>Chart</c> sends). Read by
/// <c>GET /api/v1/board/stats</c> (operations, the fan-out bench). Cheap: a few adds under a lock per flush.
/// </summary>
public sealed class BoardTimings
{
    /// <summary>A change marked → its flush starts (coalescing window and scheduling).</summary>
    public StageTiming Wait { get; } = new();

    /// <summary>The figures' "as of" (start of the live model's read behind them) → the flush that first sends them (new data versions only).</summary>
    public StageTiming Age { get; } = new();

    /// <summary>One pushing flush: region read, data version, payloads of the watched groups.</summary>
    public StageTiming Flush { get; } = new();

    /// <summary>The <c>Indicators</c> sends of one flush to every due group, until handed to the connections.</summary>
    public StageTiming Send { get; } = new();

    /// <summary>One chart pass of a region: chart inputs, renders of the changed charts and their <c>Chart</c> sends.</summary>
    public StageTiming Charts { get; } = new();

    /// <summary>One <c>Chart</c> send to one group, until handed to its connections.</summary>
    public StageTiming ChartSend { get; } = new();

    /// <summary>One <c>Chart</c> send waiting for the region's pending <c>Indicators</c> and <c>Trigger</c> sends (<see cref="IndicatorsFirst"/>).</summary>
    public StageTiming ChartYield { get; } = new();

    /// <summary>The screens' <c>Indicators</c> writes (latest only per screen and key, see <see cref="Screens.ScreenOutbox"/>).</summary>
    public Screens.ScreenSendCounters Screens { get; } = new();

    /// <param name="renders">The SVG render durations of the <see cref="Charts.ChartCache"/>.</param>
    public StageStats Snapshot(StageTiming renders) =>
        new(Wait.Summary(), Age.Summary(), Flush.Summary(), Send.Summary(), Charts.Summary(), renders.Summary(),
            ChartSend.Summary(), ChartYield.Summary(), Screens.Snapshot());
}

/// <summary>
/// Durations of one stage: count and total since start (exact averages over any interval from two
/// reads), percentiles and maximum over the latest <see cref="Window"/> samples.
/// </summary>
public sealed class StageTiming
{
    public const int Window = 4096;
    private readonly double[] _recent = new double[Window];
    private long _count;
    private double _totalMs;

    public void Add(TimeSpan elapsed)
    {
        var ms = Math.Max(0, elapsed.TotalMilliseconds);
        lock (_recent)
        {
            _recent[_count % Window] = ms;
            _count++;
            _totalMs += ms;
        }
    }

    public StageSummary Summary()
    {
        double[] recent;
        long count;
        double total;
        lock (_recent)
        {
            count = _count;
            total = _totalMs;
            recent = _recent[..(int)Math.Min(count, Window)];
        }
        if (recent.Length == 0)
        {
            return new StageSummary(0, 0, 0, 0, 0);
        }
        Array.Sort(recent);
        double At(double q) => recent[Math.Min(recent.Length - 1, (int)Math.Ceiling(q * recent.Length) - 1)];
        return new StageSummary(count, Math.Round(total, 1), Math.Round(At(0.50), 1), Math.Round(At(0.99), 1),
            Math.Round(recent[^1], 1));
    }
}

/// <summary>Stage durations of the board's flushes over all regions (see <see cref="BoardTimings"/>).</summary>
/// <param name="Screens">The per-screen <c>Indicators</c> writes (single instance; zero with the Redis backplane).</param>
public sealed record StageStats(StageSummary Wait, StageSummary Age, StageSummary Flush, StageSummary Send,
    StageSummary Charts, StageSummary Render, StageSummary ChartSend, StageSummary ChartYield, Screens.ScreenSendStats Screens);

/// <param name="Count">Samples since start.</param>
/// <param name="TotalMs">Sum of all samples since start (milliseconds).</param>
/// <param name="P50Ms">Median of the latest <see cref="StageTiming.Window"/> samples.</param>
/// <param name="P99Ms">99th percentile of the latest samples.</param>
/// <param name="MaxMs">Maximum of the latest samples.</param>
public sealed record StageSummary(long Count, double TotalMs, double P50Ms, double P99Ms, double MaxMs);
