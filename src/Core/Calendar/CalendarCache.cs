using Dapper;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Kinerja.Core.Calendar;

/// <summary>
/// The working calendars of every region (time zone, monthly target, holidays), loaded in two
/// queries and kept in memory. Reloaded when older than <see cref="MaxAge"/> or on
/// <see cref="RefreshAsync"/> (called when a change notification names a region).
/// </summary>
public sealed class CalendarCache(NpgsqlDataSource db, TimeProvider time, ILogger<CalendarCache> logger)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private Loaded? _loaded;

    /// <summary>How long a loaded calendar is trusted before the next read reloads it.</summary>
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Every region's calendar keyed by region id.</summary>
    public async Task<IReadOnlyDictionary<string, RegionCalendar>> AllAsync(CancellationToken ct = default)
    {
        var loaded = _loaded;
        if (loaded is not null && time.GetUtcNow() - loaded.At < MaxAge)
        {
            return loaded.Regions;
        }
        return await RefreshAsync(ct);
    }

    /// <summary>One region's calendar, or null when the region does not exist.</summary>
    public async Task<RegionCalendar?> GetAsync(string regionId, CancellationToken ct = default)
    {
        var all = await AllAsync(ct);
        if (all.TryGetValue(regionId, out var calendar))
        {
            return calendar;
        }
        // A region added since the last load: reload once before saying it does not exist.
        all = await RefreshAsync(ct);
        return all.GetValueOrDefault(regionId);
    }

    /// <summary>Reloads regions and holidays from the database.</summary>
    public async Task<IReadOnlyDictionary<string, RegionCalendar>> RefreshAsync(CancellationToken ct = default)
    {
        await _gate.WaitAsync(ct);
        try
        {
            await using var conn = await db.OpenConnectionAsync(ct);
            var regions = await conn.QueryAsync<RegionRow>(new CommandDefinition("""
                select id as Id, name as Name, tz as Tz, monthly_target_minutes as MonthlyTargetMinutes
                from region
                """, cancellationToken: ct));
            var holidays = (await conn.QueryAsync<HolidayRow>(new CommandDefinition("""
                select region_id as RegionId, day as Day from holiday
                """, cancellationToken: ct)))
                .ToLookup(h => h.RegionId, h => h.Day);
            var map = regions.ToDictionary(
                r => r.Id,
                r => new RegionCalendar(r.Id, r.Name, r.Tz, r.MonthlyTargetMinutes, holidays[r.Id]),
                StringComparer.Ordinal);
            _loaded = new Loaded(time.GetUtcNow(), map);
            logger.LogDebug("Loaded calendars of {Regions} regions", map.Count);
            return map;
        }
        finally
        {
            _gate.Release();
        }
    }

    private sealed record Loaded(DateTimeOffset At, IReadOnlyDictionary<string, RegionCalendar> Regions);

    private sealed record RegionRow(string Id, string Name, string Tz, int MonthlyTargetMinutes);

    private sealed record HolidayRow(string RegionId, DateOnly Day);
}
