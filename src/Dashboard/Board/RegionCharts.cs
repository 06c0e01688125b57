using System.Collections.Concurrent;
using Kinerja.Core.Indicators;
using Kinerja.Core.Privacy;
using Kinerja.Dashboard.Board.Cluster;
using Kinerja.Dashboard.Charts;
using Microsoft.AspNetCore.SignalR;

namespace Kinerja.Dashboard.Board;

/// <summary>
/// The charts of one region's watched groups: rendered off the indicators loop, at most once per
/// <see cref="BoardOptions.ChartIntervalMs"/> and only when the data changed (the <see cref="ChartCache"/>
/// renders a chart once per version of the figure family it draws: the region's
/// (<see cref="RegionIndicators.Families"/>) for region and public charts, the unit's own
/// (<see cref="RegionIndicators.UnitFamilies"/>) for a unit's charts), then pushed as <c>Chart</c> messages to
/// the groups whose screens have not seen that version, paced with every other region's through the <see cref="ChartPacer"/>
/// (after the render gate is released, so a screen waiting for its first charts never waits for the pacing), each send
/// after the region's pending <c>Indicators</c> and <c>Trigger</c> sends (<see cref="IndicatorsFirst"/>). The interval
/// is counted from the end of the previous pass, so under load passes come less often instead of piling up.
/// Only the <see cref="BoardPublisher"/> pushes; another instance renders on demand (subscribe-time snapshots,
/// chart downloads) without sending.
/// </summary>
/// <param name="priority">The region board's gate; a standalone instance (tests, unwatched groups) gets its own.</param>
/// <param name="sends">The region board's send numbers (see <see cref="PushSequence"/>); a standalone instance gets its own.</param>
public sealed class RegionCharts(string regionId, BoardServices services, ILogger logger, IndicatorsFirst? priority = null,
    PushSequence? sends = null)
{
    private readonly ChartSendLedger _sent = new(sends ?? new PushSequence());
    private readonly IndicatorsFirst _priority = priority ?? new IndicatorsFirst();
    private readonly IBoardData data = services.Data;
    private readonly ChartCache charts = services.Charts;
    private readonly BoardSubscriptions subs = services.Subscriptions;
    private readonly IHubContext<BoardHub, IBoardClient> hub = services.Hub;
    private readonly BoardOptions options = services.Options;
    private readonly SmallGroups smallGroups = services.SmallGroups;
    private readonly TimeProvider time = services.Time;
    private readonly BoardPublisher publisher = services.Publisher;
    private readonly BoardTimings timings = services.Timings;
    private readonly ConcurrentDictionary<string, RenderedChart[]> _groupCharts = new(StringComparer.Ordinal);
    /// <summary>Chart id → the figure family it draws (what its key is taken from).</summary>
    private readonly ConcurrentDictionary<string, FigureFamily> _families = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private int _running, _timerArmed;
    private long _lastRenderTicks, _triggers;
    private volatile bool _stale = true;
    private volatile bool _pendingPush;
    private PassInputs? _latest;

    /// <summary>The charts a group's screens were last given (empty before the first render).</summary>
    public IReadOnlyList<RenderedChart> Of(BoardGroup group) => _groupCharts.GetValueOrDefault(group.Name) ?? [];

    public bool Has(BoardGroup group) => _groupCharts.ContainsKey(group.Name);

    /// <summary>
    /// The charts of <paramref name="current"/> a screen that joined the group at <paramref name="joinedAt"/> must be given
    /// now (see <see cref="ChartSendLedger.ForScreen"/>; the screen is alone when it is the group's only one here).
    /// </summary>
    public IReadOnlyList<RenderedChart> ForScreen(BoardGroup group, IReadOnlyList<RenderedChart> current, long joinedAt) =>
        _sent.ForScreen(group, current, joinedAt, alone: subs.Count(group) <= 1);

    /// <summary>The data changed: the next pass redraws what changed.</summary>
    public void MarkStale() => _stale = true;

    /// <summary>Triggers changed (the data version did not): the next pass redraws the charts that count triggers.</summary>
    public void MarkTriggersChanged()
    {
        Interlocked.Increment(ref _triggers);
        _stale = true;
    }

    /// <summary>A new version was read for one group only: the next pass pushes it to every group.</summary>
    public void RequestPush() => _pendingPush = true;

    /// <summary>Renders now, without pushing (a screen is waiting for its group's first state).</summary>
    public Task RenderNowAsync(RegionIndicators region, IReadOnlyList<BoardGroup> groups, long version, CancellationToken ct) =>
        RenderUnderGateAsync(region, groups, version, ct);

    /// <summary>
    /// After a flush: starts a background render-and-push pass when charts are missing, a push is pending, or the data
    /// changed and the chart interval has passed. A pass held back by the interval (or by a pass still running) is
    /// started by the charts themselves once it may run, from the latest inputs given here: the board is not flushed
    /// again for it, so no <c>Indicators</c> message is sent twice for one change.
    /// </summary>
    public void Schedule(RegionIndicators region, IReadOnlyList<BoardGroup> groups, long version, CancellationToken ct)
    {
        Volatile.Write(ref _latest, new PassInputs(region, groups, version, ct));
        TryStart();
    }

    /// <summary>Starts a pass from the latest inputs if one is due, otherwise leaves it to the running pass or the timer.</summary>
    private void TryStart()
    {
        if (Volatile.Read(ref _latest) is not { } inputs || inputs.Ct.IsCancellationRequested)
        {
            return;
        }
        // _lastRenderTicks is the end of the previous pass (its start while one runs).
        var due = time.GetElapsedTime(Interlocked.Read(ref _lastRenderTicks)).TotalMilliseconds >= options.ChartIntervalMs;
        var missing = inputs.Groups.Any(g => !_groupCharts.ContainsKey(g.Name));
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
            // The running pass looks again when it ends.
            _stale = true;
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
                var rendered = await RenderUnderGateAsync(inputs.Region, inputs.Groups, inputs.Version, inputs.Ct);
                foreach (var (group, groupCharts) in rendered)
                {
                    await PushAsync(group, groupCharts, inputs.Ct);
                }
                timings.Charts.Add(time.GetElapsedTime(started));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Chart pass of region {Region} failed", regionId);
            }
            finally
            {
                // The interval counts from here: a pass slowed by load delays the next one instead of overlapping it.
                Interlocked.Exchange(ref _lastRenderTicks, time.GetTimestamp());
                Interlocked.Exchange(ref _running, 0);
                if (_stale || _pendingPush)
                {
                    // Changed while this pass ran: the next pass starts when the interval allows.
                    TryStart();
                }
            }
        }, CancellationToken.None);
    }

    public static ChartPayload ToPayload(BoardGroup group, RenderedChart chart) => new(group.Name, chart.Spec.ChartId,
        chart.Version, chart.Spec.Title, chart.Svg, $"/charts/{chart.Spec.ChartId}.png?v={chart.Version}",
        $"/charts/{chart.Spec.ChartId}.svg?v={chart.Version}");

    private async Task<List<(BoardGroup Group, RenderedChart[] Charts)>> RenderUnderGateAsync(RegionIndicators region,
        IReadOnlyList<BoardGroup> groups, long version, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            return await RenderAsync(region, groups, version, ct);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<List<(BoardGroup Group, RenderedChart[] Charts)>> RenderAsync(RegionIndicators region,
        IReadOnlyList<BoardGroup> groups, long version, CancellationToken ct)
    {
        var result = new List<(BoardGroup, RenderedChart[])>(groups.Count);
        // Taken before the trigger counts are read: a trigger announced during the read is drawn by the next pass.
        // -1 when they are not read (region group unwatched): such a rendering never stands for a read one.
        var readTriggers = subs.IsWatched(BoardGroup.Region(regionId));
        var triggers = readTriggers ? Interlocked.Read(ref _triggers) : -1;
        var months = BoardChartSpecs.LastMonths(region.Period);
        var first = DateOnly.ParseExact(region.Period[..7] + "-01", "yyyy-MM-dd", null);
        var last = first.AddMonths(1).AddDays(-1);
        RegionChartInputs? inputs = null;
        foreach (var group in groups)
        {
            var keys = new GroupChartKeys(region, group, version, triggers);
            if (_groupCharts.TryGetValue(group.Name, out var held)
                && held.All(c => _families.TryGetValue(c.Spec.ChartId, out var family) && keys.Of(c.Spec, family).IsCoveredBy(c.Key)))
            {
                // None of the figures the group's charts draw changed: nothing to read or draw.
                result.Add((group, held));
                continue;
            }
            if (group.Kind != BoardGroupKind.Unit)
            {
                inputs ??= new RegionChartInputs(region,
                    await data.DailyMinutesAsync(regionId, null, first, last, ct),
                    await data.IkmTrendAsync(regionId, null, months, ct),
                    readTriggers ? await data.TriggerCountsAsync(regionId, null, months, ct) : []);
            }
            var specs = group.Kind switch
            {
                BoardGroupKind.Region => BoardChartSpecs.Region(inputs!),
                BoardGroupKind.Public => BoardChartSpecs.Public(inputs!, smallGroups),
                _ => BoardChartSpecs.Unit(region, new UnitChartInputs(region.Units.First(u => u.UnitId == group.Id),
                    await data.DailyMinutesAsync(regionId, group.Id, first, last, ct),
                    await data.IkmTrendAsync(regionId, group.Id, months, ct))),
            };
            var rendered = new RenderedChart[specs.Count];
            for (var i = 0; i < specs.Count; i++)
            {
                var (spec, family) = (specs[i].Spec, specs[i].Family);
                _families[spec.ChartId] = family;
                rendered[i] = await charts.GetOrRenderAsync(spec, keys.Of(spec, family), ct);
            }
            _groupCharts[group.Name] = rendered;
            result.Add((group, rendered));
        }
        return result;
    }

    /// <summary>Sends the group's charts its screens have not seen, one paced <c>Chart</c> message at a time.</summary>
    private async Task PushAsync(BoardGroup group, RenderedChart[] rendered, CancellationToken ct)
    {
        foreach (var chart in rendered)
        {
            if (!publisher.IsActive || !_sent.MarkSent(group, chart))
            {
                continue;
            }
            var screens = Math.Max(1, subs.Count(group));
            await services.Pacer.SendAsync(async () =>
            {
                var started = time.GetTimestamp();
                await hub.Clients.Group(group.Name).Chart(ToPayload(group, chart));
                timings.ChartSend.Add(time.GetElapsedTime(started));
            }, (long)chart.Svg.Length * screens, ChartTurnAsync, ct);
        }
    }

    /// <summary>Waits (inside the pacer's lane) for the region's pending <c>Indicators</c>; the wait is a stage of its own.</summary>
    private async Task ChartTurnAsync(CancellationToken ct)
    {
        var started = time.GetTimestamp();
        await _priority.ChartTurnAsync(ct);
        timings.ChartYield.Add(time.GetElapsedTime(started));
    }

    /// <summary>Starts the held-back pass once the chart interval has passed (one timer at a time).</summary>
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
            TryStart();
        }, TaskScheduler.Default);
    }

    /// <summary>What the latest flush gave the charts: a held-back pass draws these.</summary>
    private sealed record PassInputs(RegionIndicators Region, IReadOnlyList<BoardGroup> Groups, long Version, CancellationToken Ct);
}
