using Kinerja.Core.Changes;
using Kinerja.Dashboard.Board;
using Kinerja.Dashboard.Board.Cluster;
using Kinerja.Dashboard.Employees;
using Microsoft.AspNetCore.SignalR;

namespace Kinerja.Dashboard.Skp;

/// <summary>
/// A committed SKP import (<c>kinerja_skp</c>, <see cref="SkpDataChanged"/>, from the HTTP import or the command line) reaches
/// the open screens: the boards' <c>Panels</c> hint (reason <c>skp</c>) to the region, unit and public groups of each unit it
/// names, and one <see cref="IEmployeeClient.SkpChanged"/> to each employee group it names, whether 1 or 2,000 of a superior's
/// reports changed (each screen re-reads its whole SKP section on the hint, so a hint per plan would only flood it). With
/// several instances only the board publisher sends (the backplane reaches every instance's connections), as for the
/// trigger feed and <see cref="EmployeeFeedHandler"/>; groups nobody watches are skipped.
/// </summary>
public sealed class SkpFeedHandler(IServiceProvider services, IHubContext<EmployeeHub, IEmployeeClient> hub, BoardPublisher publisher,
    EmployeeWatchers watchers, TimeProvider time, ILogger<SkpFeedHandler> log) : IChangeHandler<SkpDataChanged>
{
    public async Task HandleAsync(SkpDataChanged message, CancellationToken ct)
    {
        if (!publisher.IsActive)
        {
            return;
        }
        foreach (var unit in message.Units)
        {
            await BoardPanelsPush.ForUnitAsync(services, unit.RegionId, unit.UnitId, BoardPanelsPush.Skp, time, log);
        }
        var at = time.GetUtcNow();
        foreach (var hint in message.Employees.Where(h => watchers.Watches(h.Nip)))
        {
            try
            {
                await hub.Clients.Group(EmployeeHub.GroupPrefix + hint.Nip).SkpChanged(new EmployeeChange(hint.About ?? hint.Nip, at));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // committed is committed: a lost hint only delays the screen until it reloads
                log.LogWarning(ex, "Could not push SkpChanged after an import to {Nip}", hint.Nip);
            }
        }
    }
}
