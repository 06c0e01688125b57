using Kinerja.Core.Indicators;
using Kinerja.Core.Privacy;
using Kinerja.Dashboard.Board.Cluster;
using Kinerja.Dashboard.Charts;
using Microsoft.AspNetCore.SignalR;

namespace Kinerja.Dashboard.Board;

/// <summary>
/// The live state of one region's groups and its coalescing loop. Changes only mark the region
/// dirty; the loop then takes the region's indicators ONCE (from the in-memory live model, see
/// <see cref="IBoardData.RegionAsync"/>), derives every watched group's payload from them and pushes
/// to the groups, at most once per <see cref="BoardOptions.IndicatorsIntervalMs"/> (leading and trailing edge,
/// see <see cref="BoardCoalescer"/>); charts follow in <see cref="RegionCharts"/>; stage durations go to
/// <see cref="BoardTimings"/>. The work per flush depends on the watched groups, never on the number
/// of screens in them. A group receives an <c>Indicators</c> message when its data version changed,
/// on the refresh tick, or on the settle flush after the feed went quiet when its "as of" advanced;
/// never twice for one version otherwise. With several instances only the <see cref="BoardPublisher"/>
/// runs the loop; the others read on demand (subscribe-time snapshots, chart downloads).
/// </summary>
public sealed class RegionBoard
{
    private readonly string _regionId;
    private readonly IBoardData _data;
    private readonly BoardSubscriptions _subs;
    private readonly IHubContext<BoardHub, IBoardClient> _hub;
    private readonly SmallGroups _smallGroups;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly BoardPublisher _publisher;
    private readonly RegionCharts _charts;
    private readonly BoardTimings _timings;
    private readonly BoardCoalescer _coalescer;
    private readonly IndicatorsFirst _priority = new();
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, IndicatorsPayload> _payloads = new(StringComparer.Ordinal);
    private readonly PushSequence _sends = new();
    private readonly IndicatorsSendLedger _sent;
    private int _refreshDue, _settleDue;
    private RegionIndicators? _current;
    private BoardGroup? _extra;
    private long _version;
    private DateTimeOffset _asOf;
    private long _flushes;
    private double _readMs;

    public RegionBoard(string regionId, BoardServices services, ILogger logger)
    {
        _timings = services.Timings;
        _coalescer = new BoardCoalescer(TimeSpan.FromMilliseconds(services.Options.IndicatorsIntervalMs), services.Time);
        _regionId = regionId;
        _data = services.Data;
        _subs = services.Subscriptions;
        _hub = services.Hub;
        _smallGroups = services.SmallGroups;
        _time = services.Time;
        _logger = logger;
        _publisher = services.Publisher;
        _charts = new RegionCharts(regionId, services, logger, _priority, _sends);
        _sent = new IndicatorsSendLedger(_sends);
    }

    public string RegionId => _regionId;

    public long Flushes => Interlocked.Read(ref _flushes);

    /// <summary>This region's <c>Indicators</c> and <c>Trigger</c> sends before its <c>Chart</c> sends.</summary>
    public IndicatorsFirst Priority => _priority;

    /// <summary>Total milliseconds spent getting the region's figures (near zero while the live model serves them).</summary>
    public double ReadMs => Interlocked.CompareExchange(ref _readMs, 0, 0);

    /// <summary>Something changed (indicators, triggers, refresh tick): a flush will follow within the coalescing window.</summary>
    public void MarkDirty()
    {
        _priority.Marked();
        _coalescer.Mark();
    }

    /// <summary>The refresh tick: the next flush pushes to every group even when the figures are unchanged, so screens see them live.</summary>
    public void MarkRefresh()
    {
        Interlocked.Exchange(ref _refreshDue, 1);
        MarkDirty();
    }

    /// <summary>
    /// The feed went quiet: the next flush pushes to every group whose "as of" advanced (the figures are
    /// now complete as of a later instant), even when the data version is unchanged.
    /// </summary>
    public void MarkSettled()
    {
        Interlocked.Exchange(ref _settleDue, 1);
        MarkDirty();
    }

    /// <summary>Triggers changed: the charts must be redrawn even if the indicator figures are the same.</summary>
    public void MarkChartsDirty()
    {
        _charts.MarkTriggersChanged();
        MarkDirty();
    }

    /// <summary>The coalescing loop; runs until <paramref name="ct"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        while (true)
        {
            var waited = await _coalescer.NextAsync(ct);
            var taken = _priority.Taking();
            if (!_publisher.IsActive)
            {
                // Another instance publishes; this one reads only on demand.
                _priority.Sent(taken);
                continue;
            }
            try
            {
                var woke = _time.GetTimestamp();
                await _gate.WaitAsync(ct);
                try
                {
                    _timings.Wait.Add(waited);
                    if ((await FlushAsync(push: true, ct)).Count > 0)
                    {
                        BoardMetrics.Pushed(waited + _time.GetElapsedTime(woke));
                    }
                }
                finally
                {
                    _gate.Release();
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                _logger.LogError(ex, "Board flush of region {Region} failed", _regionId);
            }
            finally
            {
                // The changes taken are pushed (or failed): charts held for them may go.
                _priority.Sent(taken);
            }
        }
    }

