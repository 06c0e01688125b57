using Kinerja.Ingest.Pipeline;
using Kinerja.Ingest.Tests.Support;
using Kinerja.Testing;
using Npgsql;
using NpgsqlTypes;

namespace Kinerja.Ingest.Tests;

/// <summary>
/// The registry claim sends its ids in the unique index's order (issue 22: consecutive inserts land on neighbouring
/// leaves; concurrent claims of overlapping ids take their index locks in one order).
/// </summary>
public sealed class EventRegistryOrderTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task InIndexOrder_SortsIdsAsPostgresOrdersUuid()
    {
        var random = new Random(22);
        var ids = new List<Guid>
        {
            Guid.Empty, Guid.AllBitsSet,
            // bytes with the high bit set, and ids that differ only in one field: a signed or field-swapped
            // comparison would order these differently from PostgreSQL's bytewise one
            Guid.Parse("7fffffff-0000-0000-0000-000000000000"), Guid.Parse("80000000-0000-0000-0000-000000000000"),
            Guid.Parse("00000000-7fff-0000-0000-000000000000"), Guid.Parse("00000000-8000-0000-0000-000000000000"),
            Guid.Parse("00000000-0000-7fff-0000-000000000000"), Guid.Parse("00000000-0000-8000-0000-000000000000"),
            Guid.Parse("00000000-0000-0000-7f00-000000000000"), Guid.Parse("00000000-0000-0000-8000-000000000000"),
            Guid.Parse("00000000-0000-0000-0000-00000000007f"), Guid.Parse("00000000-0000-0000-0000-000000000080"),
            Guid.Parse("000000ff-0000-0000-0000-000000000000"), Guid.Parse("ff000000-0000-0000-0000-000000000000"),
        };
        for (var i = 0; i < 5_000; i++)
        {
            var bytes = new byte[16];
            random.NextBytes(bytes);
            ids.Add(new Guid(bytes));
        }
        var sorted = ids.ToArray();
        EventRegistry.InIndexOrder(sorted);

        await using var cmd = db.DataSource.CreateCommand("select array_agg(id order by id) from unnest($1::uuid[]) as id");
        cmd.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = [.. ids], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });
        var byPostgres = (Guid[])(await cmd.ExecuteScalarAsync())!;

        Assert.Equal(byPostgres, sorted);
    }

    /// <summary>
    /// Transaction A holds the lower id b's claim; B claims {higher a, lower b} given in the other order. In index order B
    /// waits at b before it has claimed a, so A can claim a and commit, and B then sees both as stored before. In
    /// arrival order B would claim a first and wait at b while A waits at a: a deadlock (40P01, fails on the old code).
    /// </summary>
    [Fact]
    public async Task Claim_OverlappingIdsGivenInOtherOrder_WaitsInsteadOfDeadlocking()
    {
        var pair = new[] { Guid.NewGuid(), Guid.NewGuid() };
        Array.Sort(pair);
        var (low, high) = (pair[0], pair[1]);

        await using var a = await db.DataSource.OpenConnectionAsync();
        await using var txA = await a.BeginTransactionAsync();
        Assert.Empty(await ClaimAsync(a, [low]));

        await using var b = await db.DataSource.OpenConnectionAsync();
        var bPid = b.ProcessID;
        var claimB = Task.Run(async () =>
        {
            await using var txB = await b.BeginTransactionAsync();
            var stored = await ClaimAsync(b, [high, low]);
            await txB.CommitAsync();
            return stored;
        });
        await Eventually.TrueAsync(async () => claimB.IsCompleted || await Sql.ScalarAsync<long>(db.DataSource, $"""
            select count(*) from pg_stat_activity where pid = {bPid} and wait_event_type = 'Lock'
            """) > 0, "B's claim to wait for A's");
        Assert.False(claimB.IsCompleted, "B's claim did not wait for the id A holds");

        Assert.Empty(await ClaimAsync(a, [high]));
        await txA.CommitAsync();

        var storedForB = await claimB.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(new HashSet<Guid> { low, high }, storedForB);
        Assert.Equal(2L, await Sql.ScalarAsync<long>(db.DataSource,
            $"select count(*) from event_registry where event_id in ('{low}', '{high}')"));
    }

    private static async Task<HashSet<Guid>> ClaimAsync(NpgsqlConnection conn, Guid[] ids)
    {
        await using var batch = new NpgsqlBatch(conn);
        batch.BatchCommands.Add(EventRegistry.ClaimCommand('a', ids));
        await using var reader = await batch.ExecuteReaderAsync();
        return await EventRegistry.ReadStoredAsync(reader, CancellationToken.None);
    }
}
