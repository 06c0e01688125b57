using Dapper;
using Npgsql;

namespace Kinerja.Dashboard.Notifications;

/// <summary>A message claimed for delivery.</summary>
public sealed record OutboxMessage(long Id, string IdempotencyKey, string Channel, string Destination, string Kind,
    string Payload, DateTime Created, int Attempts);

/// <summary>A message in the dead-letter list.</summary>
public sealed record DeadMessage(long Id, string IdempotencyKey, string Channel, string Destination, string Kind,
    int Attempts, string? LastError, DateTime Created, DateTime NextAttempt, string? RegionId);

/// <summary>A message's state and region (from its payload).</summary>
public sealed record OutboxRowState(string State, string? RegionId);

/// <summary>
/// The outbox's state changes. Claiming takes due rows with <c>FOR UPDATE SKIP LOCKED</c> (two workers never take the
/// same row) and moves <c>next_attempt</c> forward by the lease, counting the attempt: a worker that dies mid-send leaves
/// the row to be taken again when the lease ends. Only a pending row is completed or failed, so a late answer never
/// revives a row HR has retried or a dead one.
/// </summary>
public sealed class OutboxStore(NpgsqlDataSource db)
{
    public async Task<IReadOnlyList<OutboxMessage>> ClaimAsync(int batch, TimeSpan lease, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return (await conn.QueryAsync<OutboxMessage>(new CommandDefinition("""
            with due as (
                select id from outbox
                where state = 'pending' and next_attempt <= now()
                order by next_attempt, id
                limit @batch
                for update skip locked
            )
            update outbox o set next_attempt = now() + @lease, attempts = o.attempts + 1
            from due where o.id = due.id
            returning o.id, o.idempotency_key as idempotencyKey, o.channel, o.destination, o.kind, o.payload::text as payload,
                      o.created, o.attempts
            """, new { batch, lease }, cancellationToken: ct))).AsList();
    }

    public async Task DeliveredAsync(long id, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition("""
            update outbox set state = 'delivered', delivered_at = now(), last_error = null where id = @id and state = 'pending'
            """, new { id }, cancellationToken: ct));
    }

    /// <summary>Records a failed attempt: dead after <paramref name="maxAttempts"/>, else due again after <paramref name="retryIn"/>.
    /// Returns true when the message is now dead.</summary>
    public async Task<bool> FailedAsync(long id, string error, int maxAttempts, TimeSpan retryIn, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var state = await conn.ExecuteScalarAsync<string?>(new CommandDefinition("""
            update outbox set state = case when attempts >= @maxAttempts then 'dead' else 'pending' end,
                              next_attempt = now() + @retryIn, last_error = left(@error, 2000)
            where id = @id and state = 'pending'
            returning state
            """, new { id, error, maxAttempts, retryIn }, cancellationToken: ct));
        return state == "dead";
    }

    /// <summary>The dead-letter list, newest first; <paramref name="regions"/> null for every region.</summary>
    public async Task<IReadOnlyList<DeadMessage>> DeadAsync(IReadOnlyCollection<string>? regions, int limit, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return (await conn.QueryAsync<DeadMessage>(new CommandDefinition("""
            select id, idempotency_key as idempotencyKey, channel, destination, kind, attempts, last_error as lastError, created,
                   next_attempt as nextAttempt, payload ->> 'regionId' as regionId
            from outbox
            where state = 'dead' and (@all or payload ->> 'regionId' = any(@regions))
            order by id desc
            limit @limit
            """, new { all = regions is null, regions = regions?.ToArray() ?? [], limit }, cancellationToken: ct))).AsList();
    }

    /// <summary>The region of a message (from its payload) and its state, or null when there is no such message.</summary>
    public async Task<OutboxRowState?> FindAsync(long id, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.QuerySingleOrDefaultAsync<OutboxRowState>(new CommandDefinition("""
            select state, payload ->> 'regionId' as regionId from outbox where id = @id
            """, new { id }, cancellationToken: ct));
    }

    /// <summary>Puts a dead message back in the queue with a fresh attempt count; false when it is not dead (any more).</summary>
    public async Task<bool> RetryAsync(long id, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.ExecuteAsync(new CommandDefinition("""
            update outbox set state = 'pending', attempts = 0, next_attempt = now() where id = @id and state = 'dead'
            """, new { id }, cancellationToken: ct)) == 1;
    }

    /// <summary>Messages pending and dead (for the gauges).</summary>
    public async Task<(long Pending, long Dead)> CountsAsync(CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.QuerySingleAsync<(long, long)>(new CommandDefinition("""
            select (select count(*) from outbox where state = 'pending'), (select count(*) from outbox where state = 'dead')
            """, cancellationToken: ct));
    }
}
