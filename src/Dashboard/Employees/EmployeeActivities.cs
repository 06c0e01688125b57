using System.Text.Json.Serialization;
using Dapper;
using Npgsql;

namespace Kinerja.Dashboard.Employees;

/// <summary>The latest review of an activity: verdict, the superior's note (umpan balik), who and when.</summary>
public sealed record ActivityReviewView(bool Approved, string? Note, string ReviewerNip, DateTimeOffset At);

/// <summary>
/// One activity as the employee and their superior see it. <c>state</c>: <c>menunggu</c> (pending),
/// <c>disetujui</c> (approved), <c>dikembalikan</c> (returned, with the superior's note in <c>review</c>) or
/// <c>ditarik</c> (withdrawn by the employee; <c>replacedBy</c> names the activity that replaced it, when an edit).
/// Free text (<c>description</c>, <c>output</c>, <c>review.note</c>) is returned verbatim, JSON-escaped.
/// </summary>
public sealed record ActivityView(Guid EventId, string Nip, string? Name, DateOnly Day, DateTimeOffset OccurredAt, int Minutes,
    decimal? Volume, string? Output, string Description, string? SkpIndicator, string State, DateTimeOffset ReceivedAt,
    ActivityReviewView? Review, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Guid? ReplacedBy = null);

/// <summary>Reads activities with their latest review for the employee's and the superior's endpoints.</summary>
public sealed class EmployeeActivities(NpgsqlDataSource db)
{
    /// <summary>The most pending activities <see cref="PendingOfAsync"/> returns (oldest work first would hide new ones).</summary>
    public const int MaxPending = 500;

    private const string Select = """
        select a.event_id as eventid, a.nip::text as nip, e.name, a.local_day as day, a.occurred_at as occurredat,
               a.minutes, a.volume, a.output, a.description, a.skp_indicator as skpindicator, a.status,
               a.received_at as receivedat, r.approved as reviewapproved, r.note as reviewnote,
               r.reviewer_nip::text as reviewernip, r.at as reviewedat, w.replaced_by as replacedby
        from activity a
        join employee e on e.nip = a.nip
        left join activity_withdrawal w on w.activity_event_id = a.event_id
        left join lateral (
            select x.approved, x.note, x.reviewer_nip, x.at from activity_review x
            where x.activity_event_id = a.event_id and x.activity_day = a.local_day
            order by x.at desc, x.event_id desc limit 1
        ) r on true
        """;

    /// <summary>The activities of <paramref name="nip"/> whose local day falls in the month of <paramref name="month"/>, newest first.</summary>
    public async Task<IReadOnlyList<ActivityView>> OfMonthAsync(string nip, DateOnly month, CancellationToken ct = default)
    {
        var from = new DateOnly(month.Year, month.Month, 1);
        await using var conn = await db.OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<Row>(new CommandDefinition($"""
            {Select}
            where a.nip = @nip and a.local_day >= @from and a.local_day < @to
            order by a.occurred_at desc, a.received_at desc, a.event_id
            """, new { nip, from, to = from.AddMonths(1) }, cancellationToken: ct));
        return rows.Select(r => r.ToView()).ToList();
    }

    /// <summary>Pending activities of the employees <paramref name="nips"/>, newest first (at most <see cref="MaxPending"/>).</summary>
    public async Task<IReadOnlyList<ActivityView>> PendingOfAsync(IReadOnlyCollection<string> nips, CancellationToken ct = default)
    {
        if (nips.Count == 0)
        {
            return [];
        }
        await using var conn = await db.OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<Row>(new CommandDefinition($"""
            {Select}
            where a.nip = any(@nips::char(18)[]) and a.status = 'pending'
            order by a.occurred_at desc, a.received_at desc, a.event_id
            limit {MaxPending}
            """, new { nips = nips.ToArray() }, cancellationToken: ct));
        return rows.Select(r => r.ToView()).ToList();
    }

    /// <summary>The owners (NIPs) of the stored activities among <paramref name="eventIds"/>.</summary>
    public async Task<IReadOnlyDictionary<Guid, string>> OwnersAsync(IReadOnlyCollection<Guid> eventIds, CancellationToken ct = default)
    {
        if (eventIds.Count == 0)
        {
            return new Dictionary<Guid, string>();
        }
        await using var conn = await db.OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<(Guid EventId, string Nip)>(new CommandDefinition("""
            select event_id, nip::text from activity where event_id = any(@ids)
            """, new { ids = eventIds.ToArray() }, cancellationToken: ct));
        return rows.ToDictionary(r => r.EventId, r => r.Nip);
    }

    /// <summary>The application's word for a stored status.</summary>
    public static string StateOf(string status) => status switch
    {
        "approved" => "disetujui",
        "rejected" => "dikembalikan",
        "withdrawn" => "ditarik",
        _ => "menunggu",
    };

    private sealed class Row
    {
        public Guid EventId { get; set; }
        public string Nip { get; set; } = "";
        public string? Name { get; set; }
        public DateTime Day { get; set; }
        public DateTime OccurredAt { get; set; }
        public int Minutes { get; set; }
        public decimal? Volume { get; set; }
        public string? Output { get; set; }
        public string Description { get; set; } = "";
        public string? SkpIndicator { get; set; }
        public string Status { get; set; } = "";
        public DateTime ReceivedAt { get; set; }
        public bool? ReviewApproved { get; set; }
        public string? ReviewNote { get; set; }
        public string? ReviewerNip { get; set; }
        public DateTime? ReviewedAt { get; set; }
        public Guid? ReplacedBy { get; set; }

        public ActivityView ToView() => new(EventId, Nip, Name, DateOnly.FromDateTime(Day), Utc(OccurredAt), Minutes, Volume,
            Output, Description, SkpIndicator, StateOf(Status), Utc(ReceivedAt),
            ReviewApproved is { } approved && ReviewedAt is { } at
                ? new ActivityReviewView(approved, ReviewNote, ReviewerNip ?? "", Utc(at))
                : null,
            ReplacedBy);

        private static DateTimeOffset Utc(DateTime t) => new(DateTime.SpecifyKind(t, DateTimeKind.Utc));
    }
}