    /// <summary>
    /// Taken by a screen once it has joined a group, before <see cref="StateAsync"/>: group sends numbered after it reach
    /// the screen.
    /// </summary>
    public long JoinMark() => _sends.Mark();

    /// <summary>
    /// The current state of a group for a screen that just subscribed: its payload and charts,
    /// computed now if the region was not live yet (on an instance that does not publish: read now,
    /// unless read within the last coalescing window). Null when the region or unit is unknown.
    /// <paramref name="unwatched"/> includes the group even when no screen watches it (chart downloads).
    /// <paramref name="joinedAt"/> is the screen's <see cref="JoinMark"/>: what a group send made after it carries is
    /// left out (the screen gets it from the group), so the first screen of a group gets each version once.
    /// </summary>
    public async Task<BoardScreenState?> StateAsync(BoardGroup group, CancellationToken ct, bool unwatched = false,
        long joinedAt = 0)
    {
        await _gate.WaitAsync(ct);
        try
        {
            var recent = _coalescer.SinceLastFlush < _coalescer.Window;
            if (_current is null || !_payloads.ContainsKey(group.Name) || !_charts.Has(group)
                || (!_publisher.IsActive && !recent))
            {
                _extra = unwatched ? group : null;
                var before = _version;
                try
                {
                    var groups = await FlushAsync(push: false, ct);
                    if (_current is not null && groups.Count > 0)
                    {
                        await _charts.RenderNowAsync(_current, groups, _version, ct);
                    }
                }
                finally
                {
                    _extra = null;
                }
                if (_version != before && _publisher.IsActive)
                {
                    // Other groups have not seen this version yet.
                    _charts.RequestPush();
                    MarkDirty();
                }
            }
            if (!_payloads.TryGetValue(group.Name, out var payload))
            {
                return null;
            }
            var charts = _charts.Of(group);
            if (unwatched)
            {
                return new BoardScreenState(payload, charts);
            }
            return new BoardScreenState(_sent.ForScreen(group, payload, joinedAt), _charts.ForScreen(group, charts, joinedAt));
        }
        finally
        {
            _gate.Release();
        }
    }

    public static ChartPayload ToPayload(BoardGroup group, RenderedChart chart) => RegionCharts.ToPayload(group, chart);

    /// <summary>Takes the region's figures, rebuilds every watched group's payload and (when <paramref name="push"/>) sends them.</summary>
    private async Task<IReadOnlyList<BoardGroup>> FlushAsync(bool push, CancellationToken ct)
    {
        Interlocked.Increment(ref _flushes);
        _coalescer.Flushed();
        var started = _time.GetTimestamp();
        var read = await _data.RegionAsync(_regionId, ct);
        AddReadMs(_time.GetElapsedTime(started).TotalMilliseconds);
        if (read is null)
        {
            return [];
        }
        var region = read.Indicators;
        // Figures only accumulate: what was complete as of an earlier instant stays complete.
        _asOf = read.AsOf > _asOf ? read.AsOf : _asOf;
        // The live model's data version moves only when the figures do: equal versions, equal figures.
        var changed = read.Version != _version;
        if (changed)
        {
            _version = read.Version;
            _charts.MarkStale();
        }
        _current = region;

        var groups = WatchedGroups(region);
        _payloads.Clear();
        foreach (var group in groups)
        {
            _payloads[group.Name] = BoardComposer.For(group, region, _smallGroups, _version, _asOf);
        }
        if (push && _publisher.IsActive)
        {
            _timings.Flush.Add(_time.GetElapsedTime(started));
            if (changed)
            {
                _timings.Age.Add(_time.GetUtcNow() - read.AsOf);
            }
            var sending = _time.GetTimestamp();
            await PushAsync(groups);
            _timings.Send.Add(_time.GetElapsedTime(sending));
            _charts.Schedule(region, groups, _version, ct);
        }
        return groups;
    }

    /// <summary>Sends <c>Indicators</c> to the groups that have not seen this version (all of them on the refresh tick).</summary>
    private Task PushAsync(IReadOnlyList<BoardGroup> groups)
    {
        var refresh = Interlocked.Exchange(ref _refreshDue, 0) == 1;
        var settle = Interlocked.Exchange(ref _settleDue, 0) == 1;
        var due = _sent.TakeDue(groups, _version, _asOf, refresh, settle);
        return Task.WhenAll(due.Select(g => _hub.Clients.Group(g.Name).Indicators(_payloads[g.Name])));
    }

    private void AddReadMs(double ms)
    {
        double seen, updated;
        do
        {
            seen = _readMs;
            updated = seen + ms;
        }
        while (Interlocked.CompareExchange(ref _readMs, updated, seen) != seen);
    }

    private List<BoardGroup> WatchedGroups(RegionIndicators region)
    {
        var groups = _subs.WatchedGroups(region);
        if (_extra is { } extra && !groups.Contains(extra)
            && (extra.Kind != BoardGroupKind.Unit || region.Units.Any(u => u.UnitId == extra.Id)))
        {
            groups.Add(extra);
        }
        return groups;
    }
}
