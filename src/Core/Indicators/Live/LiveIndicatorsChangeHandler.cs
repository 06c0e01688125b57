using Kinerja.Core.Changes;
using Microsoft.Extensions.Logging;

namespace Kinerja.Core.Indicators.Live;

/// <summary>Feeds <c>kinerja_events</c> notifications into <see cref="LiveIndicators"/>.</summary>
public sealed class LiveIndicatorsChangeHandler(LiveIndicators live, ILogger<LiveIndicatorsChangeHandler> logger)
    : IChangeHandler
{
    public string Channel => ChangeChannels.Events;

    public async Task HandleAsync(string payload, CancellationToken ct)
    {
        if (ChangePayload.TryParse(payload) is not { } change)
        {
            logger.LogWarning("Ignoring a malformed {Channel} payload of {Length} characters", Channel, payload.Length);
            return;
        }
        await live.ApplyAsync(change, ct);
    }

    /// <summary>Notifications may have been missed while disconnected: reload everything.</summary>
    public Task ResyncAsync(CancellationToken ct) => live.LoadAllAsync(ct);
}
