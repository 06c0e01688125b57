using Dapper;
using Kinerja.Core.Changes;
using Kinerja.Core.Regions;
using Kinerja.Dashboard.Access;
using Kinerja.Testing;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Kinerja.Dashboard.Tests.Access;

/// <summary>
/// The per-process access cache against a real database, its reads counted (<see cref="CountedDataSource"/>): lookups of
/// junk keys cannot push a key in use out of it, it stays bounded, and a value read while the cache was cleared is not
/// kept.
/// </summary>
public sealed class AccessCacheTests(TestDatabase db) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    private const string KeyRead = "from ingest_source where key_hash";
    private CountedDataSource _counted = null!;
    private AccessCache _cache = null!;

    public async Task InitializeAsync()
    {
        await TestData.SeedRegionAsync(db.DataSource, "ac-a");
        _counted = new CountedDataSource(db.ConnectionString);
        var source = _counted.DataSource;
        _cache = new AccessCache(new UserStore(source), new SourceStore(source), new RegionLookup(source),
            new EmployeeDirectory(source), Options.Create(new AccessOptions { CacheLifetime = TimeSpan.FromMinutes(10) }),
            TimeProvider.System);
    }

    public async Task DisposeAsync()
    {
        _cache.Dispose();
        await _counted.DisposeAsync();
    }

    private async Task<string> NewKeyAsync(string name) =>
        (await new SourceStore(db.DataSource).AddAsync(name, ["region:ac-a"], "test")).Key;

    private int ReadsOf(string key) => _counted.Count(KeyRead, SourceKeys.Hash(key));

    [Fact]
    public async Task JunkKeys_20000_DoNotPushOutAKeyInUse_AndTheCacheStaysBounded()
    {
        var key = await NewKeyAsync("ac-in-use");
        Assert.Equal("ac-in-use", (await _cache.SourceByKeyAsync(key, default))?.Name);
        Assert.Equal(1, ReadsOf(key));

        // Well-formed unknown keys: each one is a database read and a "no such key" answer the cache may keep.
        for (var round = 0; round < 40; round++)
        {
            await Parallel.ForAsync(0, 500, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (_, ct) =>
                Assert.Null(await _cache.SourceByKeyAsync(SourceKeys.Generate(), ct)));
            // the key in use, between the junk: served from the cache every time
            Assert.Equal("ac-in-use", (await _cache.SourceByKeyAsync(key, default))?.Name);
        }

        Assert.Equal(1, ReadsOf(key));
        // one key found, the rest junk: the junk is held to its own bound
        Assert.InRange(_cache.Count, 1, 1 + AccessCache.MissingLimit);
    }

    [Fact]
    public async Task AValueReadWhileTheCacheIsCleared_IsNotKept()
    {
        var key = await NewKeyAsync("ac-cleared");
        await using var holder = await db.DataSource.OpenConnectionAsync();
        await using var tx = await holder.BeginTransactionAsync();
        await holder.ExecuteAsync("lock table ingest_source in access exclusive mode", transaction: tx);

        var read = _cache.SourceByKeyAsync(key, default);
        await Eventually.TrueAsync(async () => read.IsCompleted || await WaitingForTheLockAsync(),
            "the cache's read to wait for the table lock");
        Assert.False(read.IsCompleted, "the read did not wait for the lock");
        _cache.Clear(); // an access change announced while the read is under way
        await tx.RollbackAsync();
        Assert.Equal("ac-cleared", (await read)?.Name);

        Assert.Equal("ac-cleared", (await _cache.SourceByKeyAsync(key, default))?.Name);
        Assert.Equal(2, ReadsOf(key));
        Assert.Equal("ac-cleared", (await _cache.SourceByKeyAsync(key, default))?.Name);
        Assert.Equal(2, ReadsOf(key));
    }

    [Fact]
    public async Task AnAccessChange_DropsWhatWasKept()
    {
        var key = await NewKeyAsync("ac-revoked");
        Assert.NotNull(await _cache.SourceByKeyAsync(key, default));
        await new SourceStore(db.DataSource).RevokeAsync("ac-revoked", "test");
        Assert.NotNull(await _cache.SourceByKeyAsync(key, default)); // kept until the change is announced
        Assert.Equal(1, ReadsOf(key));

        await _cache.HandleAsync(new AccessChanged { What = "key" }, default);

        Assert.Null(await _cache.SourceByKeyAsync(key, default));
        Assert.Equal(2, ReadsOf(key));
    }

    private async Task<bool> WaitingForTheLockAsync()
    {
        await using var conn = await db.DataSource.OpenConnectionAsync();
        return await conn.ExecuteScalarAsync<long>("""
            select count(*) from pg_stat_activity
            where datname = current_database() and wait_event_type = 'Lock' and query like '%from ingest_source%'
            """) > 0;
    }
}
