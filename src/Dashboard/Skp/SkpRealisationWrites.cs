using Dapper;
using Kinerja.Core.Changes;
using Kinerja.Core.Domain;
using Kinerja.Core.Skp;
using Kinerja.Ingest.Contracts;
using Npgsql;

namespace Kinerja.Dashboard.Skp;

/// <summary>
/// Files realisations (migration 0021) against the employee's current approved plan, item by item in one transaction:
/// a retry of an event id is a duplicate, a later realisation of the same indicator and period supersedes the earlier
/// one (kept with <c>is_current = false</c>). The indicator row is locked first, so two filings of the same indicator
/// take turns. The change feed hears of the employee in the same transaction (the live indicators recompute them).
/// </summary>
public sealed class SkpRealisationWrites(NpgsqlDataSource db, TimeProvider time)
{
    private sealed record Target(long PlanId, string Nip, short Year, string Status, bool IsCurrent, bool Numeric);

    /// <summary>The per-item results, in body order, for <paramref name="employee"/> (unit and region for the change feed).</summary>
    public async Task<List<ItemResult>> FileAsync(string nip, string unitId, string regionId, IReadOnlyList<SkpBatchItem<RealisationItem>> items,
        CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var results = new List<ItemResult>(items.Count);
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var accepted = 0;
        foreach (var batchItem in items)
        {
            if (batchItem.Item is not { } item)
            {
                results.Add(Rejected(batchItem.Index, batchItem.EventId, batchItem.Errors));
                continue;
            }
            var target = await conn.QuerySingleOrDefaultAsync<Target>(new CommandDefinition("""
                select p.id as planid, p.nip::text as nip, p.year, p.status, p.is_current as iscurrent, i.target_value is not null as numeric
                from skp_indicator i join skp_rhk r on r.id = i.rhk_id join skp_plan p on p.id = r.plan_id
                where i.id = @id
                for update of i
                """, new { id = item.IndicatorId }, tx, cancellationToken: ct));
            if (await conn.ExecuteScalarAsync<bool>(new CommandDefinition(
                    "select exists (select 1 from skp_realisation where nip = @nip and event_id = @eventId)",
                    new { nip, eventId = item.EventId }, tx, cancellationToken: ct)))
            {
                results.Add(new ItemResult(batchItem.Index, item.EventId, ItemStatus.Duplicate, []));
                continue;
            }
            if (Refusal(target, nip, item, now) is { } error)
            {
                results.Add(Rejected(batchItem.Index, item.EventId, [error]));
                continue;
            }
            await conn.ExecuteAsync(new CommandDefinition("""
                update skp_realisation set is_current = false where indicator_id = @indicatorId and period = @period and is_current;
                insert into skp_realisation (nip, event_id, plan_id, indicator_id, period, value, text, note, evidence_url, is_current, filed_at)
                values (@nip, @eventId, @planId, @indicatorId, @period, @value, @text, @note, @evidenceUrl, true, @now)
                """, new
            {
                nip, item.EventId, target!.PlanId, item.IndicatorId, item.Period, item.Value, item.Text, item.Note, item.EvidenceUrl, now,
            }, tx, cancellationToken: ct));
            results.Add(new ItemResult(batchItem.Index, item.EventId, ItemStatus.Accepted, []));
            accepted++;
        }
        if (accepted > 0)
        {
            await ChangeFeed.SendAsync(conn, tx, ChangeNotice.Events([new EventTouch(nip, unitId, regionId)]), ct);
        }
        await tx.CommitAsync(ct);
        return results;
    }

    private static SkpFieldError? Refusal(Target? target, string nip, RealisationItem item, DateTimeOffset now)
    {
        if (target is null || target.Nip != nip)
        {
            return new("indicatorId", $"Indicator {item.IndicatorId} is not in your SKP: use an indicator id of your current approved plan.");
        }
        if (!target.IsCurrent)
        {
            return new("indicatorId", $"Indicator {item.IndicatorId} belongs to an older version of your {target.Year} plan: " +
                                      "use the indicator ids of the current version (GET /api/v1/me/skp).");
        }
        if (target.Status != SkpStatus.Disetujui)
        {
            return new("indicatorId", $"Your {target.Year} plan is not approved yet (status {target.Status}): realisations are filed against an approved plan.");
        }
        if (SkpPeriods.Check(Period.TryParse(item.Period, out var period) ? period : default, target.Year, now, "period") is { } periodError)
        {
            return periodError;
        }
        if (target.Numeric && item.Value is null)
        {
            return new("value", $"Indicator {item.IndicatorId} has a numeric target: give value (a number), not text.");
        }
        if (!target.Numeric && item.Text is null)
        {
            return new("text", $"Indicator {item.IndicatorId} has a qualitative target: give text, not value.");
        }
        return null;
    }

    internal static ItemResult Rejected(int index, string? eventId, IReadOnlyList<SkpFieldError> errors) =>
        new(index, eventId, ItemStatus.Rejected, errors.Select(e => new FieldError(e.Field, e.Message)).ToList());
}
