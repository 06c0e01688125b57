using Dapper;
using Kinerja.Core.Domain;
using Npgsql;

namespace Kinerja.Dashboard.Employees;

/// <summary>Reads the <c>feedback_note</c> stream table (migration 0016) for the employee screens.</summary>
public sealed class FeedbackNotes(NpgsqlDataSource db)
{
    private const string Select = """
        select f.event_id as eventid, f.nip::text as nip, f.author_nip::text as authornip, a.name as authorname, f.note,
               f.occurred_at as occurredat, f.local_day as localday
        from feedback_note f join employee a on a.nip = f.author_nip
        """;

    /// <summary>Notes about <paramref name="nip"/> whose local day falls in <paramref name="month"/>, newest first.</summary>
    public Task<IReadOnlyList<FeedbackNote>> AboutAsync(string nip, Period month, CancellationToken ct = default) =>
        QueryAsync($"""
            {Select}
            where f.nip = @nip and f.local_day >= @from and f.local_day < @to
            order by f.occurred_at desc, f.event_id
            """, new { nip, from = month.Start, to = month.End }, ct);

    /// <summary>Notes <paramref name="authorNip"/> wrote about <paramref name="nip"/> in <paramref name="month"/>, newest first.</summary>
    public Task<IReadOnlyList<FeedbackNote>> ByAuthorAsync(string authorNip, string nip, Period month, CancellationToken ct = default) =>
        QueryAsync($"""
            {Select}
            where f.author_nip = @authorNip and f.nip = @nip and f.local_day >= @from and f.local_day < @to
            order by f.occurred_at desc, f.event_id
            """, new { authorNip, nip, from = month.Start, to = month.End }, ct);

    /// <summary>One note by id (to push it once stored), or null.</summary>
    public async Task<FeedbackNote?> FindAsync(Guid eventId, CancellationToken ct = default) =>
        (await QueryAsync($"{Select} where f.event_id = @eventId", new { eventId }, ct)).FirstOrDefault();

    private async Task<IReadOnlyList<FeedbackNote>> QueryAsync(string sql, object args, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return (await conn.QueryAsync<Row>(new CommandDefinition(sql, args, cancellationToken: ct)))
            .Select(r => new FeedbackNote(r.EventId, r.Nip, r.AuthorNip, r.AuthorName, r.Note,
                new DateTimeOffset(DateTime.SpecifyKind(r.OccurredAt, DateTimeKind.Utc)), DateOnly.FromDateTime(r.LocalDay)))
            .ToList();
    }

    // Npgsql hands timestamptz and date to Dapper as DateTime.
    private sealed class Row
    {
        public Guid EventId { get; init; }
        public string Nip { get; init; } = "";
        public string AuthorNip { get; init; } = "";
        public string AuthorName { get; init; } = "";
        public string Note { get; init; } = "";
        public DateTime OccurredAt { get; init; }
        public DateTime LocalDay { get; init; }
    }
}
