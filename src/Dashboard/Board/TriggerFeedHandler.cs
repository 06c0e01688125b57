using Kinerja.Core.Changes;

namespace Kinerja.Dashboard.Board;

/// <summary>
/// New triggers (<c>kinerja_triggers</c>, <see cref="TriggersAdded"/>) go to the feeds of their
/// region and unit groups (never to <c>public:*</c>), and the trigger-count charts are redrawn. With
/// several instances only the board publisher sends them (the backplane reaches every instance's screens).
/// The feed items are read by id: they show employee and unit names, which the notification does not carry.
/// </summary>
public sealed class TriggerFeedHandler(IBoardData data, BoardRegistry boards, BoardSubscriptions subs,
    Microsoft.AspNetCore.SignalR.IHubContext<BoardHub, IBoardClient> hub, Cluster.BoardPublisher publisher)
    : IChangeHandler<TriggersAdded>
{
    public async Task HandleAsync(TriggersAdded message, CancellationToken ct)
    {
        if (!publisher.IsActive)
        {
            return;
        }
        // Large batches (a backtest-free re-evaluation of a region) are capped: the feed shows the newest.
        var items = await data.TriggersAsync(message.Ids.Take(500).ToArray(), ct);
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
