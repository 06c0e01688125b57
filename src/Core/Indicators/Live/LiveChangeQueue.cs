using Kinerja.Core.Changes;
using Microsoft.Extensions.Logging;

namespace Kinerja.Core.Indicators.Live;

/// <summary>
/// The stage between the change feed and <see cref="LiveIndicators"/>: <see cref="LiveIndicatorsChangeHandler"/>
/// enqueues each <c>kinerja_events</c> payload without waiting, and one drain (started by the first payload, ending when
/// nothing is left) applies them to the model in arrival order, folding everything queued during a recompute into the
/// next one (<see cref="Merge"/>), so a burst of notifications costs one read rather than one read each. The queue is
/// given the model and calls forward into it; the model does not know the queue.
/// </summary>
public sealed class LiveChangeQueue(LiveIndicators live, ILogger<LiveChangeQueue> logger)
{
    private readonly object _lock = new();
    private readonly List<EventsChanged> _queued = [];
    private bool _draining;
    private CancellationToken _ct;

    /// <summary>
    /// Queues one payload and returns at once; the model counts as busy (<see cref="LiveIndicators.Region"/> does not
    /// call its figures current) until the drain has applied it.
    /// </summary>
    public void Enqueue(EventsChanged change, CancellationToken ct = default)
    {
        lock (_lock)
        {
            _queued.Add(change);
            live.Announce(waiting: true);
            if (_draining)
            {
                return;
            }
            _draining = true;
            _ct = ct;
        }
        _ = Task.Run(DrainAsync, CancellationToken.None);
    }

    private async Task DrainAsync()
    {
        while (true)
        {
            EventsChanged[] batch;
            CancellationToken ct;
            lock (_lock)
            {
                if (_queued.Count == 0 || _ct.IsCancellationRequested)
                {
                    _queued.Clear();
                    _draining = false;
                    live.Announce(waiting: false);
                    return;
                }
                batch = [.. _queued];
                _queued.Clear();
                ct = _ct;
            }
            foreach (var merged in Merge(batch))
            {
                try
                {
                    await live.ApplyAsync(merged, ct);
                }
                catch (OperationCanceledException) when (ct.IsCancellationRequested)
                {
                }
                catch (Exception ex)
                {
                    logger.LogError(ex, "Applying {Nips} changed employees and {Units} units to the live indicators failed",
                        merged.Nips.Length, merged.Units.Length);
                }
            }
        }
    }

    /// <summary>
    /// Folds payloads into at most two: the regions named alone (a whole-region reload) and the union of
    /// the NIPs and units named (with their regions, which then only say where those live).
    /// </summary>
    internal static IEnumerable<EventsChanged> Merge(IReadOnlyList<EventsChanged> batch)
    {
        var reload = new SortedSet<string>(StringComparer.Ordinal);
        var nips = new SortedSet<string>(StringComparer.Ordinal);
        var units = new SortedSet<string>(StringComparer.Ordinal);
        var regions = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var p in batch)
        {
            if (p.Nips.Length == 0 && p.Units.Length == 0)
            {
                reload.UnionWith(p.Regions);
                continue;
            }
            nips.UnionWith(p.Nips);
            units.UnionWith(p.Units);
            regions.UnionWith(p.Regions);
        }
        if (reload.Count > 0)
        {
            yield return new EventsChanged { Regions = [.. reload] };
        }
        if (nips.Count > 0 || units.Count > 0)
        {
            yield return new EventsChanged { Nips = [.. nips], Units = [.. units], Regions = [.. regions] };
        }
    }
}
