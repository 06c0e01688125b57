using Dapper;
using Microsoft.AspNetCore.SignalR;
using Npgsql;

namespace Kinerja.Dashboard.Board;

/// <param name="Group">The group the hint was sent to.</param>
/// <param name="Reason"><c>skp</c> or <c>tindak_lanjut</c>.</param>
/// <param name="At">When the change was committed (UTC).</param>
public sealed record PanelsPayload(string Group, string Reason, DateTimeOffset At);

/// <summary>
/// After a committed SKP or follow-up change: <see cref="IBoardClient.Panels"/> to the region, unit and public groups
/// of the unit concerned, on the same hub (and Redis backplane) as the board's figures. A process without the dashboard
/// role has no board hub: its screens then move on the next indicator push. Like the boards' own pushes, only the
/// groups with screens (<see cref="BoardSubscriptions"/>, which with several instances counts the others' screens too)
/// are sent to, since each send is a Redis publish in a cluster; and the employee's unit is not read at all while no
/// board is watched. A hint missed by a screen that joins at that moment is caught by its panels' minute re-read.
/// </summary>
public static class BoardPanelsPush
{
    public const string Skp = "skp";
    public const string FollowUp = "tindak_lanjut";

    /// <summary>The hint for the unit and region <paramref name="nip"/> belongs to now.</summary>
    public static async Task ForEmployeeAsync(IServiceProvider services, string nip, string reason, TimeProvider time, ILogger log)
    {
        if (services.GetService<IHubContext<BoardHub, IBoardClient>>() is null
            || services.GetService<BoardSubscriptions>() is not { } subs || subs.WatchedRegions().Count == 0)
        {
            return;
        }
        try
        {
            await using var conn = await services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();
            var place = await conn.QuerySingleOrDefaultAsync<(string RegionId, string UnitId)?>(
                "select u.region_id, e.unit_id from employee e join unit u on u.id = e.unit_id where e.nip = @nip", new { nip });
            if (place is { } p)
            {
                await ForUnitAsync(services, p.RegionId, p.UnitId, reason, time, log);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            log.LogWarning(ex, "Could not push the board panels hint for {Nip}", nip);
        }
    }

    public static async Task ForUnitAsync(IServiceProvider services, string regionId, string unitId, string reason, TimeProvider time,
        ILogger log)
    {
        if (services.GetService<IHubContext<BoardHub, IBoardClient>>() is not { } hub
            || services.GetService<BoardSubscriptions>() is not { } subs)
        {
            return;
        }
        var at = time.GetUtcNow();
        try
        {
            foreach (var group in new[] { BoardGroup.Region(regionId), BoardGroup.Unit(unitId), BoardGroup.Public(regionId) }
                .Where(subs.IsWatched))
            {
                await hub.Clients.Group(group.Name).Panels(new PanelsPayload(group.Name, reason, at));
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // committed is committed: a lost hint only delays the panels until the next indicator push or reload
            log.LogWarning(ex, "Could not push the board panels hint for unit {UnitId}", unitId);
        }
    }
}
