using Dapper;
using Kinerja.Dashboard.Tests.Access;
using Kinerja.Dashboard.Tests.Infrastructure;
using Kinerja.Rules.Engine;
using Kinerja.Rules.Store;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Kinerja.Dashboard.Tests.Notifications;

/// <summary>
/// The server (its own database) with the outbox worker pointed at a real HTTP receiver (<see cref="WebhookReceiver"/>)
/// and a real SMTP server process (<see cref="SmtpServerProcess"/>). Webhooks: <c>/terima</c> takes new items (and fails
/// each key twice first), <c>/gagal</c> (500 until healed) and <c>/rahasia-lain</c> (configured with a secret the receiver
/// does not share) take "due soon". Four attempts at most, short back-off, scans every 0.6 s.
/// </summary>
public sealed class NotificationFixture : IAsyncLifetime
{
    public const string Secret = "rahasia-webhook-uji-0123456789";
    public const string WrongSecret = "rahasia-yang-tidak-dikenal-penerima";
    public const string From = "Kinerja Uji <kinerja@uji.example.go.id>";
    public const int MaxAttempts = 4;

    public WebhookReceiver Receiver { get; private set; } = null!;
    public SmtpServerProcess Smtp { get; private set; } = null!;
    public NotificationApp App { get; private set; } = null!;
    public EmployeeWorld World { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Receiver = await WebhookReceiver.StartAsync(Secret);
        Receiver.FailFirst = 2;
        Smtp = await SmtpServerProcess.StartAsync();
        App = new NotificationApp(Receiver.BaseUrl, Smtp.Port);
        await App.InitializeAsync();
        World = await EmployeeWorld.SeedAsync(App.DataSource, App.Services, "nt", 7700);
    }

    public HttpClient As(string who)
    {
        var client = App.CreateClient();
        client.DefaultRequestHeaders.Add(TestUserHandler.Header, World.Account(who));
        return client;
    }

    /// <summary>Stores a trigger through the server's own <see cref="TriggerStore"/> (with its hooks); returns the item id.</summary>
    public async Task<long> ItemAsync(string subject, string actor, string rule, string title, string kind = "COACHING")
    {
        var id = Assert.Single(await StoreAsync(subject, actor, rule, title, kind)).Id;
        await using var conn = await App.DataSource.OpenConnectionAsync();
        return await conn.ExecuteScalarAsync<long>("select id from followup where trigger_id = @id", new { id });
    }

    /// <summary>Stores a trigger; returns what was new (nothing when the same trigger is stored again).</summary>
    public Task<IReadOnlyList<StoredTrigger>> StoreAsync(string subject, string actor, string rule, string title, string kind = "COACHING")
    {
        var trigger = new Trigger
        {
            Kind = kind, Code = rule.ToUpperInvariant(), Subject = subject, IsUnit = false, Period = "2025-03", Workflow = "uji_notifikasi",
            Version = 1, Rule = rule, Inputs = new Dictionary<string, object?>(), Actor = actor, Action = title,
        };
        return App.Services.GetRequiredService<TriggerStore>().InsertAsync([trigger], CancellationToken.None);
    }

    public async Task<IReadOnlyList<OutboxRow>> RowsAsync(string keyPrefix)
    {
        await using var conn = await App.DataSource.OpenConnectionAsync();
        return (await conn.QueryAsync<OutboxRow>("""
            select id, idempotency_key as key, channel, destination, state, attempts, last_error as lastError
            from outbox where idempotency_key like @prefix || '%' order by id
            """, new { prefix = keyPrefix })).AsList();
    }

    public async Task DisposeAsync()
    {
        await ((IAsyncLifetime)App).DisposeAsync();
        await Smtp.DisposeAsync();
        await Receiver.DisposeAsync();
    }
}

public sealed record OutboxRow(long Id, string Key, string Channel, string Destination, string State, int Attempts, string? LastError);

/// <summary>The server with the notification settings of <see cref="NotificationFixture"/>.</summary>
public sealed class NotificationApp(string receiver, int smtpPort) : KinerjaAppFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Kinerja:Notifications:Webhooks:0:Url"] = receiver + "/terima",
        ["Kinerja:Notifications:Webhooks:0:Secret"] = NotificationFixture.Secret,
        ["Kinerja:Notifications:Webhooks:0:Kinds:0"] = "followup.created",
        ["Kinerja:Notifications:Webhooks:1:Url"] = receiver + "/gagal",
        ["Kinerja:Notifications:Webhooks:1:Secret"] = NotificationFixture.Secret,
        ["Kinerja:Notifications:Webhooks:1:Kinds:0"] = "followup.due_soon",
        ["Kinerja:Notifications:Webhooks:2:Url"] = receiver + "/rahasia-lain",
        ["Kinerja:Notifications:Webhooks:2:Secret"] = NotificationFixture.WrongSecret,
        ["Kinerja:Notifications:Webhooks:2:Kinds:0"] = "followup.due_soon",
        ["Kinerja:Notifications:Smtp:Host"] = "127.0.0.1",
        ["Kinerja:Notifications:Smtp:Port"] = smtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Kinerja:Notifications:Smtp:From"] = NotificationFixture.From,
        ["Kinerja:Notifications:Smtp:Security"] = "None",
        ["Kinerja:Notifications:Smtp:SiteUrl"] = "https://kinerja.uji.example.go.id",
        ["Kinerja:Notifications:MaxAttempts"] = NotificationFixture.MaxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Kinerja:Notifications:BackoffSeconds"] = "0.2",
        ["Kinerja:Notifications:MaxBackoffSeconds"] = "0.5",
        ["Kinerja:Notifications:PollSeconds"] = "0.1",
        ["Kinerja:Notifications:ScanMinutes"] = "0.01",
        ["Kinerja:Notifications:LeaseSeconds"] = "20",
        ["Kinerja:Notifications:TimeoutSeconds"] = "5",
    };
}
