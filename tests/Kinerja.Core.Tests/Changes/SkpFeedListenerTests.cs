using System.Collections.Concurrent;
using Kinerja.Core.Changes;
using Kinerja.Testing;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Kinerja.Core.Tests.Changes;

/// <summary>
/// <c>kinerja_skp</c> on a real PostgreSQL and the real listener: a 2,000-plan import goes as several notifications and
/// the handler hears every group; malformed payloads sent by hand are logged and skipped, and the listener goes on.
/// </summary>
public class SkpFeedListenerTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task ASplitImport_ReachesTheHandlerWhole_AndMalformedPayloadsAreLoggedAndSkipped()
    {
        var heard = new Recorder();
        var log = new WarningLog();
        using var listener = new ChangeFeedListener(db.DataSource, [heard], log);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await listener.StartAsync(cts.Token);
        await using var conn = await db.DataSource.OpenConnectionAsync();
        var touched = Enumerable.Range(0, 2_000)
            .Select(i => new SkpTouch($"{199001012020011000L + i}", $"{198001012005011000L + i / 25}", "kota-uji", $"kota-uji-dinas-{i % 7}"))
            .ToArray();
        var notice = ChangeNotice.Skp(touched);
        Assert.True(notice.Payloads.Count > 1);

        // the listener may not be listening yet on the first sends: a probe is repeated until heard
        var probe = ChangeNotice.Skp([new SkpTouch(null, null, "probe", "probe")]);
        while (heard.Messages.IsEmpty)
        {
            await ChangeFeed.SendAsync(conn, null, probe, cts.Token);
            await Task.Delay(100, cts.Token);
        }
        foreach (var bad in new[] { "not json", """{"employees":[{"nip":7}]}""", "[1,2]" })
        {
            await using var cmd = new NpgsqlCommand("select pg_notify($1, $2)", conn);
            cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = ChangeChannels.Skp });
            cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = bad });
            await cmd.ExecuteNonQueryAsync(cts.Token);
        }
        await ChangeFeed.SendAsync(conn, null, notice, cts.Token);
        while (heard.Messages.Sum(m => m.Employees.Length) < touched.Length + 80)
        {
            await Task.Delay(50, cts.Token);
        }
        await listener.StopAsync(CancellationToken.None);

        var groups = heard.Messages.SelectMany(m => m.Employees).Select(h => h.Nip).ToArray();
        Assert.Equal(touched.Select(t => t.Nip!).Concat(touched.Select(t => t.SuperiorNip!).Distinct()).Order(), groups.Order());
        Assert.Equal(7, heard.Messages.SelectMany(m => m.Units).Count(u => u.RegionId == "kota-uji"));
        Assert.Equal(3, log.Warnings.Count(w => w.Contains("malformed kinerja_skp payload")));
    }

    private sealed class Recorder : IChangeHandler<SkpDataChanged>
    {
        public ConcurrentQueue<SkpDataChanged> Messages { get; } = new();

        public Task HandleAsync(SkpDataChanged message, CancellationToken ct)
        {
            Messages.Enqueue(message);
            return Task.CompletedTask;
        }
    }

    private sealed class WarningLog : ILogger<ChangeFeedListener>
    {
        public ConcurrentQueue<string> Warnings { get; } = new();

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                Warnings.Enqueue(formatter(state, exception));
            }
        }
    }
}
