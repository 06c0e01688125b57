using Dapper;
using Kinerja.Core.Domain;
using Npgsql;

namespace Kinerja.Dashboard.Demo;

/// <summary>The simulated population: regions with clocks, units, employees and holidays, loaded once.</summary>
internal sealed class DemoWorld
{
    public sealed record RegionInfo(string Id, RegionClock Clock);

    private readonly Dictionary<string, List<DemoWorker>> _byRegion;
    private readonly Dictionary<string, List<string>> _units;
    private readonly HashSet<(string, DateOnly)> _holidays;

    private DemoWorld(List<RegionInfo> regions, List<DemoWorker> workers, Dictionary<string, List<string>> units,
        HashSet<(string, DateOnly)> holidays)
    {
        Regions = regions;
        Workers = workers;
        _byRegion = workers.GroupBy(w => w.RegionId).ToDictionary(g => g.Key, g => g.ToList());
        _units = units;
        _holidays = holidays;
    }

    public IReadOnlyList<RegionInfo> Regions { get; }

    public IReadOnlyList<DemoWorker> Workers { get; }

    public IReadOnlyList<DemoWorker> InRegion(string regionId) =>
        _byRegion.TryGetValue(regionId, out var list) ? list : [];

    public IReadOnlyList<string> UnitsInRegion(string regionId) =>
        _units.TryGetValue(regionId, out var list) ? list : [];

    public bool IsWorkingDay(string regionId, DateOnly day) =>
        day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !_holidays.Contains((regionId, day));

    public static async Task<DemoWorld> LoadAsync(NpgsqlDataSource db, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var regions = (await conn.QueryAsync<(string Id, string Tz)>(new CommandDefinition(
            "select id, tz from region order by id", cancellationToken: ct)))
            .Select(r => new RegionInfo(r.Id, new RegionClock(r.Tz))).ToList();
        var clocks = regions.ToDictionary(r => r.Id, r => r.Clock);
        var units = (await conn.QueryAsync<(string Id, string RegionId)>(new CommandDefinition(
            "select id, region_id from unit order by id", cancellationToken: ct)))
            .GroupBy(u => u.RegionId).ToDictionary(g => g.Key, g => g.Select(u => u.Id).ToList());
        var workers = (await conn.QueryAsync<(string Nip, string UnitId, string RegionId, string? Supervisor)>(new CommandDefinition("""
            select e.nip, e.unit_id, u.region_id, e.supervisor_nip
            from employee e join unit u on u.id = e.unit_id
            where e.active order by e.nip
            """, cancellationToken: ct)))
            .Select(e => new DemoWorker(e.Nip, e.UnitId, e.RegionId, clocks[e.RegionId], e.Supervisor)).ToList();
        var holidays = (await conn.QueryAsync<(string RegionId, DateTime Day)>(new CommandDefinition(
            "select region_id, day from holiday", cancellationToken: ct)))
            .Select(h => (h.RegionId, DateOnly.FromDateTime(h.Day))).ToHashSet();
        return new DemoWorld(regions, workers, units, holidays);
    }
}
