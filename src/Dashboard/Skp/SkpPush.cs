using Kinerja.Dashboard.Employees;
using Microsoft.AspNetCore.SignalR;

namespace Kinerja.Dashboard.Skp;

/// <summary>
/// After a committed SKP change: <see cref="IEmployeeClient.SkpChanged"/> (a hint without text) to <c>employee:{nip}</c>
/// and to the direct superior's own group, so both screens re-read their plan views. After a committed change of a unit's
/// IKU (targets or realisations): the boards' <c>Panels</c> hint to the unit's region, unit and public groups, so the IKU
/// attainment on the boards, the public display and the HR plan page is read again.
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

    /// <summary>
    /// After an import (<see cref="Import.SkpImportResult.Touched"/>): one <see cref="IEmployeeClient.SkpChanged"/> per group for the
    /// whole import, whether 1 or 2,000 of a superior's reports changed (each screen re-reads its whole SKP section on the hint, so
    /// a hint per plan would only flood it), and one board panels hint per unit.
    /// </summary>
    public static async Task AfterImportAsync(IServiceProvider services, IReadOnlyList<Import.SkpImportTouch> touched, TimeProvider time, ILogger log)
    {
        if (touched.Count == 0)
        {
            return;
        }
        foreach (var (regionId, unitId) in touched.Select(t => (t.RegionId, t.UnitId)).Distinct())
        {
            await Board.BoardPanelsPush.ForUnitAsync(services, regionId, unitId, Board.BoardPanelsPush.Skp, time, log);
        }
        if (services.GetService<IHubContext<EmployeeHub, IEmployeeClient>>() is not { } hub)
        {
            return;
        }
        // a group's hint names its own employee when their plan changed, else the first of their reports that did
        var hints = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var t in touched)
        {
            hints.TryAdd(t.Nip, t.Nip);
        }
        foreach (var t in touched.Where(t => t.SuperiorNip is not null))
        {
            hints.TryAdd(t.SuperiorNip!, t.Nip);
        }
        var at = time.GetUtcNow();
        foreach (var (group, nip) in hints)
        {
            try
            {
                await hub.Clients.Group(EmployeeHub.GroupPrefix + group).SkpChanged(new EmployeeChange(nip, at));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                log.LogWarning(ex, "Could not push SkpChanged after an import to {Nip}", group);
            }
        }
    }
}
