using Dapper;
using Npgsql;

namespace Kinerja.Dashboard.Access;

/// <summary>One audit row as read back (<see cref="At"/> in UTC; <see cref="Detail"/> is JSON text).</summary>
public sealed record AuditEntry(long Id, DateTime At, string Actor, string Action, string Target, string Detail);

/// <summary>
/// A page of the audit trail, newest first. <paramref name="Action"/> matches exactly, or as a prefix when it
/// ends with <c>.*</c> (e.g. <c>login.*</c>); <paramref name="Before"/> is the keyset cursor (an id).
/// </summary>
public sealed record AuditFilter(string? Action = null, string? Actor = null, DateTimeOffset? From = null,
    DateTimeOffset? To = null, long? Before = null, int Limit = 100);

public sealed class AuditReader(NpgsqlDataSource db)
{
    public async Task<IReadOnlyList<AuditEntry>> ReadAsync(AuditFilter filter, CancellationToken ct)
    {
        var prefix = filter.Action is { } a && a.EndsWith(".*", StringComparison.Ordinal) ? a[..^1] : null;
        await using var conn = await db.OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<AuditEntry>(new CommandDefinition("""
            select id, at, actor, action, target, detail::text as detail
            from audit
            where (@action::text is null or action = @action)
              and (@prefix::text is null or starts_with(action, @prefix))
              and (@actor::text is null or actor = @actor)
              and (@from::timestamptz is null or at >= @from)
              and (@to::timestamptz is null or at < @to)
              and (@before::bigint is null or id < @before)
            order by id desc
            limit @limit
            """,
            new
            {
                action = prefix is null ? filter.Action : null,
                prefix,
                actor = filter.Actor,
                from = filter.From?.ToUniversalTime(),
                to = filter.To?.ToUniversalTime(),
                before = filter.Before,
                limit = filter.Limit,
            }, cancellationToken: ct));
        return rows.AsList();
    }
}
