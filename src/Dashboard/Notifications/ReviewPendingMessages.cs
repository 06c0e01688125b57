using Dapper;
using Npgsql;

namespace Kinerja.Dashboard.Notifications;

/// <summary>
/// The pending-review scan: each active superior with activities of their direct reports still pending more than
/// <c>ReviewPendingDays</c> after they arrived gets one message per local day of their region (key: superior and day),
/// listing how many per employee. E-mail goes to the superior's own account when they chose it.
/// </summary>
public sealed class ReviewPendingMessages(OutboxWriter writer)
{
    /// <summary>Activities older than this are not looked at (bounds the scan to recent partitions).</summary>
    public const int LookbackDays = 92;

    // Settable properties: Dapper's constructor matching refuses text[] (reported as System.Array).
    private sealed class Row
    {
        public string SuperiorNip { get; set; } = "";
        public string Day { get; set; } = "";
        public string Payload { get; set; } = "";
        public string[] Emails { get; set; } = [];
    }

    public async Task<int> ScanAsync(NpgsqlDataSource db, DateTimeOffset now, int days, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var rows = await conn.QueryAsync<Row>(new CommandDefinition("""
            with pending as (
                select s.nip as superior_nip, s.name as superior_name, (@now at time zone r.tz)::date as day, s.unit_id,
                       un.region_id, e.nip, e.name, count(*) as n, min(a.local_day) as oldest
                from activity a
                join employee e on e.nip = a.nip
                join employee s on s.nip = e.supervisor_nip and s.active
                join unit un on un.id = s.unit_id
                join region r on r.id = un.region_id
                where a.status = 'pending'
                  and a.local_day >= (@now at time zone r.tz)::date - @lookback
                  and a.received_at < @now - make_interval(days => @days)
                group by s.nip, s.name, r.tz, s.unit_id, un.region_id, e.nip, e.name
            )
            select trim(p.superior_nip) as superiorNip, to_char(p.day, 'YYYY-MM-DD') as day,
                   jsonb_build_object('superiorNip', p.superior_nip, 'superiorName', p.superior_name, 'day', p.day,
                       'unitId', p.unit_id, 'regionId', p.region_id, 'pendingDays', @days, 'pendingCount', sum(p.n),
                       'oldestDay', min(p.oldest),
                       'employees', jsonb_agg(jsonb_build_object('nip', p.nip, 'name', p.name, 'count', p.n) order by p.nip))::text as payload,
                   coalesce((select array_agg(pr.email order by pr.email) from app_user u
                             join notification_preference pr on pr.user_id = u.id
                             where u.nip = p.superior_nip and u.disabled_at is null and pr.email is not null
                               and not (@kind = any(pr.email_off))), '{}') as emails
            from pending p
            group by p.superior_nip, p.superior_name, p.day, p.unit_id, p.region_id
            """, new { now, days, lookback = LookbackDays, kind = NotificationKinds.ReviewPending }, tx, cancellationToken: ct));
        var written = await writer.WriteAsync(conn, tx, rows.Select(r => new OutboxEvent(
            $"{NotificationKinds.ReviewPending}:{r.SuperiorNip}:{r.Day}", NotificationKinds.ReviewPending, r.Payload, r.Emails)).ToList(), ct);
        await tx.CommitAsync(ct);
        return written;
    }
}
