using Dapper;
using Kinerja.Core.Database;
using Kinerja.Testing;

namespace Kinerja.Core.Tests.Database;

/// <summary>Parallel reads of one consistent state: a follower sees the leader's snapshot, not later commits.</summary>
public sealed class SharedSnapshotTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task FollowAsync_RowCommittedAfterTheLeaderRead_IsInvisibleToTheFollower()
    {
        await using (var setup = await db.DataSource.OpenConnectionAsync())
        {
            await setup.ExecuteAsync("create table snap_probe (v int); insert into snap_probe values (1)");
        }
        await using var leader = await db.DataSource.OpenConnectionAsync();
        await using var tx = await leader.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead);
        Assert.Equal(1, await leader.ExecuteScalarAsync<int>("select count(*) from snap_probe", transaction: tx));

        await using (var writer = await db.DataSource.OpenConnectionAsync())
        {
            await writer.ExecuteAsync("insert into snap_probe values (2)");
        }
        await using var follower = await SharedSnapshot.FollowAsync(db.DataSource, leader, tx, CancellationToken.None);

        Assert.Equal(1, await follower.Connection.ExecuteScalarAsync<int>("select count(*) from snap_probe",
            transaction: follower.Transaction));
        await using var fresh = await db.DataSource.OpenConnectionAsync();
        Assert.Equal(2, await fresh.ExecuteScalarAsync<int>("select count(*) from snap_probe"));
    }

    [Fact]
    public async Task FollowAsync_LeaderNotRepeatableRead_Throws()
    {
        await using var leader = await db.DataSource.OpenConnectionAsync();
        await using var tx = await leader.BeginTransactionAsync(System.Data.IsolationLevel.ReadCommitted);
        // under read committed the leader's next statement would see newer data than the follower
        await Assert.ThrowsAsync<ArgumentException>(() =>
            SharedSnapshot.FollowAsync(db.DataSource, leader, tx, CancellationToken.None));
    }
}
