using System.Text.Json;
using Kinerja.Core.Changes;

namespace Kinerja.Dashboard.Board;

/// <summary>
/// New triggers (<c>kinerja_triggers</c>, payload <c>{"ids":[...]}</c>) go to the feeds of their
/// region and unit groups (never to <c>public:*</c>), and the trigger-count charts are redrawn. With
/// several instances only the board publisher sends them (the backplane reaches every instance's screens).
/// </summary>
public sealed class TriggerFeedHandler(IBoardData data, BoardRegistry boards, BoardSubscriptions subs,
    Microsoft.AspNetCore.SignalR.IHubContext<BoardHub, IBoardClient> hub, Cluster.BoardPublisher publisher,
    ILogger<TriggerFeedHandler> logger) : IChangeHandler
{
    public string Channel => ChangeChannels.Triggers;

    public async Task HandleAsync(string payload, CancellationToken ct)
    {
        if (!publisher.IsActive)
        {
            return;
        }
        long[] ids;
        try
        {
            using var doc = JsonDocument.Parse(payload);
            ids = doc.RootElement.TryGetProperty("ids", out var arr) && arr.ValueKind == JsonValueKind.Array
                ? arr.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.Number).Select(e => e.GetInt64()).ToArray()
                : [];
        }
        catch (JsonException)
        {
            logger.LogWarning("Ignoring a malformed {Channel} payload of {Length} characters", Channel, payload.Length);
            return;
        }
        // Large batches (a backtest-free re-evaluation of a region) are capped: the feed shows the newest.
        var items = await data.TriggersAsync(ids.Take(500).ToArray(), ct);
        foreach (var region in items.GroupBy(i => i.RegionId))
        {
            var group = BoardGroup.Region(region.Key);
            if (subs.IsWatched(group))
            {
                await hub.Clients.Group(group.Name).Trigger(new TriggerPayload(group.Name, false, region.Take(50).ToArray()));
            }
            foreach (var unit in region.GroupBy(i => i.UnitId))
            {
                var unitGroup = BoardGroup.Unit(unit.Key);
                if (subs.IsWatched(unitGroup))
                {
                    await hub.Clients.Group(unitGroup.Name).Trigger(new TriggerPayload(unitGroup.Name, false, unit.Take(50).ToArray()));
                }
            }
            if (boards.TryGet(region.Key, out var board))
            {
                board.MarkChartsDirty();
            }
        }
    }
}
