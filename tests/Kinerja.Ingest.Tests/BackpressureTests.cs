using System.Net;
using Kinerja.Ingest.Tests.Support;
using Kinerja.Testing;

namespace Kinerja.Ingest.Tests;

/// <summary>A full queue answers 503 + Retry-After and writes nothing of the refused batch.</summary>
public sealed class BackpressureTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task Post_WhenQueueIsFull_Answers503WithRetryAfterAndStoresNothingOfThatBatch()
    {
        var org = await Org.SeedAsync(db.DataSource);
        await using var host = await IngestHost.StartAsync(db.DataSource, new Dictionary<string, string?>
        {
            ["Kinerja:Ingest:QueueCapacity"] = "4",
            ["Kinerja:Ingest:BatchSize"] = "2",
            ["Kinerja:Ingest:BatchDeadline"] = "00:00:00",
            ["Kinerja:Ingest:RetryAfterSeconds"] = "3",
        });
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        host.Writer.BeforeBatch = async ct =>
        {
            held.TrySetResult();
            await gate.Task.WaitAsync(ct);
        };
        var day = TestDays.Next();
        Task<HttpResponseMessage> Send(int staff) => host.Client.PostJsonAsync("activities",
            Items.Activity(org.Staff[staff], TestDays.MorningWib(day), 10), Items.Activity(org.Staff[staff], TestDays.MorningWib(day), 10));

        var inWriter = Send(0);              // taken by the writer, which is held
        await held.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var queued1 = Send(1);               // 2 queued
        var queued2 = Send(2);               // 4 queued: at capacity
        await Eventually.TrueAsync(() => host.Services.GetQueuedItems() == 4, "the queue state", TimeSpan.FromSeconds(5));
        var refused = await Send(3);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(3), refused.Headers.RetryAfter?.Delta);
        Assert.Contains("queue is full", await refused.Content.ReadAsStringAsync());

        gate.SetResult();
        foreach (var r in await Task.WhenAll(inWriter, queued1, queued2))
        {
            Assert.Equal(2, (await r.ResultAsync()).Count("accepted"));
        }
        Assert.Equal(0L, await Sql.ScalarAsync<long>(db.DataSource, "select count(*) from activity where nip = @nip",
            new { nip = org.Staff[3] }));
        Assert.Equal(2, (await (await Send(3)).ResultAsync()).Count("accepted"));
    }
}

internal static class QueueProbe
{
    public static long GetQueuedItems(this IServiceProvider services) =>
        Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions
            .GetRequiredService<Pipeline.IngestQueue>(services).QueuedItems;
}
