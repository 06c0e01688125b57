using Dapper;
using Npgsql;

namespace Kinerja.Dashboard.Survey;

/// <summary>
/// The complaints and suggestions queue (migration 0022): a complaint is a survey response with a non-blank comment;
/// its steps live in <c>complaint</c>. Each transition is one conditional statement, so two people acting on the same
/// complaint at once cannot both move it (the second is told the state it found).
/// </summary>
public sealed class ComplaintStore(NpgsqlDataSource db)
{
    private const int ListLimit = 500;

    /// <summary>The unit of a complaint and its current state, or null when no complaint has this id.</summary>
    public async Task<(string UnitId, string State)?> FindAsync(Guid id, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.QuerySingleOrDefaultAsync<(string, string)?>(new CommandDefinition("""
            select r.unit_id, coalesce(c.state, 'baru')
            from survey_response r left join complaint c on c.response_id = r.event_id
            where r.event_id = @id and r.comment is not null and btrim(r.comment) <> ''
            """, new { id }, cancellationToken: ct));
    }

    /// <summary>A unit's complaints newest first (at most 500), optionally only those in <paramref name="state"/>.</summary>
    public async Task<IReadOnlyList<ComplaintView>> ListAsync(string unitId, string? state, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<Row>(new CommandDefinition("""
            select r.event_id as Id, r.unit_id as UnitId, r.service_id as ServiceId, r.comment as Text,
                   r.submitted_at as SubmittedAt, coalesce(c.state, 'baru') as State,
                   c.processing_by as ProcessingBy, c.processing_at as ProcessingAt, c.closed_by as ClosedBy,
                   c.closed_at as ClosedAt, c.response as Response, c.reason as Reason
            from survey_response r left join complaint c on c.response_id = r.event_id
            where r.unit_id = @unitId and r.comment is not null and btrim(r.comment) <> ''
              and (@state::text is null or coalesce(c.state, 'baru') = @state::text)
            order by r.submitted_at desc, r.event_id
            limit @limit
            """, new { unitId, state, limit = ListLimit }, cancellationToken: ct));
        return rows.Select(r => r.View()).ToList();
    }

    /// <summary>
    /// Moves a complaint from <paramref name="from"/> to <paramref name="to"/> (a transition <see cref="ComplaintStates.Next"/>
    /// allows), recording <paramref name="actor"/> and the time; <paramref name="text"/> is the response (<c>selesai</c>)
    /// or the reason (<c>ditutup</c>). False when the complaint was no longer in <paramref name="from"/>.
    /// </summary>
    public async Task<bool> MoveAsync(Guid id, string unitId, string from, string to, string? text, string actor, DateTimeOffset at,
        Func<NpgsqlConnection, NpgsqlTransaction, Task> inTransaction, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var args = new { id, unitId, actor, at, text };
        var sql = (from, to) switch
        {
            (ComplaintStates.Baru, ComplaintStates.Diproses) => """
                insert into complaint (response_id, unit_id, state, processing_by, processing_at)
                values (@id, @unitId, 'diproses', @actor, @at)
                on conflict (response_id) do nothing
                """,
            (ComplaintStates.Baru, ComplaintStates.Ditutup) => """
                insert into complaint (response_id, unit_id, state, closed_by, closed_at, reason)
                values (@id, @unitId, 'ditutup', @actor, @at, @text)
                on conflict (response_id) do nothing
                """,
            (ComplaintStates.Diproses, ComplaintStates.Selesai) => """
                update complaint set state = 'selesai', closed_by = @actor, closed_at = @at, response = @text
                where response_id = @id and state = 'diproses'
                """,
            (ComplaintStates.Diproses, ComplaintStates.Ditutup) => """
                update complaint set state = 'ditutup', closed_by = @actor, closed_at = @at, reason = @text
                where response_id = @id and state = 'diproses'
                """,
            _ => throw new ArgumentException($"No transition from {from} to {to}."),
        };
        if (await conn.ExecuteAsync(new CommandDefinition(sql, args, tx, cancellationToken: ct)) != 1)
        {
            return false;
        }
        await inTransaction(conn, tx);
        await tx.CommitAsync(ct);
        return true;
    }

    /// <summary>Per unit of a region: open complaints and the share of <paramref name="period"/>'s answered within <paramref name="days"/>.</summary>
    public async Task<IReadOnlyList<ComplaintUnitSummary>> SummaryAsync(string regionId, string period, int days, DateTimeOffset now,
        CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<(string UnitId, long Open, long Due, long InTime)>(new CommandDefinition("""
            select u.id,
                   count(r.event_id) filter (where coalesce(c.state, 'baru') in ('baru', 'diproses')),
                   count(r.event_id) filter (where r.period = @period and coalesce(c.state, 'baru') <> 'ditutup'
                       and (c.state = 'selesai' or r.submitted_at + make_interval(days => @days) <= @now)),
                   count(r.event_id) filter (where r.period = @period and c.state = 'selesai'
                       and c.closed_at <= r.submitted_at + make_interval(days => @days))
            from unit u
            left join survey_response r on r.unit_id = u.id and r.comment is not null and btrim(r.comment) <> ''
            left join complaint c on c.response_id = r.event_id
            where u.region_id = @regionId
            group by u.id
            order by u.id
            """, new { regionId, period, days, now }, cancellationToken: ct));
        return rows.Select(r => new ComplaintUnitSummary(r.UnitId, (int)r.Open, (int)r.Due, (int)r.InTime,
            r.Due == 0 ? null : Math.Round((double)r.InTime / r.Due, 4))).ToList();
    }

    private sealed class Row
    {
        public Guid Id { get; init; }
        public string UnitId { get; init; } = "";
        public string ServiceId { get; init; } = "";
        public string Text { get; init; } = "";
        public DateTime SubmittedAt { get; init; }
        public string State { get; init; } = "";
        public string? ProcessingBy { get; init; }
        public DateTime? ProcessingAt { get; init; }
        public string? ClosedBy { get; init; }
        public DateTime? ClosedAt { get; init; }
        public string? Response { get; init; }
        public string? Reason { get; init; }

        public ComplaintView View() => new(Id, UnitId, ServiceId, Text, Utc(SubmittedAt), State,
            ProcessingBy is null || ProcessingAt is null ? null : new ComplaintStep(ProcessingBy, Utc(ProcessingAt.Value)),
            ClosedBy is null || ClosedAt is null ? null : new ComplaintStep(ClosedBy, Utc(ClosedAt.Value)),
            Response, Reason,
            State == ComplaintStates.Selesai && ClosedAt is { } closed ? Math.Round((closed - SubmittedAt).TotalHours, 2) : null);

        private static DateTimeOffset Utc(DateTime t) => new(DateTime.SpecifyKind(t, DateTimeKind.Utc));
    }
}
