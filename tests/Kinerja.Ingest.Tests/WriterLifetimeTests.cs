using Kinerja.Ingest.Contracts;
using Kinerja.Ingest.Tests.Support;
using Kinerja.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Kinerja.Ingest.Tests;

/// <summary>The writer is the host's hosted service: started with it, and on stop it writes what is queued before it ends.</summary>
public sealed class WriterLifetimeTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task Writer_IsTheHostsHostedService()
    {
        await using var host = await IngestHost.StartAsync(db.DataSource);

        Assert.Contains(host.Services.GetServices<IHostedService>(), s => ReferenceEquals(s, host.Writer));
    }

    [Fact]
    public async Task HostStop_WritesWhatIsQueuedAndAcknowledgesItAfterCommit_ThenRefusesNewWork()
    {
        var org = await Org.SeedAsync(db.DataSource);
        await using var host = await IngestHost.StartAsync(db.DataSource, new Dictionary<string, string?>
        {
            ["Kinerja:Ingest:BatchDeadline"] = "00:00:00",
        });
        var hold = new WriterHold(host);
        var day = TestDays.Next();
        ActivityItem Activity() => new()
        {
            EventId = Guid.NewGuid(), Nip = org.Staff[0], OccurredAt = TestDays.MorningWib(day), Minutes = 15,
            Description = "Menyusun laporan",
        };
        var inWriter = host.Pipeline.SubmitActivitiesAsync([Activity()]);
        await hold.Held;
        var queued = host.Pipeline.SubmitActivitiesAsync([Activity(), Activity()]);
        await Eventually.TrueAsync(() => host.Services.GetQueuedItems() == 2, "the queue state", TimeSpan.FromSeconds(5));

        var stopping = host.StopAsync();
        await Task.Delay(200);
        Assert.False(stopping.IsCompleted, "the host stopped before the writer wrote what was queued");
        hold.Release();
        await stopping.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(1, (await inWriter).Accepted);
        Assert.Equal(2, (await queued).Accepted);
        Assert.Equal(3L, await Sql.ScalarAsync<long>(db.DataSource,
            "select count(*) from activity where nip = @nip and local_day = @day", new { nip = org.Staff[0], day }));
        var refused = await Assert.ThrowsAsync<IngestUnavailableException>(() => host.Pipeline.SubmitActivitiesAsync([Activity()]));
        Assert.Equal(UnavailableReason.ShuttingDown, refused.Reason);
    }
}
