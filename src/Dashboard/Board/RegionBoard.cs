using System.Security.Cryptography;
using System.Text.Json;
using System.Threading.Channels;
using Kinerja.Core.Indicators;
using Kinerja.Dashboard.Board.Cluster;
using Kinerja.Dashboard.Charts;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace Kinerja.Dashboard.Board;

/// <summary>
/// The live state of one region's groups and its coalescing loop. Changes only mark the region
/// dirty; the loop then reads the region's indicators ONCE, derives every watched group's payload
/// from that read, renders changed charts ONCE (at most every <see cref="BoardOptions.ChartIntervalMs"/>)
/// and pushes to the groups, at most once per <see cref="BoardOptions.IndicatorsIntervalMs"/>. The
/// work per flush depends on the watched groups, never on the number of screens in them. A group
/// receives an <c>Indicators</c> message when its data version changed or on the refresh tick, never
/// twice for one version otherwise. With several instances only the <see cref="BoardPublisher"/>
/// runs the loop; the others read on demand (subscribe-time snapshots, chart downloads).
/// </summary>
public sealed class RegionBoard
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly string _regionId;
    private readonly IBoardData _data;
    private readonly ChartCache _charts;
    private readonly BoardSubscriptions _subs;
    private readonly IHubContext<BoardHub, IBoardClient> _hub;
    private readonly BoardOptions _options;
    private readonly PrivacyOptions _privacy;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly BoardPublisher _publisher;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Channel<bool> _dirty = Channel.CreateBounded<bool>(new BoundedChannelOptions(1)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
        SingleReader = true,
    });
    private readonly Dictionary<string, IndicatorsPayload> _payloads = new(StringComparer.Ordinal);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, RenderedChart[]> _groupCharts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, long>> _pushed = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _pushedVersion = new(StringComparer.Ordinal);
    private int _refreshDue;
    private readonly SemaphoreSlim _chartGate = new(1, 1);
    private int _chartRunning;
    private volatile bool _pendingPush;
    private RegionIndicators? _current;
    private BoardGroup? _extra;
    private string _hash = "";
    private long _version;
    private DateTimeOffset _asOf;
    private long _lastFlushTicks;
    private long _lastChartsTicks;
    private volatile bool _chartsStale = true;
    private int _chartTimerArmed;
    private long _flushes;

    public RegionBoard(string regionId, IBoardData data, ChartCache charts, BoardSubscriptions subs,
        IHubContext<BoardHub, IBoardClient> hub, BoardOptions options, PrivacyOptions privacy, TimeProvider time,
        ILogger logger, BoardPublisher publisher)
    {
        _publisher = publisher;
        _regionId = regionId;
        _data = data;
        _charts = charts;
        _subs = subs;
        _hub = hub;
        _options = options;
        _privacy = privacy;
        _time = time;
        _logger = logger;
    }

    public string RegionId => _regionId;

    public long Flushes => Interlocked.Read(ref _flushes);

    /// <summary>Total milliseconds spent reading the region's figures (the database part of a flush).</summary>
    public double ReadMs => Interlocked.CompareExchange(ref _readMs, 0, 0);

    private double _readMs;

    /// <summary>Something changed (indicators, triggers, refresh tick): a flush will follow within the coalescing window.</summary>
    public void MarkDirty() => _dirty.Writer.TryWrite(true);

    /// <summary>The refresh tick: the next flush pushes to every group even when the figures are unchanged, so screens see them live.</summary>
    public void MarkRefresh()
    {
        Interlocked.Exchange(ref _refreshDue, 1);
        MarkDirty();
    }

    /// <summary>Triggers changed: the charts must be redrawn even if the indicator figures are the same.</summary>
    public void MarkChartsDirty()
    {
        _chartsStale = true;
        MarkDirty();
    }

    /// <summary>The coalescing loop; runs until <paramref name="ct"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        var interval = TimeSpan.FromMilliseconds(_options.IndicatorsIntervalMs);
        while (await _dirty.Reader.WaitToReadAsync(ct))
        {
            var since = _time.GetElapsedTime(Interlocked.Read(ref _lastFlushTicks));
            if (since < interval)
            {
                await Task.Delay(interval - since, _time, ct);
            }
            _dirty.Reader.TryRead(out _);
            if (!_publisher.IsActive)
            {
                // Another instance publishes; this one reads only on demand.
                continue;
            }
            try
            {
                await _gate.WaitAsync(ct);
                try
                {
                    await FlushAsync(ct);
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
        }
    }

    /// <summary>
    /// The current state of a group for a screen that just subscribed: its payload and charts,
    /// computed now if the region was not live yet (on an instance that does not publish: read now,
    /// unless read within the last coalescing window). Null when the region or unit is unknown.
    /// <paramref name="unwatched"/> includes the group even when no screen watches it (chart downloads).
    /// </summary>
    public async Task<(IndicatorsPayload Payload, IReadOnlyList<RenderedChart> Charts)?> StateAsync(BoardGroup group,
        CancellationToken ct, bool unwatched = false)
    {
        await _gate.WaitAsync(ct);
        try
        {
            var recent = _time.GetElapsedTime(Interlocked.Read(ref _lastFlushTicks)).TotalMilliseconds < _options.IndicatorsIntervalMs;
            if (_current is null || !_payloads.ContainsKey(group.Name) || !_groupCharts.ContainsKey(group.Name)
                || (!_publisher.IsActive && !recent))
            {
                _extra = unwatched ? group : null;
                var before = _version;
                try
                {
                    await FlushAsync(ct, forceCharts: true, push: false);
                }
                finally
                {
                    _extra = null;
                }
                if (_version != before && _publisher.IsActive)
                {
                    // Other groups have not seen this version yet.
                    _pendingPush = true;
                    MarkDirty();
                }
            }
            return _payloads.TryGetValue(group.Name, out var payload)
                ? (payload, _groupCharts.GetValueOrDefault(group.Name) ?? [])
                : null;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task FlushAsync(CancellationToken ct, bool forceCharts = false, bool push = true)
    {
        Interlocked.Increment(ref _flushes);
        Interlocked.Exchange(ref _lastFlushTicks, _time.GetTimestamp());
        // "As of" is when the read starts: everything committed before this instant is in the figures.
        var asOf = _time.GetUtcNow();
        var started = _time.GetTimestamp();
        var region = await _data.RegionAsync(_regionId, ct);
        var readMs = _time.GetElapsedTime(started).TotalMilliseconds;
        double seen, updated;
        do
        {
            seen = _readMs;
            updated = seen + readMs;
        }
        while (Interlocked.CompareExchange(ref _readMs, updated, seen) != seen);
        if (region is null)
        {
            return;
        }
        _asOf = asOf;
        var hash = Convert.ToHexString(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(region, Json)));
        if (hash != _hash)
        {
            _hash = hash;
            _version = Math.Max(_version + 1, _asOf.ToUnixTimeMilliseconds());
            _chartsStale = true;
        }
        _current = region;

        var groups = WatchedGroups(region);
        _payloads.Clear();
        foreach (var group in groups)
        {
            _payloads[group.Name] = Payload(region, group);
        }
        if (push && _publisher.IsActive)
        {
            var refresh = Interlocked.Exchange(ref _refreshDue, 0) == 1;
            var due = groups.Where(g => refresh || _pushedVersion.GetValueOrDefault(g.Name) != _version).ToArray();
            foreach (var g in due)
            {
                _pushedVersion[g.Name] = _version;
            }
            await Task.WhenAll(due.Select(g => _hub.Clients.Group(g.Name).Indicators(_payloads[g.Name])));
        }

        var chartsDue = _time.GetElapsedTime(Interlocked.Read(ref _lastChartsTicks)).TotalMilliseconds >= _options.ChartIntervalMs;
        var missing = groups.Any(g => !_groupCharts.ContainsKey(g.Name));
        if (!push && (forceCharts || missing))
        {
            // A screen is waiting for this group's first state: render now, under the chart gate.
            await RenderUnderGateAsync(region, groups, push: false, ct);
        }
        else if (missing || _pendingPush || (_chartsStale && chartsDue))
        {
            // Charts render off the indicators loop, so numbers keep flowing while ScottPlot works.
            if (Interlocked.CompareExchange(ref _chartRunning, 1, 0) == 0)
            {
                _pendingPush = false;
                _chartsStale = false;
                Interlocked.Exchange(ref _lastChartsTicks, _time.GetTimestamp());
                _ = Task.Run(async () =>
                {
                    try
                    {
                        await RenderUnderGateAsync(region, groups, push: true, ct);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        _logger.LogError(ex, "Chart pass of region {Region} failed", _regionId);
                    }
                    finally
                    {
                        Interlocked.Exchange(ref _chartRunning, 0);
                    }
                }, CancellationToken.None);
            }
            else
            {
                _chartsStale = true;
                ArmChartTimer();
            }
        }
        else if (_chartsStale)
        {
            ArmChartTimer();
        }
    }

    private async Task RenderUnderGateAsync(RegionIndicators region, List<BoardGroup> groups, bool push, CancellationToken ct)
    {
        await _chartGate.WaitAsync(ct);
        try
        {
            await RenderChartsAsync(region, groups, push, ct);
        }
        finally
        {
            _chartGate.Release();
        }
    }

    private List<BoardGroup> WatchedGroups(RegionIndicators region)
    {
        var groups = new List<BoardGroup>();
        foreach (var g in new[] { BoardGroup.Region(region.RegionId), BoardGroup.Public(region.RegionId) })
        {
            if (_subs.IsWatched(g))
            {
                groups.Add(g);
            }
        }
        var units = _subs.WatchedUnits(region.RegionId);
        groups.AddRange(region.Units.Where(u => units.Contains(u.UnitId)).Select(u => BoardGroup.Unit(u.UnitId)));
        if (_extra is { } extra && !groups.Contains(extra)
            && (extra.Kind != BoardGroupKind.Unit || region.Units.Any(u => u.UnitId == extra.Id)))
        {
            groups.Add(extra);
        }
        return groups;
    }

    private IndicatorsPayload Payload(RegionIndicators region, BoardGroup group) => group.Kind switch
    {
        BoardGroupKind.Region => BoardComposer.Region(region, _version, _asOf),
        BoardGroupKind.Public => BoardComposer.Public(region, _privacy.MinGroupSize, _version, _asOf),
        _ => BoardComposer.Unit(region, region.Units.First(u => u.UnitId == group.Id), _version, _asOf),
    };

    private async Task RenderChartsAsync(RegionIndicators region, List<BoardGroup> groups, bool push, CancellationToken ct)
    {
        RegionChartInputs? inputs = null;
        if (groups.Any(g => g.Kind != BoardGroupKind.Unit))
        {
            var months = BoardChartSpecs.LastMonths(region.Period);
            var first = DateOnly.ParseExact(region.Period[..7] + "-01", "yyyy-MM-dd", null);
            inputs = new RegionChartInputs(region,
                await _data.DailyMinutesAsync(_regionId, null, first, first.AddMonths(1).AddDays(-1), ct),
                await _data.IkmTrendAsync(_regionId, null, months, ct),
                _subs.IsWatched(BoardGroup.Region(_regionId))
                    ? await _data.TriggerCountsAsync(_regionId, null, months, ct)
                    : []);
        }
        foreach (var group in groups)
        {
            IReadOnlyList<ChartSpec> specs;
            if (group.Kind == BoardGroupKind.Region)
            {
                specs = BoardChartSpecs.Region(inputs!);
            }
            else if (group.Kind == BoardGroupKind.Public)
            {
                specs = BoardChartSpecs.Public(inputs!, _privacy.MinGroupSize);
            }
            else
            {
                var unit = region.Units.First(u => u.UnitId == group.Id);
                var months = BoardChartSpecs.LastMonths(region.Period);
                var first = DateOnly.ParseExact(region.Period[..7] + "-01", "yyyy-MM-dd", null);
                specs = BoardChartSpecs.Unit(region, new UnitChartInputs(unit,
                    await _data.DailyMinutesAsync(_regionId, unit.UnitId, first, first.AddMonths(1).AddDays(-1), ct),
                    await _data.IkmTrendAsync(_regionId, unit.UnitId, months, ct)));
            }
            var rendered = new RenderedChart[specs.Count];
            for (var i = 0; i < specs.Count; i++)
            {
                rendered[i] = await _charts.GetOrRenderAsync(specs[i], _version, ct);
            }
            _groupCharts[group.Name] = rendered;
            if (!push || !_publisher.IsActive)
            {
                continue;
            }
            if (!_pushed.TryGetValue(group.Name, out var pushed))
            {
                _pushed[group.Name] = pushed = new(StringComparer.Ordinal);
            }
            foreach (var chart in rendered)
            {
                if (pushed.GetValueOrDefault(chart.Spec.ChartId) != chart.Version)
                {
                    pushed[chart.Spec.ChartId] = chart.Version;
                    await _hub.Clients.Group(group.Name).Chart(ToPayload(group, chart));
                }
            }
        }
    }

    private void ArmChartTimer()
    {
        if (Interlocked.Exchange(ref _chartTimerArmed, 1) == 1)
        {
            return;
        }
        var wait = TimeSpan.FromMilliseconds(_options.ChartIntervalMs) - _time.GetElapsedTime(Interlocked.Read(ref _lastChartsTicks));
        _ = Task.Delay(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, _time).ContinueWith(_ =>
        {
            Interlocked.Exchange(ref _chartTimerArmed, 0);
            MarkDirty();
        }, TaskScheduler.Default);
    }

    public static ChartPayload ToPayload(BoardGroup group, RenderedChart chart) => new(group.Name, chart.Spec.ChartId,
        chart.Version, chart.Spec.Title, chart.Svg, $"/charts/{chart.Spec.ChartId}.png?v={chart.Version}",
        $"/charts/{chart.Spec.ChartId}.svg?v={chart.Version}");
}
