using Kinerja.Core.Database;
using Kinerja.Testing;
using Npgsql;

namespace Kinerja.Core.Tests.Database;

/// <summary>The one advisory-lease implementation behind the rules evaluator and the board publisher.</summary>
public sealed class AdvisoryLeaseTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    private sealed class Lease(NpgsqlDataSource db, long key) : AdvisoryLease(db, key);

    [Fact]
    public async Task TryAcquire_WhileAnotherHoldsTheKey_IsRefusedUntilReleased()
    {
        await using var first = new Lease(db.DataSource, 0x7465737431);
        await using var second = new Lease(db.DataSource, 0x7465737431);

        Assert.True(await first.TryAcquireAsync(CancellationToken.None));
        Assert.True(first.Held);
        Assert.True(await first.TryAcquireAsync(CancellationToken.None)); // confirming keeps it
        Assert.False(await second.TryAcquireAsync(CancellationToken.None));
        Assert.False(second.Held);

        await first.ReleaseAsync();
        Assert.False(first.Held);
        Assert.True(await second.TryAcquireAsync(CancellationToken.None));
    }

    [Fact]
    public async Task TryAcquire_OtherKey_IsIndependent()
    {
        await using var a = new Lease(db.DataSource, 0x7465737432);
        await using var b = new Lease(db.DataSource, 0x7465737433);
        Assert.True(await a.TryAcquireAsync(CancellationToken.None));
        Assert.True(await b.TryAcquireAsync(CancellationToken.None));
    }

    [Fact]
    public async Task TryAcquire_AfterTheHoldersSessionDied_PassesTheLeaseOn()
    {
        const long key = 0x7465737434;
        await using var holder = new Lease(db.DataSource, key);
        await using var other = new Lease(db.DataSource, key);
        Assert.True(await holder.TryAcquireAsync(CancellationToken.None));

        await using (var admin = await db.DataSource.OpenConnectionAsync())
        {
            await using var kill = new NpgsqlCommand("""
                select pg_terminate_backend(pid) from pg_locks
                where locktype = 'advisory' and granted and ((classid::bigint << 32) | objid::bigint) = $1
                """, admin);
            kill.Parameters.Add(new NpgsqlParameter<long> { TypedValue = key });
            await kill.ExecuteNonQueryAsync();
        }

        await Eventually.TrueAsync(() => other.TryAcquireAsync(CancellationToken.None), "the other lease to take over",
            TimeSpan.FromSeconds(10));
        Assert.False(await holder.TryAcquireAsync(CancellationToken.None)); // its ping fails, the key is taken
        Assert.False(holder.Held);
    }
}
