using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Kinerja.Dashboard.Notifications;
using Kinerja.Testing;

namespace Kinerja.Dashboard.Tests.Notifications;

/// <summary>
/// The outbox end to end with real processes: a new follow-up item's messages (written in its transaction) reach a real
/// HTTP receiver (signature checked, retried after two 500s with the same key and body) and a real SMTP server (parsed);
/// "due soon" messages to a failing endpoint and to one with a wrong secret end in the dead-letter list, which HR reads
/// and retries; the scans never write a message twice.
/// </summary>
public sealed class NotificationDeliveryTests(NotificationFixture f) : IClassFixture<NotificationFixture>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);
    private Access.EmployeeWorld W => f.World;

    private async Task SetEmailAsync(string who, string email, Dictionary<string, bool>? kinds = null)
    {
        using var res = await f.As(who).PutAsJsonAsync("/api/v1/me/notifications", new { email, kinds });
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
    }

    [Fact]
    public async Task NewItem_WebhookSignedRetriedWithSameKeyAndEmailParsed()
    {
        await SetEmailAsync("b", "Atasan.B@uji.example.go.id");
        const string title = "Pembinaan <segera> & tuntas";

        var id = await f.ItemAsync(W.S1, "atasan", "bina_notif_baru", title);

        // Written with the item, before any delivery: one webhook row and one e-mail row (the assignee's address).
        var rows = await f.RowsAsync($"followup.created:{id}/");
        Assert.Equal(["email:atasan.b@uji.example.go.id", $"webhook:{f.Receiver.BaseUrl}/terima"],
            rows.Select(r => $"{r.Channel}:{r.Destination}").Order());
        var hookKey = rows.Single(r => r.Channel == "webhook").Key;
        var mailKey = rows.Single(r => r.Channel == "email").Key;
        Assert.Equal(OutboxWriter.Key($"followup.created:{id}", "webhook", $"{f.Receiver.BaseUrl}/terima"), hookKey);

        await Eventually.TrueAsync(() => f.Receiver.Processed.ContainsKey(hookKey), "the webhook to be processed", Wait);
        var attempts = f.Receiver.Requests.Where(r => r.Key == hookKey).ToList();
        Assert.Equal([500, 500, 200], attempts.Select(a => a.Status));
        Assert.All(attempts, a => Assert.True(a.SignatureValid));
        Assert.Single(attempts.Select(a => a.Body).Distinct());
        Assert.True(attempts[2].At - attempts[1].At >= TimeSpan.FromSeconds(0.2 * 2 * 0.75 - 0.05), "the second retry came before its back-off");
        using var body = JsonDocument.Parse(attempts[2].Body);
        Assert.Equal(hookKey, body.RootElement.GetProperty("id").GetString());
        Assert.Equal("followup.created", body.RootElement.GetProperty("kind").GetString());
        var data = body.RootElement.GetProperty("data");
        Assert.Equal((id, title, W.S1, W.B), (data.GetProperty("itemId").GetInt64(), data.GetProperty("title").GetString(),
            data.GetProperty("nip").GetString(), data.GetProperty("assigneeNip").GetString()));
        await Eventually.TrueAsync(async () => (await f.RowsAsync(hookKey)).Single().State == "delivered", "the row to be delivered", Wait);
        Assert.Equal(3, (await f.RowsAsync(hookKey)).Single().Attempts);

        await Eventually.TrueAsync(() => f.Smtp.Messages().Any(m => m.Headers["X-Kinerja-Idempotency-Key"] == mailKey), "the e-mail", Wait);
        var mail = f.Smtp.Messages().Single(m => m.Headers["X-Kinerja-Idempotency-Key"] == mailKey);
        Assert.Equal($"Tindak lanjut baru: {title}", mail.Subject);
        Assert.Equal("atasan.b@uji.example.go.id", Assert.Single(mail.To.Mailboxes).Address);
        Assert.Equal("kinerja@uji.example.go.id", Assert.Single(mail.From.Mailboxes).Address);
        Assert.Equal(EmailSender.MessageId(mailKey, NotificationFixture.From), mail.MessageId);
        Assert.Contains($"Tindak lanjut: {title}", mail.TextBody);
        Assert.Contains("Staf Satu", mail.TextBody);
        Assert.Contains("https://kinerja.uji.example.go.id/tindak-lanjut", mail.TextBody);
        Assert.Contains("Pembinaan &lt;segera&gt; &amp; tuntas", mail.HtmlBody);
        Assert.DoesNotContain("<segera>", mail.HtmlBody);
    }

    [Fact]
    public async Task SameTriggerStoredAgain_NoSecondItemNoSecondMessage()
    {
        var id = await f.ItemAsync(W.S2, "atasan", "bina_notif_ulang", "Pembinaan ulang");
        var before = await f.RowsAsync($"followup.created:{id}/");

        var again = await f.StoreAsync(W.S2, "atasan", "bina_notif_ulang", "Pembinaan ulang");

        Assert.Empty(again);
        Assert.Equal(before.Select(r => r.Id), (await f.RowsAsync($"followup.created:{id}/")).Select(r => r.Id));
        Assert.NotEmpty(before);
    }

    [Fact]
    public async Task DueSoon_FailingAndWrongSecretEndpoints_DeadListedRetriedOnceHealed()
    {
        await SetEmailAsync("k", "kepala.k@uji.example.go.id");
        var id = await f.ItemAsync(W.B, "atasan", "bina_notif_tempo", "Pembinaan jatuh tempo");
        await using (var conn = await f.App.DataSource.OpenConnectionAsync())
        {
            await conn.ExecuteAsync("""
                update followup x set due_date = (now() at time zone r.tz)::date + 1 from region r where r.id = x.region_id and x.id = @id
                """, new { id });
        }
        var prefix = $"followup.due_soon:{id}:baru/";
        await Eventually.TrueAsync(async () => (await f.RowsAsync(prefix)).Count(r => r.State == "dead") == 2, "both webhooks dead", Wait);
        var rows = await f.RowsAsync(prefix);
        Assert.Equal(3, rows.Count); // the scans ran many times since: still one row per destination
        var failing = rows.Single(r => r.Destination.EndsWith("/gagal"));
        var wrongSecret = rows.Single(r => r.Destination.EndsWith("/rahasia-lain"));
        Assert.Equal((NotificationFixture.MaxAttempts, "HTTP 500 Internal Server Error"), (failing.Attempts, failing.LastError));
        Assert.Equal((NotificationFixture.MaxAttempts, "HTTP 401 Unauthorized"), (wrongSecret.Attempts, wrongSecret.LastError));
        // The receiver detected the wrong secret on every attempt and processed none of them.
        var refused = f.Receiver.Requests.Where(r => r.Key == wrongSecret.Key).ToList();
        Assert.Equal(NotificationFixture.MaxAttempts, refused.Count);
        Assert.All(refused, r => Assert.False(r.SignatureValid));
        Assert.False(f.Receiver.Processed.ContainsKey(wrongSecret.Key));
        var mailKey = rows.Single(r => r.Channel == "email").Key;
        await Eventually.TrueAsync(() => f.Smtp.Messages().Any(m => m.Headers["X-Kinerja-Idempotency-Key"] == mailKey),
            "the due-soon e-mail to the superior", Wait);
        var mail = f.Smtp.Messages().Single(m => m.Headers["X-Kinerja-Idempotency-Key"] == mailKey);
        Assert.Matches(@"^Tindak lanjut jatuh tempo \d{1,2} \p{L}+ \d{4}: Pembinaan jatuh tempo$", mail.Subject);
        Assert.Equal("kepala.k@uji.example.go.id", Assert.Single(mail.To.Mailboxes).Address);

        using var dead = await f.As("sdm").GetAsync("/api/v1/notifications/dead");
        Assert.Equal(HttpStatusCode.OK, dead.StatusCode);
        var list = await dead.Content.ReadFromJsonAsync<JsonElement>();
        var listed = list.EnumerateArray().Where(d => d.GetProperty("idempotencyKey").GetString()!.StartsWith(prefix, StringComparison.Ordinal))
            .Select(d => (d.GetProperty("id").GetInt64(), d.GetProperty("lastError").GetString())).Order().ToList();
        Assert.Equal(new[] { (failing.Id, failing.LastError), (wrongSecret.Id, wrongSecret.LastError) }.Order(), listed);
        using var asEmployee = await f.As("b").GetAsync("/api/v1/notifications/dead");
        Assert.Equal(HttpStatusCode.Forbidden, asEmployee.StatusCode);

        f.Receiver.Heal();
        using var retry = await f.As("sdm").PostAsync($"/api/v1/notifications/{failing.Id}/retry", null);
        Assert.Equal(HttpStatusCode.Accepted, retry.StatusCode);
        await Eventually.TrueAsync(() => f.Receiver.Processed.ContainsKey(failing.Key), "the retried message to be processed", Wait);
        await Eventually.TrueAsync(async () => (await f.RowsAsync(failing.Key)).Single().State == "delivered", "the retried row delivered", Wait);
        using var again = await f.As("sdm").PostAsync($"/api/v1/notifications/{failing.Id}/retry", null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        using var missing = await f.As("sdm").PostAsync("/api/v1/notifications/987654321/retry", null);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        await using var audit = await f.App.DataSource.OpenConnectionAsync();
        Assert.Equal(1, await audit.ExecuteScalarAsync<int>(
            "select count(*) from audit where action = 'notification.retry' and target = @t", new { t = $"outbox:{failing.Id}" }));
    }

    [Fact]
    public async Task ReviewPending_MoreThanThreeDays_OneMessagePerSuperiorAndDay()
    {
        await SetEmailAsync("b", "atasan.b@uji.example.go.id");
        await using var conn = await f.App.DataSource.OpenConnectionAsync();
        var day = await conn.ExecuteScalarAsync<DateTime>("""
            select (now() at time zone r.tz)::date - 5 from region r where r.id = @region
            """, new { region = f.World.RegionA });
        await conn.ExecuteAsync("select stream_partitions_ensure(@day::date)", new { day });
        await conn.ExecuteAsync("""
            insert into activity (event_id, nip, occurred_at, local_day, minutes, description, received_at)
            select gen_random_uuid(), @nip, now() - interval '5 days', @day::date, 60, 'Kegiatan menunggu ' || g, now() - interval '5 days'
            from generate_series(1, 3) g
            """, new { nip = W.S1, day });
        var key = $"review.pending:{W.B}:";

        await Eventually.TrueAsync(() => f.Smtp.Messages().Any(m => ((string?)m.Headers["X-Kinerja-Idempotency-Key"])?.StartsWith(key, StringComparison.Ordinal) == true),
            "the pending-review e-mail", Wait);
        await Task.Delay(TimeSpan.FromSeconds(2)); // a few more scans
        var rows = await f.RowsAsync(key);
        Assert.Equal(["email"], rows.Select(r => r.Channel)); // no webhook takes review.pending here
        var mail = f.Smtp.Messages().Single(m => m.Headers["X-Kinerja-Idempotency-Key"] == rows[0].Key);
        Assert.Equal("3 kegiatan bawahan menunggu persetujuan Anda", mail.Subject);
        Assert.Contains($"Staf Satu ({W.S1}): 3 kegiatan", mail.TextBody);
        Assert.Contains("lebih dari 3 hari", mail.TextBody);
    }

    [Fact]
    public async Task Preferences_RoundTripValidatedAndKindSwitchedOffWritesNoEmail()
    {
        var s2 = f.As("s2");
        var first = await s2.GetFromJsonAsync<JsonElement>("/api/v1/me/notifications");
        Assert.Equal(JsonValueKind.Null, first.GetProperty("email").ValueKind);
        Assert.All(first.GetProperty("kinds").EnumerateArray(), k => Assert.True(k.GetProperty("email").GetBoolean()));
        Assert.True(first.GetProperty("emailAvailable").GetBoolean());

        using var bad = await s2.PutAsJsonAsync("/api/v1/me/notifications", new { email = "bukan alamat" });
        using var unknown = await s2.PutAsJsonAsync("/api/v1/me/notifications", new { email = "s2@uji.example.go.id", kinds = new Dictionary<string, bool> { ["sms"] = true } });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("plain address such as nama@contoh.go.id", await bad.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("Unknown kind(s) sms", await unknown.Content.ReadAsStringAsync());

        await SetEmailAsync("s2", "S2@uji.example.go.id", new() { ["followup.created"] = false });
        var saved = await s2.GetFromJsonAsync<JsonElement>("/api/v1/me/notifications");
        Assert.Equal("s2@uji.example.go.id", saved.GetProperty("email").GetString());
        Assert.Equal([("followup.created", false), ("followup.due_soon", true), ("review.pending", true)],
            saved.GetProperty("kinds").EnumerateArray().Select(k => (k.GetProperty("kind").GetString()!, k.GetProperty("email").GetBoolean())));

        // The rule names the employee as the actor: the item is S2's own, and S2 switched "new item" e-mail off.
        var id = await f.ItemAsync(W.S2, "pegawai", "lapor_notif_sendiri", "Lengkapi laporan");
        Assert.Equal(["webhook"], (await f.RowsAsync($"followup.created:{id}/")).Select(r => r.Channel));
    }
}
