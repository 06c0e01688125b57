using Kinerja.Ingest.Partitions;
using Kinerja.Ingest.Streams;
using Kinerja.Testing;
using Npgsql;
using NpgsqlTypes;

namespace Kinerja.Ingest.Tests;

/// <summary>
/// <c>stream_partitions_ensure</c> (migration 0032) looks before it locks: a month whose partitions exist costs no wait
/// on the batches in flight (each holds the partition lock shared); a missing month is still created under the lock
/// exclusively, after those batches, and exactly once when two callers race for it. Each test uses its own months
/// far from the product clock, on real connections.
/// </summary>
public sealed class PartitionEnsureTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private static readonly string[] Tables = new IngestStreamRegistry(IngestStreams.All).PartitionedTables;

    [Fact]
    public async Task Ensure_MonthExists_ReturnsWithoutWaitingForABatchInFlight()
    {
        var month = new DateOnly(2042, 3, 1);
        await using (var setup = await db.DataSource.OpenConnectionAsync())
        {
            Assert.Equal(Tables.Length, await EnsureAsync(setup, month));
        }
        await using var batch = await HoldSharedAsync();

        await using var writer = await db.DataSource.OpenConnectionAsync();
        // before 0032 this waited for the batch (the test then failed by the time limit); no lock_timeout here: a
        // server under libfaketime (CI's faked-clock runs) does not fire it
        Assert.Equal(0, await EnsureAsync(writer, month).WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(0, await EnsureAsync(writer, month.AddDays(20)).WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Ensure_MonthMissing_StillWaitsForTheBatchInFlight()
    {
        var month = new DateOnly(2042, 5, 1);
        await using var batch = await HoldSharedAsync();
        await using var writer = await db.DataSource.OpenConnectionAsync();
        await using var observer = await db.DataSource.OpenConnectionAsync();

        var ensuring = EnsureAsync(writer, month);
        await WaitUntilAsync(async () => await WaitsForAdvisoryLockAsync(observer, writer.ProcessID));
        Assert.False(ensuring.IsCompleted);
        Assert.Equal(0L, await PartitionsOfAsync(observer, month));
        await batch.DisposeAsync(); // the batch ends: the creation proceeds

        Assert.Equal(Tables.Length, await ensuring.WaitAsync(Patience));
        Assert.Equal((long)Tables.Length, await PartitionsOfAsync(observer, month));
    }

    [Fact]
    public async Task Ensure_TwoCallersRaceForANewMonth_OneCreatesBothProceed()
    {
        var month = new DateOnly(2042, 8, 1);
        await using var first = await db.DataSource.OpenConnectionAsync();
        await using var second = await db.DataSource.OpenConnectionAsync();
        await using var firstTx = await first.BeginTransactionAsync();
        Assert.Equal(Tables.Length, await EnsureAsync(first, month)); // made, not committed, lock held

        var secondPid = second.ProcessID;
        var racing = EnsureAsync(second, month);
        await WaitUntilAsync(async () => await WaitsForAdvisoryLockAsync(first, secondPid));
        Assert.False(racing.IsCompleted);
        await firstTx.CommitAsync();

        Assert.Equal(0, await racing.WaitAsync(Patience));
        Assert.Equal((long)Tables.Length, await PartitionsOfAsync(first, month));
        Assert.Equal(1L, await ScalarAsync<long>(second,
            "select count(*) from pg_inherits where inhrelid = 'public.activity_y2042m08'::regclass and inhparent = 'public.activity'::regclass"));
    }

    [Fact]
    public async Task Ensure_OnePartitionOfTheMonthMissing_CreatesOnlyThatOne()
    {
        var month = new DateOnly(2042, 11, 1);
        await using var conn = await db.DataSource.OpenConnectionAsync();
        Assert.Equal(Tables.Length, await EnsureAsync(conn, month));
        await ExecAsync(conn, "alter table activity_review detach partition activity_review_y2042m11");
        await ExecAsync(conn, "drop table activity_review_y2042m11");

        Assert.Equal(1, await EnsureAsync(conn, month));
        Assert.Equal(0, await EnsureAsync(conn, month));
        Assert.Equal((long)Tables.Length, await PartitionsOfAsync(conn, month));
    }

    [Fact]
    public async Task Ensure_NotAPartitionedTable_FailsClearly()
    {
        await using var conn = await db.DataSource.OpenConnectionAsync();
        var ex = await Assert.ThrowsAsync<PostgresException>(() => EnsureAsync(conn, new DateOnly(2043, 1, 1), ["employee"]));

        Assert.Contains("stream table employee is not range-partitioned on one column", ex.MessageText, StringComparison.Ordinal);
    }

    private static async Task<int> EnsureAsync(NpgsqlConnection conn, DateOnly month, string[]? tables = null)
    {
        await using var cmd = new NpgsqlCommand(PartitionSql.Ensure, conn);
        cmd.Parameters.Add(new NpgsqlParameter<DateOnly[]> { TypedValue = [month], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Date });
        cmd.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = tables ?? Tables, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        return (int)(await cmd.ExecuteScalarAsync())!;
    }

    /// <summary>A writer's batch transaction in flight: the partition lock held shared (<see cref="PartitionSql.HoldShared"/>).</summary>
    private async Task<HeldBatch> HoldSharedAsync()
    {
        var conn = await db.DataSource.OpenConnectionAsync();
        var tx = await conn.BeginTransactionAsync();
        await ExecAsync(conn, PartitionSql.HoldShared);
        return new HeldBatch(conn, tx);
    }

    private static Task<bool> WaitsForAdvisoryLockAsync(NpgsqlConnection observer, int pid) => ScalarAsync<bool>(observer,
        $"select exists (select 1 from pg_locks where pid = {pid} and locktype = 'advisory' and not granted)");

    private static Task<long> PartitionsOfAsync(NpgsqlConnection conn, DateOnly month) => ScalarAsync<long>(conn,
        $"select count(*) from pg_class where relkind = 'r' and relname like '%\\_y{month:yyyy}m{month:MM}'");

    private static async Task ExecAsync(NpgsqlConnection conn, string sql)
    {
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync();
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection conn, string sql)
    {
        await using var cmd = new NpgsqlCommand(sql, conn);
        return (T)(await cmd.ExecuteScalarAsync())!;
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var until = DateTime.UtcNow + Patience;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < until, "condition not reached in time");
            await Task.Delay(20);
        }
    }

    private sealed class HeldBatch(NpgsqlConnection conn, NpgsqlTransaction tx) : IAsyncDisposable
    {
        private bool _ended;

        public async ValueTask DisposeAsync()
        {
            if (_ended)
            {
                return;
            }
            _ended = true;
            await tx.RollbackAsync();
            await tx.DisposeAsync();
            await conn.DisposeAsync();
        }
    }
}
