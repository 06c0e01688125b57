namespace Kinerja.Dashboard.Board;

/// <summary>
/// Gives one region's small, urgent messages (<c>Indicators</c>, <c>Trigger</c>) the road before its <c>Chart</c>
/// messages. Charts share each screen's connection with the numbers: a <c>Chart</c> (several KiB to every screen of
/// a group) sent just before an <c>Indicators</c> push makes the push queue behind it on every connection. So a chart
/// send first waits, when a change of the region is marked and not yet pushed (or a trigger is being sent), until the
/// flush that carries that change has sent its <c>Indicators</c>; then it goes, even if new changes were marked
/// meanwhile. Charts therefore never starve, and between a change being marked and its <c>Indicators</c> push at most
/// one <c>Chart</c> send of the region starts (the one released by the flush before; chart sends go one at a time
/// through the <see cref="ChartPacer"/>, which asks this gate inside its lane). Counting is by marks and flushes, not
/// by time.
/// </summary>
public sealed class IndicatorsFirst
{
    private readonly Lock _lock = new();
    private long _marked, _served;
    private int _urgent;
    private TaskCompletionSource _progress = NewSignal();

    /// <summary>Marks seen so far (each <see cref="Marked"/> adds one).</summary>
    public long MarkedCount
    {
        get
        {
            lock (_lock)
            {
                return _marked;
            }
        }
    }

    /// <summary>True while a marked change waits for its <c>Indicators</c> push, or a trigger send is under way.</summary>
    public bool Pending
    {
        get
        {
            lock (_lock)
            {
                return _served < _marked || _urgent > 0;
            }
        }
    }

    /// <summary>A change of the region was marked: its flush is due within the coalescing window.</summary>
    public void Marked()
    {
        lock (_lock)
        {
            _marked++;
        }
    }

    /// <summary>
    /// A flush is about to read the figures: it carries every change marked so far. Pass the result to
    /// <see cref="Sent"/> when its <c>Indicators</c> have been handed to the connections (or it sent none).
    /// </summary>
    public long Taking()
    {
        lock (_lock)
        {
            return _marked;
        }
    }

    /// <summary>The flush that took <paramref name="taken"/> marks has sent (or had nothing to send).</summary>
    public void Sent(long taken)
    {
        TaskCompletionSource signal;
        lock (_lock)
        {
            _served = Math.Max(_served, taken);
            (signal, _progress) = (_progress, NewSignal());
        }
        signal.TrySetResult();
    }

    /// <summary>A <c>Trigger</c> send starts: charts wait until it has been handed to the connections.</summary>
    public void UrgentStarted()
    {
        lock (_lock)
        {
            _urgent++;
        }
    }

    /// <summary>The <c>Trigger</c> send started with <see cref="UrgentStarted"/> has been handed to the connections.</summary>
    public void UrgentDone()
    {
        TaskCompletionSource signal;
        lock (_lock)
        {
            _urgent = Math.Max(0, _urgent - 1);
            (signal, _progress) = (_progress, NewSignal());
        }
        signal.TrySetResult();
    }

    /// <summary>
    /// Completes at once when nothing urgent is pending; otherwise when the changes marked before this call have been
    /// pushed and no trigger send is under way. Later marks do not extend the wait.
    /// </summary>
    public async Task ChartTurnAsync(CancellationToken ct)
    {
        long target;
        Task progress;
        lock (_lock)
        {
            if (_served >= _marked && _urgent == 0)
            {
                return;
            }
            target = _marked;
            progress = _progress.Task;
        }
        while (true)
        {
            await progress.WaitAsync(ct);
            lock (_lock)
            {
                if (_served >= target && _urgent == 0)
                {
                    return;
                }
                progress = _progress.Task;
            }
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
