using Kinerja.Core.Changes;

namespace Kinerja.Core.Indicators.Live;

/// <summary>
/// Feeds input changes (<c>kinerja_events</c>) into <see cref="LiveIndicators"/> without holding up the shared
/// listener: messages are queued and those arriving during a recompute are merged into the next.
/// </summary>
public sealed class LiveIndicatorsChangeHandler(LiveIndicators live) : IChangeHandler<EventsChanged>
{
    public Task HandleAsync(EventsChanged message, CancellationToken ct)
    {
        live.Enqueue(message, ct);
        return Task.CompletedTask;
    }

    /// <summary>Notifications may have been missed while disconnected: reload everything.</summary>
    public Task ResyncAsync(CancellationToken ct) => live.LoadAllAsync(ct);
}
