using Dapper;
using Npgsql;

namespace Kinerja.Dashboard.Notifications;

/// <summary>A person's e-mail choices: the address (null: no e-mail) and, per kind, whether they want it by e-mail.</summary>
public sealed record NotificationPreference(string? Email, IReadOnlyDictionary<string, bool> Kinds);

/// <summary>
/// Each account's notification preferences (<c>notification_preference</c>). Without a row nothing is sent by e-mail (no
/// address is known); with an address every kind is on unless switched off. Webhooks are the region's integrations and do
/// not depend on these choices.
/// </summary>
public sealed class NotificationPreferences(NpgsqlDataSource db)
{
    // Settable properties: Dapper's constructor matching refuses text[] (reported as System.Array).
    private sealed class Row
    {
        public string? Email { get; set; }
        public string[] EmailOff { get; set; } = [];
    }

    public async Task<NotificationPreference> GetAsync(long userId, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var row = await conn.QuerySingleOrDefaultAsync<Row>(new CommandDefinition("""
            select email, email_off as emailOff from notification_preference where user_id = @userId
            """, new { userId }, cancellationToken: ct));
        return new NotificationPreference(row?.Email,
            NotificationKinds.All.ToDictionary(k => k, k => row?.EmailOff.Contains(k) != true));
    }

    public async Task SaveAsync(long userId, string? email, IReadOnlyCollection<string> emailOff, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition("""
            insert into notification_preference (user_id, email, email_off) values (@userId, @email, @emailOff)
            on conflict (user_id) do update set email = excluded.email, email_off = excluded.email_off, updated_at = now()
            """, new { userId, email, emailOff = emailOff.ToArray() }, cancellationToken: ct));
    }
}
