using System.Collections.Concurrent;
using Kinerja.Core.Regions;
using Kinerja.Core.Changes;
using Microsoft.Extensions.Options;

namespace Kinerja.Dashboard.Access;

/// <summary>
/// Short-lived per-process cache of users (with grants), source keys, unit/employee regions and supervisor links, so a request
/// does not hit the database for them. Cleared on every <c>kinerja_access</c> notification (user, grant or key
/// change in any process, a reference import) and after a listener reconnect.
/// </summary>
public sealed class AccessCache(UserStore users, SourceStore sources, RegionLookup regions, EmployeeDirectory employees,
    IOptions<AccessOptions> options, TimeProvider time) : IChangeHandler<AccessChanged>
{
    private readonly ConcurrentDictionary<string, (object? Value, DateTimeOffset Expires)> _entries = new();
    private long _generation;

    public Task<UserRecord?> UserAsync(long id, CancellationToken ct) =>
        GetAsync("u:" + id, () => users.FindAsync(id, ct));

    public Task<SourceRecord?> SourceByKeyAsync(string key, CancellationToken ct) =>
        GetAsync("k:" + SourceKeys.Hash(key), () => sources.FindByKeyAsync(key, ct));

    public Task<string?> RegionOfUnitAsync(string unitId, CancellationToken ct) =>
        GetAsync("r:u:" + unitId, () => regions.OfUnitAsync(unitId, ct));

    public Task<string?> RegionOfEmployeeAsync(string nip, CancellationToken ct) =>
        GetAsync("r:e:" + nip, () => regions.OfEmployeeAsync(nip, ct));

    /// <summary>An employee with unit, region and supervisor (for <see cref="TeamScope"/>).</summary>
    public Task<EmployeeEntry?> EmployeeAsync(string nip, CancellationToken ct) =>
        GetAsync("e:" + nip, () => employees.FindAsync(nip, ct));

    public async Task<IReadOnlyList<string>> DirectReportsAsync(string nip, CancellationToken ct) =>
        await GetAsync<IReadOnlyList<string>>("d:" + nip, async () => await employees.DirectReportsAsync(nip, ct)) ?? [];

    /// <summary>Drops everything (called on changes; also usable by tests and admin actions in-process).</summary>
    public void Clear()
    {
        Interlocked.Increment(ref _generation);
        _entries.Clear();
    }

    public Task HandleAsync(AccessChanged message, CancellationToken ct)
    {
        Clear();
        return Task.CompletedTask;
    }

    public Task ResyncAsync(CancellationToken ct)
    {
        Clear();
        return Task.CompletedTask;
    }

    private async Task<T?> GetAsync<T>(string key, Func<Task<T?>> load) where T : class
    {
        var now = time.GetUtcNow();
        if (_entries.TryGetValue(key, out var hit) && hit.Expires > now)
        {
            return (T?)hit.Value;
        }
        var generation = Interlocked.Read(ref _generation);
        var value = await load();
        var lifetime = options.Value.CacheLifetime;
        // Do not store what was read before a concurrent Clear(): it may be stale already.
        if (lifetime > TimeSpan.Zero && generation == Interlocked.Read(ref _generation))
        {
            if (_entries.Count > 10_000)
            {
                _entries.Clear(); // bounded: junk keys cannot grow memory
            }
            _entries[key] = (value, now + lifetime);
        }
        return value;
    }
}
