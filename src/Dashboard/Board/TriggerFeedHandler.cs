using Kinerja.Core.Changes;

namespace Kinerja.Dashboard.Board;

/// <summary>
/// New triggers (<c>kinerja_triggers</c>, <see cref="TriggersAdded"/>) go to the feeds of their
/// region and unit groups (never to <c>public:*</c>), and the trigger-count charts are redrawn. With
/// several instances only the board publisher sends them (the backplane reaches every instance's screens).
/// The notification carries the names the feed shows (<see cref="AddedTrigger"/>), so nothing is read back.
/// </summary>
public sealed class TriggerFeedHandler(BoardRegistry boards, BoardSubscriptions subs,
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
        var items = message.Triggers.Take(500).Select(ToItem)
            .OrderByDescending(i => i.FiredAt).ThenByDescending(i => i.Id).ToArray();
        foreach (var region in items.GroupBy(i => i.RegionId))
        {
            // The region's charts wait while its feed is being sent (a Chart just before would delay it on every screen).
            var board = boards.TryGet(region.Key, out var known) ? known : null;
            var priority = board?.Priority;
            priority?.UrgentStarted();
            try
            {
                await SendAsync(region);
            }
            finally
            {
                priority?.UrgentDone();
            }
            board?.MarkChartsDirty();
        }
    }

    /// <summary>The feed of one region: its region group and each unit group with new triggers.</summary>
    private async Task SendAsync(IGrouping<string, TriggerItem> region)
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
    }

    private static TriggerItem ToItem(AddedTrigger t) => new(t.Id, t.Kind, TriggerLabels.Kind(t.Kind), t.Code, t.Nip,
        t.EmployeeName, t.UnitId, t.UnitName, t.RegionId, t.Period, t.Workflow, t.Version, t.Rule, t.FiredAt);
}
