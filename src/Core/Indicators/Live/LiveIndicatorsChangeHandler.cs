using Kinerja.Core.Changes;
using Microsoft.Extensions.Logging;

namespace Kinerja.Core.Indicators.Live;

/// <summary>
/// Feeds <c>kinerja_events</c> notifications into <see cref="LiveIndicators"/> without holding up the
/// shared listener: payloads are queued and those arriving during a recompute are merged into the next.
/// </summary>
public sealed class LiveIndicatorsChangeHandler(LiveIndicators live, ILogger<LiveIndicatorsChangeHandler> logger)
    : IChangeHandler
{
    public string Channel => ChangeChannels.Events;

    public Task HandleAsync(string payload, CancellationToken ct)
    {
        if (ChangePayload.TryParse(payload) is not { } change)
        {
            logger.LogWarning("Ignoring a malformed {Channel} payload of {Length} characters", Channel, payload.Length);
            return Task.CompletedTask;
        }
        live.Enqueue(change, ct);
        return Task.CompletedTask;
    }

    /// <summary>Notifications may have been missed while disconnected: reload everything.</summary>
    public Task ResyncAsync(CancellationToken ct) => live.LoadAllAsync(ct);
}
