namespace Kinerja.Dashboard.Board;

/// <summary>Live board settings (<c>Kinerja:Board</c>), validated at start.</summary>
public sealed class BoardOptions
{
    public const string Section = "Kinerja:Board";

    /// <summary>Minimum time between two <c>Indicators</c> messages to one group (coalescing window).</summary>
    public int IndicatorsIntervalMs { get; set; } = 250;

    /// <summary>Minimum time between two renders of one chart (charts change less often than numbers matter).</summary>
    public int ChartIntervalMs { get; set; } = 1000;

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
        && RefreshSeconds is >= 1 and <= 3600 && StaleSeconds > RefreshSeconds && KioskRotateSeconds >= 3
        && RecentTriggers is >= 0 and <= 200;
}

/// <summary>Privacy of public displays (<c>Kinerja:Privacy</c>).</summary>
public sealed class PrivacyOptions
{
    public const string Section = "Kinerja:Privacy";

    /// <summary>Groups (units) with fewer active employees than this show "—" on public displays.</summary>
    public int MinGroupSize { get; set; } = 5;
}
