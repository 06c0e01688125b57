using Kinerja.Core.Changes;

namespace Kinerja.Core.Indicators.Live;

// The rules' levels (a rule output) applied to the live model.
public sealed partial class LiveIndicators
{
    /// <summary>
    /// Applies levels the rules stored (<c>kinerja_levels</c>) without a read: the employees' held snapshots take the
    /// values and a <see cref="IndicatorsChanged.LevelsOnly"/> change is published (screens redraw; the rules do not
    /// evaluate their own output again). Levels of another period are history inputs of the current month: those
    /// employees are recomputed as for an input event. Levels equal to the held ones change nothing.
    /// </summary>
    public async Task ApplyLevelsAsync(IReadOnlyList<LevelChange> levels, CancellationToken ct = default)
    {
        if (levels.Count == 0)
        {
            return;
        }
        List<LevelChange> elsewhere = [];
        await RunAsync(() =>
        {
            var touches = new LiveTouches();
            elsewhere = _store.ApplyLevels(levels, touches);
            var changes = _store.Commit(touches, _time.GetUtcNow(), levelsOnly: true);
            foreach (var change in changes)
            {
                _subscribers.Publish(change);
            }
            if (changes.Count > 0)
            {
                Interlocked.Increment(ref _levelUpdates);
            }
            return Task.CompletedTask;
        }, ct);
        if (elsewhere.Count > 0)
        {
            await ApplyAsync(new EventsChanged { Nips = elsewhere.Select(l => l.Nip).Distinct(StringComparer.Ordinal).ToArray() }, ct);
        }
    }
}
