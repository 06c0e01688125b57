using System.Globalization;
using Kinerja.Ingest.Contracts;
using Kinerja.Ingest.Pipeline;
using Kinerja.Ingest.Streams.Writing;
using Npgsql;
using NpgsqlTypes;

namespace Kinerja.Ingest.Streams.Activity;

/// <summary>
/// The writer checks of a batch's activities: repeats of an eventId across submissions, and the daily maximum of
/// minutes per employee and local day (stored pending + approved minutes plus this batch's, first come first served).
/// Stored day totals join the lookup round trip unless the try is optimistic and no day's batch sum alone exceeds its
/// maximum (then the rollup verifies the totals it returns, <see cref="WorkSet.TotalsUnchecked"/>); a second query runs
/// only when some day would go over its maximum (the stored activities of those days, so a retry never counts twice).
/// </summary>
internal sealed class ActivityCheck(StreamPart<PreparedActivity> part, WorkSet batch) : StreamCheck
{
    /// <summary>Stored (non-rejected) minutes per (nip, day) for the daily-maximum check (one primary-key probe per key).</summary>
    public const string DayTotals = """
        select k.nip, k.day, d.total
        from unnest($1::text[], $2::date[]) as k(nip, day)
        cross join lateral (
            select e.minutes_pending + e.minutes_approved as total
            from employee_day e
            where e.nip = k.nip::bpchar and e.day = k.day
        ) d
        """;

    /// <summary>Which of these activity ids are already stored (in any month).</summary>
    public const string ExistingActivities = """
        select event_id from event_registry where stream = 'a' and event_id = any($1)
        """;

    private readonly Dictionary<(string Nip, DateOnly Day), (int Stored, int Batch)> _groups = [];

    public override void AddLookups(LookupRound round)
    {
        foreach (var e in part.All)
        {
            var k = (e.Item.Employee.Nip, e.Item.LocalDay);
            _groups[k] = _groups.TryGetValue(k, out var g) ? (0, g.Batch + e.Item.Item.Minutes) : (0, e.Item.Item.Minutes);
        }
        batch.TotalsUnchecked = batch.TotalsUnchecked && part.All.TrueForAll(e =>
            _groups[(e.Item.Employee.Nip, e.Item.LocalDay)].Batch <= e.Item.Employee.Region.DailyMaxMinutes);
        if (batch.TotalsUnchecked || _groups.Count == 0)
        {
            return;
        }
        var nips = new string[_groups.Count];
        var days = new DateOnly[_groups.Count];
        var i = 0;
        foreach (var k in _groups.Keys)
        {
            nips[i] = k.Nip;
            days[i++] = k.Day;
        }
        var cmd = new NpgsqlBatchCommand(DayTotals);
        cmd.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = nips, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        cmd.Parameters.Add(new NpgsqlParameter<DateOnly[]> { TypedValue = days, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Date });
        round.Add(cmd, async (reader, ct) =>
        {
            while (await reader.ReadAsync(ct))
            {
                var k = (reader.GetString(0), reader.GetFieldValue<DateOnly>(1));
                _groups[k] = (reader.GetInt32(2), _groups[k].Batch);
            }
        });
    }

    public override async Task ChooseAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        var existing = await ExistingInFullDaysAsync(conn, ct);
        var kept = new HashSet<Guid>(part.All.Count);
        var running = new Dictionary<(string, DateOnly), int>();
        foreach (var e in part.All)
        {
            var p = e.Item;
            var id = p.Item.EventId;
            if (kept.Contains(id))
            {
                e.Owner.Set(p.Index, ItemStatus.Duplicate);
                continue;
            }
            if (existing.Contains(id))
            {
                // stored earlier (a retry): a duplicate, and its minutes are already in the day's total; a
                // review in this batch names the stored row, whose day may differ (looked up with the owners)
                e.Owner.Set(p.Index, ItemStatus.Duplicate);
                continue;
            }
            var k = (p.Employee.Nip, p.LocalDay);
            var g = _groups[k];
            var max = p.Employee.Region.DailyMaxMinutes;
            if (g.Stored + g.Batch > max)
            {
                var before = running.TryGetValue(k, out var r) ? r : g.Stored;
                if (before + p.Item.Minutes > max)
                {
                    e.Owner.Reject(p.Index, "minutes",
                        $"The day total of NIP {p.Employee.Nip} on {p.LocalDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} would be {before + p.Item.Minutes} minutes, over the daily maximum of {max} of region {p.Employee.Region.Id} ({before} minutes already claimed).");
                    continue;
                }
                running[k] = before + p.Item.Minutes;
            }
            kept.Add(id);
            part.ToInsert.Add(e);
        }
    }

    /// <summary>
    /// For days that would go over their maximum, which of their activities are already stored (retries:
    /// duplicates must not count twice). Elsewhere duplicates are found by the insert itself.
    /// </summary>
    private async Task<HashSet<Guid>> ExistingInFullDaysAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        var ids = new List<Guid>();
        foreach (var e in part.All)
        {
            var g = _groups[(e.Item.Employee.Nip, e.Item.LocalDay)];
            if (g.Stored + g.Batch > e.Item.Employee.Region.DailyMaxMinutes)
            {
                ids.Add(e.Item.Item.EventId);
            }
        }
        var existing = new HashSet<Guid>();
        if (ids.Count == 0)
        {
            return existing;
        }
        await using var cmd = new NpgsqlCommand(ExistingActivities, conn);
        cmd.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = ids.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            existing.Add(reader.GetGuid(0));
        }
        return existing;
    }
}
