using Dapper;
using Kinerja.Rules.FollowUp;
using Npgsql;

namespace Kinerja.Dashboard.Notifications;

/// <summary>
/// The follow-up messages: "new item" (written by <see cref="FollowUpOutboxHook"/> in the transaction that creates the
/// item) and "due soon" (written by the scan). Recipients by e-mail are the assignee's account, or the region's HR (sdm
/// granted the region, or every region) when the item is HR's, each only with an address and the kind switched on.
/// </summary>
public sealed class FollowUpMessages(OutboxWriter writer)
{
    // A class with setters, not a positional record: Npgsql reports a text[] column as System.Array, which Dapper's
    // constructor matching refuses.
    private sealed class Row
    {
        public long Id { get; set; }
        public string State { get; set; } = "";
        public string Payload { get; set; } = "";
        public string[] Emails { get; set; } = [];
    }

    // The payload is the webhook body's "data" and the e-mail's content; jsonb keeps it byte-stable across retries.
    private const string Select = """
        select f.id, f.state,
               jsonb_build_object('itemId', f.id, 'kind', f.kind, 'code', f.code, 'title', f.title, 'nip', f.nip,
                   'employeeName', e.name, 'unitId', f.unit_id, 'unitName', un.name, 'regionId', f.region_id,
                   'period', f.period, 'actor', f.actor, 'assigneeNip', f.assignee_nip, 'state', f.state,
                   'dueDate', f.due_date)::text as payload,
               coalesce((select array_agg(p.email order by p.email)
                         from app_user u join notification_preference p on p.user_id = u.id
                         where p.email is not null and u.disabled_at is null and not (@kind = any(p.email_off))
                           and case when f.assignee_nip is not null then u.nip = f.assignee_nip
                                    else u.role = 'sdm' and (not exists (select 1 from user_region g where g.user_id = u.id)
                                         or exists (select 1 from user_region g where g.user_id = u.id and g.region_id = f.region_id))
                               end), '{}') as emails
        from followup f
        join unit un on un.id = f.unit_id
        left join employee e on e.nip = f.nip
        """;

    /// <summary>Writes the "new item" messages of <paramref name="itemIds"/> on the creating transaction.</summary>
    public async Task<int> CreatedAsync(NpgsqlConnection conn, NpgsqlTransaction tx, IReadOnlyList<long> itemIds, CancellationToken ct)
    {
        if (itemIds.Count == 0)
        {
            return 0;
        }
        var rows = await conn.QueryAsync<Row>(new CommandDefinition(Select + """

            where f.id = any(@ids)
            """, new { ids = itemIds.ToArray(), kind = NotificationKinds.FollowUpCreated }, tx, cancellationToken: ct));
        return await writer.WriteAsync(conn, tx, rows.Select(r => new OutboxEvent(
            $"{NotificationKinds.FollowUpCreated}:{r.Id}", NotificationKinds.FollowUpCreated, r.Payload, r.Emails)).ToList(), ct);
    }

    /// <summary>
    /// The scan: every open item whose due day (the region's calendar) is from today to today + <paramref name="days"/>
    /// gets one "due soon" message per state it is in; returns how many rows were new.
    /// </summary>
    public async Task<int> DueSoonAsync(NpgsqlDataSource db, DateTimeOffset now, int days, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var rows = await conn.QueryAsync<Row>(new CommandDefinition(Select + """

            join region r on r.id = f.region_id
            where f.state = any(@open)
              and f.due_date between (@now at time zone r.tz)::date and (@now at time zone r.tz)::date + @days
            """, new { kind = NotificationKinds.FollowUpDueSoon, open = FollowUpStates.Open.ToArray(), now, days }, tx, cancellationToken: ct));
        var written = await writer.WriteAsync(conn, tx, rows.Select(r => new OutboxEvent(
            $"{NotificationKinds.FollowUpDueSoon}:{r.Id}:{r.State}", NotificationKinds.FollowUpDueSoon, r.Payload, r.Emails)).ToList(), ct);
        await tx.CommitAsync(ct);
        return written;
    }
}

/// <summary>The outbox's side of <see cref="IFollowUpHook"/>: the "new item" messages join the trigger insert's transaction.</summary>
public sealed class FollowUpOutboxHook(FollowUpMessages messages) : IFollowUpHook
{
    public Task ItemsCreatedAsync(NpgsqlConnection conn, NpgsqlTransaction tx, IReadOnlyList<long> itemIds, CancellationToken ct) =>
        messages.CreatedAsync(conn, tx, itemIds, ct);
}
