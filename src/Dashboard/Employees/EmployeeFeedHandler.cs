using Kinerja.Core.Changes;
using Kinerja.Dashboard.Access;
using Kinerja.Dashboard.Board.Cluster;
using Microsoft.AspNetCore.SignalR;

namespace Kinerja.Dashboard.Employees;

/// <summary>
/// Committed events (<c>kinerja_events</c>, <see cref="EventsChanged"/>) reach the employee screens: each touched
/// employee's group gets <see cref="IEmployeeClient.ActivitiesChanged"/>, their direct superior's group
/// <see cref="IEmployeeClient.ReviewQueueChanged"/>. With several instances only the board publisher sends (the
/// backplane reaches every instance's connections), as for the boards' trigger feed. People nobody watches
/// (<see cref="EmployeeWatchers"/>) are skipped; the superiors of a message's people are read in one query, and not at
/// all while no one watches anyone.
/// </summary>
public sealed class EmployeeFeedHandler(IHubContext<EmployeeHub, IEmployeeClient> hub, EmployeeDirectory people,
    BoardPublisher publisher, EmployeeWatchers watchers, TimeProvider time) : IChangeHandler<EventsChanged>
{
    public async Task HandleAsync(EventsChanged message, CancellationToken ct)
    {
        if (!publisher.IsActive || message.Nips.Length == 0 || !watchers.Any)
        {
            return;
        }
        var at = time.GetUtcNow();
        var superiors = await people.SupervisorsAsync(message.Nips, ct);
        foreach (var nip in message.Nips)
        {
            var change = new EmployeeChange(nip, at);
            if (watchers.Watches(nip))
            {
                await hub.Clients.Group(EmployeeHub.GroupPrefix + nip).ActivitiesChanged(change);
            }
            if (superiors.TryGetValue(nip, out var superior) && watchers.Watches(superior))
            {
                await hub.Clients.Group(EmployeeHub.GroupPrefix + superior).ReviewQueueChanged(change);
            }
        }
    }
}
