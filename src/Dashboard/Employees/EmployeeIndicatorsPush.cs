using Kinerja.Core.Indicators.Live;
using Kinerja.Dashboard.Board.Cluster;
using Microsoft.AspNetCore.SignalR;

namespace Kinerja.Dashboard.Employees;

/// <summary>
/// Keeps the employee screens live after the recompute: every change the live model applied for named employees
/// (their events re-read, or the levels the rules stored for them) sends <see cref="IEmployeeClient.IndicatorsChanged"/>
/// to <c>employee:{nip}</c>. <see cref="EmployeeFeedHandler"/>'s <c>ActivitiesChanged</c> arrives at the commit, before
/// the live model and the rules have caught up, so without this hint a screen would keep the figures (and the rating
/// and predicate the rules derive) of its last read. A whole-region reload names no one and sends nothing. With several
/// instances only the board publisher sends (the backplane reaches every instance's connections). People nobody
/// watches (<see cref="EmployeeWatchers"/>) are skipped.
/// </summary>
public sealed class EmployeeIndicatorsPush(LiveIndicators live, IHubContext<EmployeeHub, IEmployeeClient> hub,
    BoardPublisher publisher, EmployeeWatchers watchers, TimeProvider time, ILogger<EmployeeIndicatorsPush> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var change in live.Subscribe(stoppingToken).ReadAllAsync(stoppingToken))
            {
                if (change.Full || change.Nips.Count == 0 || !publisher.IsActive || !watchers.Any)
                {
                    continue;
                }
                var at = time.GetUtcNow();
                foreach (var nip in change.Nips)
                {
                    if (!watchers.Watches(nip))
                    {
                        continue;
                    }
                    await hub.Clients.Group(EmployeeHub.GroupPrefix + nip).IndicatorsChanged(new EmployeeChange(nip, at));
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Employee indicators push stopped");
        }
    }
}
