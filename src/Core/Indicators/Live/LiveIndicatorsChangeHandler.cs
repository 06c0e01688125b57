using Kinerja.Core.Changes;

namespace Kinerja.Core.Indicators.Live;

/// <summary>
/// Hands input changes (<c>kinerja_events</c>) to the <see cref="LiveChangeQueue"/> without holding up the shared
/// listener; the queue applies them to <see cref="LiveIndicators"/>, merging those that arrive during a recompute.
/// </summary>
public sealed class LiveIndicatorsChangeHandler(LiveChangeQueue queue, LiveIndicators live) : IChangeHandler<EventsChanged>
{
    public Task HandleAsync(EventsChanged message, CancellationToken ct)
    {
        queue.Enqueue(message, ct);
        return Task.CompletedTask;
    }

    /// <summary>Notifications may have been missed while disconnected: reload everything.</summary>
    public Task ResyncAsync(CancellationToken ct) => live.LoadAllAsync(ct);
}
