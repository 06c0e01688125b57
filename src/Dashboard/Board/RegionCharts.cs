using System.Collections.Concurrent;
using Kinerja.Core.Indicators;
using Kinerja.Dashboard.Board.Cluster;
using Kinerja.Dashboard.Charts;
using Microsoft.AspNetCore.SignalR;

namespace Kinerja.Dashboard.Board;

/// <summary>
/// The charts of one region's watched groups: rendered off the indicators loop, at most once per
/// <see cref="BoardOptions.ChartIntervalMs"/> and only when the data changed (the <see cref="ChartCache"/>
/// renders a chart once per data version), then pushed as <c>Chart</c> messages to the groups whose
/// screens have not seen that version. Only the <see cref="BoardPublisher"/> pushes; another instance
/// renders on demand (subscribe-time snapshots, chart downloads) without sending.
/// </summary>
public sealed class RegionCharts(
    string regionId,
    IBoardData data,
    ChartCache charts,
    BoardSubscriptions subs,
    IHubContext<BoardHub, IBoardClient> hub,
    BoardOptions options,
    PrivacyOptions privacy,
    TimeProvider time,
    ILogger logger,
    BoardPublisher publisher,
    BoardTimings timings,
    Action markDirty)
{
    private readonly ConcurrentDictionary<string, RenderedChart[]> _groupCharts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, long>> _pushed = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private int _running, _timerArmed;
    private long _lastRenderTicks;
    private volatile bool _stale = true;
    private volatile bool _pendingPush;

    /// <summary>The charts a group's screens were last given (empty before the first render).</summary>
    public IReadOnlyList<RenderedChart> Of(BoardGroup group) => _groupCharts.GetValueOrDefault(group.Name) ?? [];

    public bool Has(BoardGroup group) => _groupCharts.ContainsKey(group.Name);

    /// <summary>The data changed (or triggers did): the next pass redraws what changed.</summary>
    public void MarkStale() => _stale = true;

    /// <summary>A new version was read for one group only: the next pass pushes it to every group.</summary>
    public void RequestPush() => _pendingPush = true;

    /// <summary>Renders now, without pushing (a screen is waiting for its group's first state).</summary>
    public Task RenderNowAsync(RegionIndicators region, IReadOnlyList<BoardGroup> groups, long version, CancellationToken ct) =>
        RenderUnderGateAsync(region, groups, version, push: false, ct);

    /// <summary>
    /// After a flush: starts a background render-and-push pass when charts are missing, a push is
    /// pending, or the data changed and the chart interval has passed; otherwise arms a timer so a
    /// change is never left undrawn.
    /// </summary>
    public void Schedule(RegionIndicators region, IReadOnlyList<BoardGroup> groups, long version, CancellationToken ct)
    {
        var due = time.GetElapsedTime(Interlocked.Read(ref _lastRenderTicks)).TotalMilliseconds >= options.ChartIntervalMs;
        var missing = groups.Any(g => !_groupCharts.ContainsKey(g.Name));
        if (!missing && !_pendingPush && !(_stale && due))
        {
            if (_stale)
            {
                ArmTimer();
            }
            return;
        }
        if (Interlocked.CompareExchange(ref _running, 1, 0) != 0)
        {
            _stale = true;
            ArmTimer();
            return;
        }
        _pendingPush = false;
        _stale = false;
        Interlocked.Exchange(ref _lastRenderTicks, time.GetTimestamp());
        _ = Task.Run(async () =>
        {
            try
            {
                var started = time.GetTimestamp();
                await RenderUnderGateAsync(region, groups, version, push: true, ct);
                timings.Charts.Add(time.GetElapsedTime(started));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Chart pass of region {Region} failed", regionId);
            }
            finally
            {
                Interlocked.Exchange(ref _running, 0);
            }
        }, CancellationToken.None);
    }

    public static ChartPayload ToPayload(BoardGroup group, RenderedChart chart) => new(group.Name, chart.Spec.ChartId,
        chart.Version, chart.Spec.Title, chart.Svg, $"/charts/{chart.Spec.ChartId}.png?v={chart.Version}",
        $"/charts/{chart.Spec.ChartId}.svg?v={chart.Version}");

    private async Task RenderUnderGateAsync(RegionIndicators region, IReadOnlyList<BoardGroup> groups, long version, bool push,
        CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            await RenderAsync(region, groups, version, push, ct);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task RenderAsync(RegionIndicators region, IReadOnlyList<BoardGroup> groups, long version, bool push,
        CancellationToken ct)
    {
        var months = BoardChartSpecs.LastMonths(region.Period);
        var first = DateOnly.ParseExact(region.Period[..7] + "-01", "yyyy-MM-dd", null);
        var last = first.AddMonths(1).AddDays(-1);
        RegionChartInputs? inputs = null;
        if (groups.Any(g => g.Kind != BoardGroupKind.Unit))
        {
            inputs = new RegionChartInputs(region,
                await data.DailyMinutesAsync(regionId, null, first, last, ct),
                await data.IkmTrendAsync(regionId, null, months, ct),
                subs.IsWatched(BoardGroup.Region(regionId)) ? await data.TriggerCountsAsync(regionId, null, months, ct) : []);
        }
        foreach (var group in groups)
        {
            var specs = group.Kind switch
            {
                BoardGroupKind.Region => BoardChartSpecs.Region(inputs!),
                BoardGroupKind.Public => BoardChartSpecs.Public(inputs!, privacy.MinGroupSize),
                _ => BoardChartSpecs.Unit(region, new UnitChartInputs(region.Units.First(u => u.UnitId == group.Id),
                    await data.DailyMinutesAsync(regionId, group.Id, first, last, ct),
                    await data.IkmTrendAsync(regionId, group.Id, months, ct))),
            };
            var rendered = new RenderedChart[specs.Count];
            for (var i = 0; i < specs.Count; i++)
            {
                rendered[i] = await charts.GetOrRenderAsync(specs[i], version, ct);
            }
            _groupCharts[group.Name] = rendered;
            if (push && publisher.IsActive)
            {
                await PushAsync(group, rendered);
            }
        }
    }

    private async Task PushAsync(BoardGroup group, RenderedChart[] rendered)
    {
        if (!_pushed.TryGetValue(group.Name, out var pushed))
        {
            _pushed[group.Name] = pushed = new(StringComparer.Ordinal);
        }
        foreach (var chart in rendered)
        {
            if (pushed.GetValueOrDefault(chart.Spec.ChartId) != chart.Version)
            {
                pushed[chart.Spec.ChartId] = chart.Version;
                var started = time.GetTimestamp();
                await hub.Clients.Group(group.Name).Chart(ToPayload(group, chart));
                timings.ChartSend.Add(time.GetElapsedTime(started));
            }
        }
    }

    private void ArmTimer()
    {
        if (Interlocked.Exchange(ref _timerArmed, 1) == 1)
        {
            return;
        }
        var wait = TimeSpan.FromMilliseconds(options.ChartIntervalMs) - time.GetElapsedTime(Interlocked.Read(ref _lastRenderTicks));
        _ = Task.Delay(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, time).ContinueWith(_ =>
        {
            Interlocked.Exchange(ref _timerArmed, 0);
            markDirty();
        }, TaskScheduler.Default);
    }
}
