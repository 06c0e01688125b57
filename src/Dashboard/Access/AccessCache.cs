using Kinerja.Core.Regions;
using Kinerja.Core.Changes;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Kinerja.Dashboard.Access;

/// <summary>
/// Short-lived per-process cache of users (with grants), source keys, unit/employee regions and supervisor links, so a request
/// does not hit the database for them. Cleared on every <c>kinerja_access</c> notification (user, grant or key
/// change in any process, a reference import) and after a listener reconnect.
/// Bounded without ever dropping everything at once: what was found is kept in one size-limited cache (at most
/// <see cref="FoundLimit"/> entries; when full, the least recently used go first), "no such key, user, unit" answers in
/// another (<see cref="MissingLimit"/>), so a flood of lookups of junk keys or names only pushes out other junk.
/// </summary>
public sealed class AccessCache(UserStore users, SourceStore sources, RegionLookup regions, EmployeeDirectory employees,
    IOptions<AccessOptions> options, TimeProvider time) : IChangeHandler<AccessChanged>, IDisposable
{
    /// <summary>Most entries kept of what was found (a few per active user; the busiest regions have thousands of users).</summary>
    public const int FoundLimit = 10_000;

    /// <summary>
    /// Most "not found" answers kept: they spare the database a client repeating one stale key, and nothing more (junk
    /// keys are all different).
    /// </summary>
    public const int MissingLimit = 1_000;

    private readonly MemoryCache _found = new(new MemoryCacheOptions { SizeLimit = FoundLimit });
    private readonly MemoryCache _missing = new(new MemoryCacheOptions { SizeLimit = MissingLimit });
    private long _generation;

    /// <summary>Entries held now (found and missing; for tests).</summary>
    internal int Count => _found.Count + _missing.Count;

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
        _found.Clear();
        _missing.Clear();
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

    public void Dispose()
    {
        _found.Dispose();
        _missing.Dispose();
    }

    private async Task<T?> GetAsync<T>(string key, Func<Task<T?>> load) where T : class
    {
        var now = time.GetUtcNow();
        var generation = Interlocked.Read(ref _generation);
        // An entry of an earlier generation was stored by a read that overlapped a Clear(): never served.
        if ((_found.TryGetValue(key, out Entry? hit) || _missing.TryGetValue(key, out hit))
            && hit!.Generation == generation && hit.Expires > now)
        {
            return (T?)hit.Value;
        }
        var value = await load();
        var lifetime = options.Value.CacheLifetime;
        // Do not store what was read before a concurrent Clear(): it may be stale already.
        if (lifetime > TimeSpan.Zero && generation == Interlocked.Read(ref _generation))
        {
            var (store, other) = value is null ? (_missing, _found) : (_found, _missing);
            other.Remove(key);
            // Full: the cache refuses the entry and compacts in the background (expired first, then least recently used).
            store.Set(key, new Entry(value, now + lifetime, generation),
                new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = lifetime });
        }
        return value;
    }

    /// <param name="Expires">On the product clock (<see cref="TimeProvider"/>), as the lifetime always was.</param>
    private sealed record Entry(object? Value, DateTimeOffset Expires, long Generation);
}
