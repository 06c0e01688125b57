using Dapper;
using Kinerja.Dashboard.Notifications;
using Kinerja.Dashboard.Tests.Infrastructure;
using Kinerja.Rules.Engine;
using Kinerja.Rules.FollowUp;
using Kinerja.Rules.Store;
using Kinerja.Testing;

namespace Kinerja.Dashboard.Tests.Notifications;

/// <summary>
/// The kill test: 200 new follow-up items write their webhook messages in their own transactions; the real server
/// process (rules role) delivers them to a slow receiver and is SIGKILLed while requests are in flight; started again, it
/// delivers the rest. The contract: every message reaches the receiver at least once, always with the same key and body;
/// a message interrupted after the receiver processed it but before the server recorded it is sent again (a duplicate at
/// the HTTP level) and the receiver's idempotency check, keyed by <c>Idempotency-Key</c>, processes each message once.
/// </summary>
public sealed class OutboxKillTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    private const int Items = 200;
    private const string Period = "2025-04";
    private const string Secret = "rahasia-uji-bunuh-0123456789";

    [Fact]
    public async Task ServerKilledDuringDelivery_EveryMessageProcessedOnceByKeyAfterRestart()
    {
        await using var receiver = await WebhookReceiver.StartAsync(Secret);
        receiver.ProcessingDelay = TimeSpan.FromMilliseconds(300);
        var url = receiver.BaseUrl + "/terima";
        var ids = await SeedItemsAsync(url);
        var expected = ids.Select(id => OutboxWriter.Key($"followup.created:{id}", OutboxChannels.Webhook, url)).ToHashSet();

        int processedAtKill;
        await using (var first = Start(url))
        {
            await Eventually.TrueAsync(() =>
                {
                    Assert.False(first.HasExited, "the server exited: " + first.Stdout);
                    return receiver.Processed.Keys.Count(expected.Contains) >= Items / 5 && receiver.InFlight > 0;
                },
                "deliveries in progress (a fifth processed, one being answered)", TimeSpan.FromSeconds(180));
            processedAtKill = receiver.Processed.Keys.Count(expected.Contains);
        } // DisposeAsync: SIGKILL of the whole process tree
        Assert.InRange(processedAtKill, Items / 5, Items - 1);

        await using var second = Start(url);
        await Eventually.TrueAsync(async () =>
        {
            Assert.False(second.HasExited, "the restarted server exited: " + second.Stdout);
            return await DeliveredAsync(expected) == Items;
        }, "every outbox row delivered after the restart", TimeSpan.FromSeconds(240));

        // Only this test's messages: the rules role evaluates the seeded employee too and may raise items of its own.
        var processed = receiver.Processed.Where(p => expected.Contains(p.Key)).ToDictionary();
        var missing = expected.Except(processed.Keys).ToList();
        Assert.True(missing.Count == 0, $"not processed by the receiver: {await DescribeAsync(missing, receiver)}");
        Assert.Equal(expected.Order(), processed.Keys.Order());
        Assert.Empty(receiver.Conflicts);
        // Each item's message was processed under exactly one key.
        var itemIds = processed.Values.Select(b => System.Text.Json.JsonDocument.Parse(b).RootElement.GetProperty("data").GetProperty("itemId").GetInt64());
        Assert.Equal(ids.Order(), itemIds.Order());
        var requests = receiver.Requests.Where(r => r.Key is not null && expected.Contains(r.Key)).ToList();
        Assert.All(requests, r => Assert.True(r.SignatureValid));
        // The kill came while a processed request was being answered: that message was sent again, and deduplicated.
        var repeated = receiver.Requests.GroupBy(r => r.Key).Where(g => g.Count() > 1).ToList();
        Assert.NotEmpty(repeated);
        Assert.All(repeated, g => Assert.Single(g.Select(r => r.Body).Distinct()));
    }

    private ServerProcess Start(string url) => ServerProcess.Start(new Dictionary<string, string>
    {
        ["urls"] = $"http://127.0.0.1:{Eventually.FreePort()}",
        ["ConnectionStrings:Kinerja"] = db.ConnectionString,
        ["Kinerja:Roles"] = "rules",
        ["Kinerja:RulesPath"] = Path.Combine(ServerProcess.RepositoryRoot, "rules"),
        ["Kinerja:Demo:Seed"] = "false",
        ["Kinerja:Demo:Simulate"] = "false",
        ["Kinerja:Notifications:Webhooks:0:Url"] = url,
        ["Kinerja:Notifications:Webhooks:0:Secret"] = Secret,
        ["Kinerja:Notifications:LeaseSeconds"] = "3",
        ["Kinerja:Notifications:TimeoutSeconds"] = "2",
        ["Kinerja:Notifications:PollSeconds"] = "0.1",
        ["Kinerja:Notifications:BatchSize"] = "8",
        ["Kinerja:Notifications:Parallelism"] = "4",
        ["Kinerja:Notifications:ScanMinutes"] = "60",
    });

    private async Task<string> DescribeAsync(IReadOnlyList<string> keys, WebhookReceiver receiver)
    {
        await using var conn = await db.DataSource.OpenConnectionAsync();
        var rows = await conn.QueryAsync<(string, string, int, string?)>(
            "select idempotency_key, state, attempts, last_error from outbox where idempotency_key = any(@keys)", new { keys = keys.ToArray() });
        var requests = receiver.Requests.Where(r => r.Key is not null && keys.Contains(r.Key)).Select(r => $"{r.Key} {r.Status} {r.SignatureValid}");
        return string.Join("; ", rows.Select(r => $"{r.Item1} {r.Item2} attempts {r.Item3} {r.Item4}")) + " | requests: " + string.Join("; ", requests)
            + $" | processed {receiver.Processed.Count}, requests {receiver.Requests.Count}";
    }

    private async Task<int> DeliveredAsync(IReadOnlyCollection<string> keys)
    {
        await using var conn = await db.DataSource.OpenConnectionAsync();
        return await conn.ExecuteScalarAsync<int>(
            "select count(*) from outbox where state = 'delivered' and idempotency_key = any(@keys)", new { keys = keys.ToArray() });
    }

    /// <summary>200 items (one employee, 200 rules) stored through the rules' <see cref="TriggerStore"/> with the outbox hook.</summary>
    private async Task<IReadOnlyList<long>> SeedItemsAsync(string url)
    {
        var superior = TestNips.Make(7800);
        var employee = TestNips.Make(7801);
        await TestData.SeedRegionAsync(db.DataSource, "bunuh");
        await TestData.SeedUnitAsync(db.DataSource, "bunuh-dinas", "bunuh");
        await TestData.SeedEmployeeAsync(db.DataSource, superior, "bunuh-dinas", name: "Atasan Uji");
        await TestData.SeedEmployeeAsync(db.DataSource, employee, "bunuh-dinas", superior, name: "Pegawai Uji");
        var options = new NotificationOptions { Webhooks = [new WebhookEndpoint { Url = url, Secret = Secret }] };
        var hook = new FollowUpOutboxHook(new FollowUpMessages(new OutboxWriter(options)));
        var store = new TriggerStore(db.DataSource, new FollowUpOptions(), [hook]);
        var triggers = Enumerable.Range(1, Items).Select(i => new Trigger
        {
            Kind = "COACHING", Code = $"BINA_{i:000}", Subject = employee, IsUnit = false, Period = Period, Workflow = "uji_bunuh", Version = 1,
            Rule = $"bina_{i:000}", Inputs = new Dictionary<string, object?>(), Actor = "atasan", Action = $"Pembinaan {i}",
        }).ToList();
        foreach (var chunk in triggers.Chunk(50))
        {
            await store.InsertAsync(chunk, CancellationToken.None);
        }
        await using var conn = await db.DataSource.OpenConnectionAsync();
        var ids = (await conn.QueryAsync<long>("select id from followup where period = @period order by id", new { period = Period })).AsList();
        Assert.Equal(Items, ids.Count);
        Assert.Equal(Items, await conn.ExecuteScalarAsync<int>("select count(*) from outbox where state = 'pending'"));
        return ids;
    }
}
