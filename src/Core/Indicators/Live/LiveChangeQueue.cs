using Kinerja.Core.Changes;
using Microsoft.Extensions.Logging;

namespace Kinerja.Core.Indicators.Live;

/// <summary>
/// Change-feed payloads waiting for <see cref="LiveIndicators"/>: the feed hands them over without
/// waiting, and one drain applies everything queued meanwhile as ONE recompute, so a burst of
/// notifications costs one read rather than one read each.
/// </summary>
internal sealed class LiveChangeQueue(Func<EventsChanged, CancellationToken, Task> apply, ILogger logger)
{
    private readonly object _lock = new();
    private readonly List<EventsChanged> _queued = [];
    private bool _draining;
    private CancellationToken _ct;

    /// <summary>True while payloads wait or are being applied.</summary>
    public bool Busy
    {
        get
        {
            lock (_lock)
            {
                return _draining;
            }
        }
    }

    public void Enqueue(EventsChanged change, CancellationToken ct)
    {
        lock (_lock)
        {
            _queued.Add(change);
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
                    await apply(merged, ct);
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
