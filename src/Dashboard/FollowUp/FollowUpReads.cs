using Dapper;
using Kinerja.Rules.FollowUp;
using Npgsql;

namespace Kinerja.Dashboard.FollowUp;

/// <summary>Which items a read returns; every field narrows (null = no narrowing).</summary>
/// <param name="Mine">Items assigned to this NIP or about this employee.</param>
/// <param name="HrOnly">Only items assigned to HR (no assignee NIP).</param>
/// <param name="Regions">Only these regions (null = every region).</param>
internal sealed record FollowUpFilter(string? Mine = null, bool HrOnly = false, IReadOnlyCollection<string>? Regions = null,
    string? Unit = null, string? Region = null, string? State = null, bool? Overdue = null, long? Id = null);

/// <summary>Reads follow-up items and their history (table <c>followup</c>, <c>followup_history</c>).</summary>
public sealed class FollowUpReads(NpgsqlDataSource db)
{
    /// <summary>The most items one answer carries (soonest due first).</summary>
    public const int MaxItems = 500;

    internal async Task<IReadOnlyList<FollowUpRow>> ItemsAsync(FollowUpFilter f, DateTimeOffset now, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return (await conn.QueryAsync<FollowUpRow>(new CommandDefinition("""
            select f.id, f.kind, f.code, f.title, trim(f.nip) as nip, e.name, f.unit_id as unitId, u.name as unitName,
                   f.region_id as regionId, f.period, f.state, f.due_date as dueDate,
                   (f.state = any(@open) and (@now at time zone r.tz)::date > f.due_date) as overdue,
                   f.actor, trim(f.assignee_nip) as assigneeNip, a.name as assigneeName, f.evidence_url as evidenceUrl,
                   f.created_at as createdAt, f.done_at as doneAt
            from followup f
            join region r on r.id = f.region_id
            join unit u on u.id = f.unit_id
            left join employee e on e.nip = f.nip
            left join employee a on a.nip = f.assignee_nip
            where (@id::bigint is null or f.id = @id)
              and (@mine::text is null or f.assignee_nip = @mine or f.nip = @mine)
              and (not @hrOnly or f.assignee_nip is null)
              and (@allRegions or f.region_id = any(@regions))
              and (@unit::text is null or f.unit_id = @unit)
              and (@region::text is null or f.region_id = @region)
              and (@state::text is null or f.state = @state)
              and (@overdue::boolean is null
                   or (f.state = any(@open) and (@now at time zone r.tz)::date > f.due_date) = @overdue)
            order by f.due_date, f.id
            limit @limit
            """, new
        {
            f.Id, f.Mine, f.HrOnly, allRegions = f.Regions is null, regions = (f.Regions ?? []).ToArray(), f.Unit, f.Region,
            f.State, f.Overdue, now, open = FollowUpStates.Open.ToArray(), limit = MaxItems,
        }, cancellationToken: ct))).AsList();
    }

    /// <summary>The history of <paramref name="ids"/>, oldest first per item.</summary>
    public async Task<ILookup<long, FollowUpHistoryEntry>> HistoryAsync(IReadOnlyCollection<long> ids, CancellationToken ct)
    {
        if (ids.Count == 0)
        {
            return Array.Empty<(long, FollowUpHistoryEntry)>().ToLookup(x => x.Item1, x => x.Item2);
        }
        await using var conn = await db.OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<(long Id, DateTime At, string Actor, string? From, string To, string Note, string? Evidence)>(
            new CommandDefinition("""
                select followup_id, at, actor, from_state, to_state, note, evidence_url
                from followup_history where followup_id = any(@ids) order by followup_id, id
                """, new { ids = ids.ToArray() }, cancellationToken: ct));
        return rows.ToLookup(r => r.Id, r => new FollowUpHistoryEntry(
            new DateTimeOffset(DateTime.SpecifyKind(r.At, DateTimeKind.Utc)), r.Actor, r.From, r.To, r.Note, r.Evidence));
    }
}
