using Dapper;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Kinerja.Core.Domain;

namespace Kinerja.Ingest.Reference;

/// <summary>
/// Employees, units and regions in memory, so validation never queries per item. Reloaded whole when
/// older than <see cref="IngestOptions.ReferenceRefresh"/> (in the background; callers keep the old
/// snapshot meanwhile) and, rate-limited, when a batch names a NIP or unit the snapshot lacks.
/// </summary>
internal sealed class ReferenceCache(NpgsqlDataSource db, IOptions<IngestOptions> options, TimeProvider time,
    ILogger<ReferenceCache> logger)
{
    private static readonly TimeSpan MissRefreshInterval = TimeSpan.FromSeconds(1);
    private readonly SemaphoreSlim _loading = new(1, 1);
    private volatile ReferenceData _current = ReferenceData.Empty;
    private int _backgroundRefresh;

    public ReferenceData Current => _current;

    /// <summary>The current snapshot; loads it on first use, refreshes it in the background when stale.</summary>
    public async ValueTask<ReferenceData> GetAsync(CancellationToken ct)
    {
        var data = _current;
        if (data.LoadedAt == DateTimeOffset.MinValue)
        {
            return await ReloadAsync(TimeSpan.Zero, ct);
        }
        if (time.GetUtcNow() - data.LoadedAt > options.Value.ReferenceRefresh
            && Interlocked.CompareExchange(ref _backgroundRefresh, 1, 0) == 0)
        {
            _ = Task.Run(async () =>
            {
                try
                {
                    await ReloadAsync(options.Value.ReferenceRefresh, CancellationToken.None);
                }
                catch (Exception ex) when (ex is NpgsqlException or TimeoutException or IOException)
                {
                    logger.LogWarning(ex, "Refreshing ingest reference data failed; keeping the snapshot of {LoadedAt}",
                        data.LoadedAt);
                }
                finally
                {
                    Volatile.Write(ref _backgroundRefresh, 0);
                }
            }, CancellationToken.None);
        }
        return data;
    }

    /// <summary>Reloads when the snapshot is older than one second (a batch named an unknown NIP or unit).</summary>
    public ValueTask<ReferenceData> RefreshAfterMissAsync(CancellationToken ct) =>
        time.GetUtcNow() - _current.LoadedAt < MissRefreshInterval
            ? ValueTask.FromResult(_current)
            : new ValueTask<ReferenceData>(ReloadAsync(MissRefreshInterval, ct));

    /// <summary>Reloads now unless another caller did within <paramref name="maxAge"/>.</summary>
    public async Task<ReferenceData> ReloadAsync(TimeSpan maxAge, CancellationToken ct)
    {
        await _loading.WaitAsync(ct);
        try
        {
            if (_current.LoadedAt != DateTimeOffset.MinValue && time.GetUtcNow() - _current.LoadedAt < maxAge)
            {
                return _current;
            }
            var loaded = await LoadAsync(ct);
            _current = loaded;
            return loaded;
        }
        finally
        {
            _loading.Release();
        }
    }

    private async Task<ReferenceData> LoadAsync(CancellationToken ct)
    {
        var started = time.GetUtcNow();
        await using var conn = await db.OpenConnectionAsync(ct);
        var regionRows = await conn.QueryAsync<(string Id, string Tz, int Min, int Max)>(new CommandDefinition("""
            select id, tz, daily_min_minutes, daily_max_minutes from region
            """, cancellationToken: ct));
        var regions = new Dictionary<string, RegionRef>(StringComparer.Ordinal);
        foreach (var r in regionRows)
        {
            if (!RegionClock.IsKnownTimeZone(r.Tz))
            {
                logger.LogWarning("Region {Region} has unknown time zone {Tz}; its events are rejected", r.Id, r.Tz);
                continue;
            }
            regions[r.Id] = new RegionRef(r.Id, new RegionClock(r.Tz), r.Min, r.Max);
        }
        var unitRows = await conn.QueryAsync<(string Id, string RegionId)>(new CommandDefinition("""
            select id, region_id from unit
            """, cancellationToken: ct));
        var units = new Dictionary<string, UnitRef>(StringComparer.Ordinal);
        foreach (var u in unitRows)
        {
            if (regions.TryGetValue(u.RegionId, out var region))
            {
                units[u.Id] = new UnitRef(u.Id, region);
            }
        }
        var employeeRows = await conn.QueryAsync<(string Nip, string UnitId, string? Supervisor)>(new CommandDefinition("""
            select nip, unit_id, supervisor_nip from employee
            """, cancellationToken: ct));
        var employees = new Dictionary<string, EmployeeRef>(StringComparer.Ordinal);
        foreach (var e in employeeRows)
        {
            if (units.TryGetValue(e.UnitId, out var unit))
            {
                employees[e.Nip] = new EmployeeRef(e.Nip, unit, e.Supervisor);
            }
        }
        logger.LogDebug("Loaded ingest reference data: {Employees} employees, {Units} units, {Regions} regions",
            employees.Count, units.Count, regions.Count);
        return new ReferenceData(employees, units, regions, started);
    }
}
