namespace Kinerja.Dashboard.Board;

/// <summary>Live board settings (<c>Kinerja:Board</c>), validated at start.</summary>
public sealed class BoardOptions
{
    public const string Section = "Kinerja:Board";

    /// <summary>
    /// Minimum time between two <c>Indicators</c> messages to one group (coalescing window, at most 10 a second
    /// by default). A change after a quiet spell is sent at once; changes within the window of the previous
    /// message go out together at its end (<see cref="BoardCoalescer"/>).
    /// </summary>
    public int IndicatorsIntervalMs { get; set; } = 100;

    /// <summary>
    /// Minimum time from the end of one render pass of a region's charts to the start of the next (charts change less
    /// often than numbers matter; counted from the end so that passes slowed by load do not run back to back). A chart pass sends each changed chart (about 6 KiB of SVG) to every screen of each group, several
    /// times the bytes of the <c>Indicators</c> messages; at 1 s it starved the numbers on a 2-core host
    /// (bench/Fanout README).
    /// </summary>
    public int ChartIntervalMs { get; set; } = 5000;

    /// <summary>
    /// Budget of <c>Chart</c> traffic to the screens of this instance, all regions together: after each chart sent to
    /// a group the next waits for its bytes × screens at this rate (<see cref="ChartPacer"/>), so charts never
    /// arrive as one burst ahead of the numbers. 16 MiB/s by default: the five demo regions' changed charts for
    /// 1,000 screens take about two seconds of every five-second chart interval.
    /// </summary>
    public long ChartBytesPerSecond { get; set; } = 16L * 1024 * 1024;

    /// <summary>Every subscribed region is re-read this often even without changes, so screens can tell fresh from stale.</summary>
    public int RefreshSeconds { get; set; } = 15;

    /// <summary>Screens show the stale banner when no update arrived for this long.</summary>
    public int StaleSeconds { get; set; } = 45;

    /// <summary>Default rotation period of the kiosk (seconds per unit) when <c>putar</c> is not given.</summary>
    public int KioskRotateSeconds { get; set; } = 20;

    /// <summary>How many recent triggers a newly subscribed screen receives.</summary>
    public int RecentTriggers { get; set; } = 15;

    public bool IsValid() =>
        IndicatorsIntervalMs is >= 10 and <= 60_000 && ChartIntervalMs >= IndicatorsIntervalMs
        && ChartBytesPerSecond >= 64 * 1024
        && RefreshSeconds is >= 1 and <= 3600 && StaleSeconds > RefreshSeconds && KioskRotateSeconds >= 3
        && RecentTriggers is >= 0 and <= 200;
}
