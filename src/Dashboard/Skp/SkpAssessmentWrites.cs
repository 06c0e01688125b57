using Dapper;
using Kinerja.Core.Changes;
using Kinerja.Core.Domain;
using Kinerja.Core.Skp;
using Kinerja.Dashboard.Access;
using Kinerja.Ingest.Contracts;
using Npgsql;

namespace Kinerja.Dashboard.Skp;

/// <summary>
/// Files the direct superior's per-RHK assessments (migration 0021) in one transaction, item by item: only an RHK of a
/// direct report's current approved plan, in a period of the plan's year that has begun; a retry of an event id is a
/// duplicate; a reassessment of the same RHK and period supersedes the earlier one (kept with <c>is_current = false</c>).
/// The change feed hears of every assessed employee in the same transaction, so the live indicators recompute them.
/// </summary>
public sealed class SkpAssessmentWrites(NpgsqlDataSource db, TimeProvider time)
{
    private sealed record Target(long PlanId, string Nip, short Year, string Status, bool IsCurrent);

    /// <summary>The per-item results in body order and the employees whose assessments changed.</summary>
    public async Task<(List<ItemResult> Results, List<EmployeeEntry> Changed)> FileAsync(string assessorNip,
        IReadOnlyDictionary<string, EmployeeEntry> reports, IReadOnlyList<SkpBatchItem<AssessmentItem>> items, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var results = new List<ItemResult>(items.Count);
        var changed = new Dictionary<string, EmployeeEntry>(StringComparer.Ordinal);
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        foreach (var batchItem in items)
        {
            if (batchItem.Item is not { } item)
            {
                results.Add(SkpRealisationWrites.Rejected(batchItem.Index, batchItem.EventId, batchItem.Errors));
                continue;
            }
            if (await conn.ExecuteScalarAsync<bool>(new CommandDefinition(
                    "select exists (select 1 from skp_assessment where assessor_nip = @assessorNip and event_id = @eventId)",
                    new { assessorNip, eventId = item.EventId }, tx, cancellationToken: ct)))
            {
                results.Add(new ItemResult(batchItem.Index, item.EventId, ItemStatus.Duplicate, []));
                continue;
            }
            if (!reports.TryGetValue(item.Nip, out var report))
            {
                // the same answer whether the NIP exists or not: no probing of who works where
                results.Add(SkpRealisationWrites.Rejected(batchItem.Index, item.EventId,
                    [new("nip", $"{item.Nip} is not your direct report: only the direct superior assesses an RHK.")]));
                continue;
            }
            var target = await conn.QuerySingleOrDefaultAsync<Target>(new CommandDefinition("""
                select p.id as planid, p.nip::text as nip, p.year, p.status, p.is_current as iscurrent
                from skp_rhk r join skp_plan p on p.id = r.plan_id
                where r.id = @id
                for update of r
                """, new { id = item.RhkId }, tx, cancellationToken: ct));
            if (Refusal(target, item, now) is { } error)
            {
                results.Add(SkpRealisationWrites.Rejected(batchItem.Index, item.EventId, [error]));
                continue;
            }
            await conn.ExecuteAsync(new CommandDefinition("""
                update skp_assessment set is_current = false where rhk_id = @rhkId and period = @period and is_current;
                insert into skp_assessment (assessor_nip, event_id, nip, plan_id, rhk_id, period, level, feedback, is_current, assessed_at)
                values (@assessorNip, @eventId, @nip, @planId, @rhkId, @period, @level, @feedback, true, @now)
                """, new { assessorNip, item.EventId, item.Nip, target!.PlanId, item.RhkId, item.Period, item.Level, item.Feedback, now },
                tx, cancellationToken: ct));
            results.Add(new ItemResult(batchItem.Index, item.EventId, ItemStatus.Accepted, []));
            changed[report.Nip] = report;
        }
        await ChangeFeed.SendAsync(conn, tx, ChangeNotice.Events(changed.Values.Select(e => new EventTouch(e.Nip, e.UnitId, e.RegionId))), ct);
        await tx.CommitAsync(ct);
        return (results, changed.Values.ToList());
    }

    private static SkpFieldError? Refusal(Target? target, AssessmentItem item, DateTimeOffset now)
    {
        if (target is null || target.Nip != item.Nip)
        {
            return new("rhkId", $"RHK {item.RhkId} is not in {item.Nip}'s SKP: use an RHK id of their current approved plan (GET /api/v1/team/skp).");
        }
        if (!target.IsCurrent)
        {
            return new("rhkId", $"RHK {item.RhkId} belongs to an older version of {item.Nip}'s {target.Year} plan: assess the current version.");
        }
        if (target.Status != SkpStatus.Disetujui)
        {
            return new("rhkId", $"{item.Nip}'s {target.Year} plan is not approved (status {target.Status}): approve it before assessing.");
        }
        return SkpPeriods.Check(Period.TryParse(item.Period, out var period) ? period : default, target.Year, now, "period");
    }
}
