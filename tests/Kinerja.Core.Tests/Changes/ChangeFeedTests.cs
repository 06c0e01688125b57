using Kinerja.Core.Changes;
using Kinerja.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Kinerja.Core.Tests.Changes;

/// <summary>
/// The writer and the listener on a real PostgreSQL: the limit is the server's, a notice is heard only once its
/// transaction commits, and the listener hands each handler the typed message of its own channel.
/// </summary>
public class ChangeFeedTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task Server_AcceptsTheLargestPayloadTheSplitterMakes_AndRefusesOneByteMore()
    {
        await using var conn = await db.DataSource.OpenConnectionAsync();
        var largest = ChangeNotice.Access(new string('a', ChangeSplitter.MaxPayloadBytes - """{"what":""}""".Length));
        Assert.Equal(ChangeSplitter.MaxPayloadBytes, Assert.Single(largest.Payloads).Length);

        await ChangeFeed.SendAsync(conn, null, largest, CancellationToken.None);

        await using var tooLong = new NpgsqlCommand("select pg_notify('kinerja_access', repeat('a', 8000))", conn);
        var ex = await Assert.ThrowsAsync<PostgresException>(() => tooLong.ExecuteNonQueryAsync());
        Assert.Contains("payload string too long", ex.MessageText);
    }

    [Fact]
    public async Task Send_InsideATransaction_IsHeardOnCommitOnly()
    {
        await using var listen = await db.DataSource.OpenConnectionAsync();
        var heard = new List<string>();
        listen.Notification += (_, e) => heard.Add(e.Payload);
        await using (var cmd = new NpgsqlCommand($"listen {ChangeChannels.Access}", listen))
        {
            await cmd.ExecuteNonQueryAsync();
        }
        await using var conn = await db.DataSource.OpenConnectionAsync();

        await using (var rolledBack = await conn.BeginTransactionAsync())
        {
            await ChangeFeed.SendAsync(conn, rolledBack, ChangeNotice.Access("rolled-back"), CancellationToken.None);
            await rolledBack.RollbackAsync();
        }
        await using (var committed = await conn.BeginTransactionAsync())
        {
            await ChangeFeed.SendAsync(conn, committed, ChangeNotice.Access("committed"), CancellationToken.None);
            await Task.Delay(200);
            await listen.WaitAsync(TimeSpan.FromMilliseconds(200));
            Assert.Empty(heard); // not before the commit
            await committed.CommitAsync();
        }
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        while (heard.Count == 0)
        {
            await listen.WaitAsync(cts.Token);
        }
        Assert.Equal(["""{"what":"committed"}"""], heard);
    }

    [Fact]
    public async Task Listener_DispatchesTypedMessages_ToTheHandlersOfTheirChannel_SkippingMalformedOnes()
    {
        var levels = new Recorder<LevelsChanged>();
        var events = new Recorder<EventsChanged>();
        using var listener = new ChangeFeedListener(db.DataSource, [levels, events], NullLogger<ChangeFeedListener>.Instance);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await listener.StartAsync(cts.Token);
        await using var conn = await db.DataSource.OpenConnectionAsync();
        var level = new LevelChange("199001012020011001", "2026-03", "SESUAI_EKSPEKTASI", "SESUAI_EKSPEKTASI", "BAIK");

        // the listener may not be listening yet on the first sends: repeat until heard
        while (levels.Received.Count == 0)
        {
            await using (var bad = new NpgsqlCommand("select pg_notify('kinerja_levels', 'not json')", conn))
            {
                await bad.ExecuteNonQueryAsync(cts.Token);
            }
            await ChangeFeed.SendAsync(conn, null, ChangeNotice.Levels([level]), cts.Token);
            await Task.Delay(100, cts.Token);
        }
        await listener.StopAsync(CancellationToken.None);

        Assert.All(levels.Received, m => Assert.Equal(level, Assert.Single(m.Levels)));
        Assert.Empty(events.Received); // a rule output never reaches the input handlers
    }

    private sealed class Recorder<T> : IChangeHandler<T> where T : class, IChangeMessage<T>
    {
        public List<T> Received { get; } = [];

        public Task HandleAsync(T message, CancellationToken ct)
        {
            lock (Received)
            {
                Received.Add(message);
            }
            return Task.CompletedTask;
        }
    }
}
