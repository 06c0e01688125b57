using Kinerja.Dashboard.Employees;
using Microsoft.AspNetCore.SignalR;

namespace Kinerja.Dashboard.Skp;

/// <summary>
/// After a committed SKP change: <see cref="IEmployeeClient.SkpChanged"/> (a hint without text) to <c>employee:{nip}</c>
/// and to the direct superior's own group, so both screens re-read their plan views. After a committed change of a unit's
/// IKU (targets or realisations): the boards' <c>Panels</c> hint to the unit's region, unit and public groups, so the IKU
/// attainment on the boards, the public display and the HR plan page is read again. (Imports tell the screens through the
/// change feed instead: <see cref="Import.SkpImportFeed"/>, <see cref="SkpFeedHandler"/>.)
/// The person's groups are sent to without asking <see cref="EmployeeWatchers"/>, unlike the per-event pushes: nothing is
/// read for them (the superior comes with the call), on one instance a send to a group without connections is only a
/// look-up in SignalR's group list, and with several instances the registry counts every group as watched, so a gate
/// would save nothing there either. The board hints are gated (<see cref="Board.BoardPanelsPush"/>).
/// </summary>
internal static class SkpPush
{
    public static async Task AfterCommitAsync(IServiceProvider services, string nip, string? superiorNip, TimeProvider time, ILogger log)
    {
        await Board.BoardPanelsPush.ForEmployeeAsync(services, nip, Board.BoardPanelsPush.Skp, time, log);
        // a process without the dashboard role has no hub; the screens then see the change on their next load
        if (services.GetService<IHubContext<EmployeeHub, IEmployeeClient>>() is not { } hub)
        {
            return;
        }
        var change = new EmployeeChange(nip, time.GetUtcNow());
        try
        {
            await hub.Clients.Group(EmployeeHub.GroupPrefix + nip).SkpChanged(change);
            if (superiorNip is not null)
            {
                await hub.Clients.Group(EmployeeHub.GroupPrefix + superiorNip).SkpChanged(change);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // committed is committed: a lost hint only delays the screens until they reload
            log.LogWarning(ex, "Could not push SkpChanged for {Nip}", nip);
        }
    }

    /// <summary>The <c>Panels</c> hint (reason <c>skp</c>) for a unit whose IKU targets or realisations changed.</summary>
    public static Task AfterUnitIkuAsync(IServiceProvider services, string regionId, string unitId, TimeProvider time, ILogger log) =>
        Board.BoardPanelsPush.ForUnitAsync(services, regionId, unitId, Board.BoardPanelsPush.Skp, time, log);
}
