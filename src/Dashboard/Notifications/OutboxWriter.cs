using System.Security.Cryptography;
using System.Text;
using Dapper;
using Npgsql;

namespace Kinerja.Dashboard.Notifications;

/// <summary>
/// One event to notify about: its deterministic key (<c>followup.created:42</c>), kind, JSON payload, and the e-mail
/// addresses of the people who want it by e-mail.
/// </summary>
public sealed record OutboxEvent(string EventKey, string Kind, string PayloadJson, IReadOnlyList<string> Emails);

/// <summary>
/// Writes the outbox rows of events on the caller's connection and transaction (the transaction of the event itself):
/// one row per webhook endpoint that takes the kind and one per e-mail address (when SMTP is configured). Each row's key
/// is the event key, the channel and the destination, so writing the same event again adds nothing.
/// </summary>
public sealed class OutboxWriter(NotificationOptions options)
{
    /// <summary>Adds the rows of <paramref name="events"/>; returns how many were new.</summary>
    public async Task<int> WriteAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, IReadOnlyList<OutboxEvent> events, CancellationToken ct)
    {
        var rows = Rows(events).ToList();
        if (rows.Count == 0)
        {
            return 0;
        }
        return await conn.ExecuteAsync(new CommandDefinition("""
            insert into outbox (idempotency_key, channel, destination, kind, payload)
            select k, c, d, kind, p::jsonb
            from unnest(@keys::text[], @channels::text[], @destinations::text[], @kinds::text[], @payloads::text[]) as x(k, c, d, kind, p)
            on conflict (idempotency_key) do nothing
            """, new
        {
            keys = rows.Select(r => r.Key).ToArray(),
            channels = rows.Select(r => r.Channel).ToArray(),
            destinations = rows.Select(r => r.Destination).ToArray(),
            kinds = rows.Select(r => r.Kind).ToArray(),
            payloads = rows.Select(r => r.Payload).ToArray(),
        }, tx, cancellationToken: ct));
    }

    private IEnumerable<(string Key, string Channel, string Destination, string Kind, string Payload)> Rows(IEnumerable<OutboxEvent> events)
    {
        foreach (var e in events)
        {
            foreach (var hook in options.Webhooks.Where(w => w.Accepts(e.Kind)))
            {
                yield return (Key(e.EventKey, OutboxChannels.Webhook, hook.Url), OutboxChannels.Webhook, hook.Url, e.Kind, e.PayloadJson);
            }
            if (!options.Smtp.Enabled)
            {
                continue;
            }
            foreach (var address in e.Emails.Select(a => a.Trim().ToLowerInvariant()).Where(a => a.Length > 0).Distinct())
            {
                yield return (Key(e.EventKey, OutboxChannels.Email, address), OutboxChannels.Email, address, e.Kind, e.PayloadJson);
            }
        }
    }

    /// <summary>The row's idempotency key: event key, channel and a short hash of the destination (so it stays short and
    /// does not spell the address or URL out to the receiver).</summary>
    public static string Key(string eventKey, string channel, string destination)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(destination)))[..16];
        return $"{eventKey}/{channel}/{hash}";
    }
}

/// <summary>The delivery channels of the outbox.</summary>
public static class OutboxChannels
{
    public const string Webhook = "webhook";
    public const string Email = "email";
}
