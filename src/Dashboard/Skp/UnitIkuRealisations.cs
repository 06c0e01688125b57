using System.Text.Json;
using System.Text.Json.Nodes;
using Dapper;
using Kinerja.Core.Changes;
using Kinerja.Core.Domain;
using Kinerja.Core.Skp;
using Kinerja.Dashboard.Access;
using Kinerja.Dashboard.Skp.Import;
using Npgsql;

namespace Kinerja.Dashboard.Skp;

/// <summary>
/// A unit's IKU realisations (migration 0026, table <c>unit_iku_realisation</c>): what the unit achieved on one of its IKU
/// in a period, with the evidence link. Filed by HR per row (<c>POST /api/v1/units/{unitId}/iku/realisations</c>, JSON or
/// CSV, the CLI's <c>import iku-realisations</c>) in one transaction: a retry of an event id is a duplicate, a later
/// realisation of the same IKU and period supersedes the earlier one (kept with <c>is_current = false</c>). When a row is
/// accepted the unit is announced on <c>kinerja_skp</c> in the same transaction (the boards' <c>Panels</c> hint once it is
/// committed, <see cref="SkpFeedHandler"/>).
/// </summary>
public sealed class UnitIkuRealisations(NpgsqlDataSource db, TimeProvider time)
{
    public static readonly IReadOnlyList<string> Required = ["eventId", "iku", "period", "value"];

    public static readonly IReadOnlyList<string> Optional = ["evidenceUrl", "note"];

    /// <summary>Rows of a JSON array body or of CSV rows, as JSON items (row number, item, field count problem).</summary>
    public static List<SkpRealisationCandidate> FromCsv(IReadOnlyList<SkpImportRow> rows) => SkpRealisationImporter.FromCsv(rows);

    public async Task<SkpImportResult?> FileAsync(string unitId, IReadOnlyList<SkpRealisationCandidate> rows, string actor, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var results = new List<SkpImportRowResult>(rows.Count);
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        if (await UnitIkuTargets.RegionOfAsync(conn, tx, unitId, ct) is not { } regionId)
        {
            return null;
        }
        var accepted = 0;
        foreach (var row in rows)
        {
            var (item, errors) = Read(row, now);
            var eventId = item?.EventId ?? Text(row.Item, "eventId");
            if (item is null)
            {
                results.Add(new(row.Row, SkpImportStatus.Rejected, eventId, errors));
                continue;
            }
            if (await conn.ExecuteScalarAsync<bool>(new CommandDefinition(
                    "select exists (select 1 from unit_iku_realisation where unit_id = @unitId and event_id = @EventId)",
                    new { unitId, item.EventId }, tx, cancellationToken: ct)))
            {
                results.Add(new(row.Row, SkpImportStatus.Duplicate, eventId, []));
                continue;
            }
            var ikuId = await conn.ExecuteScalarAsync<long?>(new CommandDefinition("""
                select id from unit_iku where unit_id = @unitId and year = @year and code = @Iku for update
                """, new { unitId, year = (short)item.Period.Start.Year, item.Iku }, tx, cancellationToken: ct));
            if (ikuId is null)
            {
                results.Add(new(row.Row, SkpImportStatus.Rejected, eventId,
                    [new("iku", $"Unit {unitId} has no IKU with the code '{item.Iku}' for {item.Period.Start.Year}.")]));
                continue;
            }
            await conn.ExecuteAsync(new CommandDefinition("""
                update unit_iku_realisation set is_current = false where iku_id = @ikuId and period = @period and is_current;
                insert into unit_iku_realisation (unit_id, iku_id, event_id, period, value, evidence_url, note, is_current, filed_by, filed_at)
                values (@unitId, @ikuId, @EventId, @period, @Value, @EvidenceUrl, @Note, true, @actor, @now)
                """, new { unitId, ikuId, item.EventId, period = item.Period.Key, item.Value, item.EvidenceUrl, item.Note, actor, now }, tx,
                cancellationToken: ct));
            results.Add(new(row.Row, SkpImportStatus.Accepted, eventId, []));
            accepted++;
        }
        if (accepted > 0)
        {
            await AuditLog.WriteAsync(conn, tx, actor, "unit.iku_realisation", "unit:" + unitId, new { accepted }, ct);
            await ChangeFeed.SendAsync(conn, tx, ChangeNotice.Skp([new SkpTouch(null, null, regionId, unitId)]), ct);
        }
        await tx.CommitAsync(ct);
        return new SkpImportResult(results);
    }

    private sealed record Item(string EventId, string Iku, Period Period, decimal Value, string? EvidenceUrl, string? Note);

    private static (Item? Item, List<SkpFieldError> Errors) Read(SkpRealisationCandidate row, DateTimeOffset now)
    {
        var errors = new List<SkpFieldError>();
        if (row.FieldCountError is { } countError)
        {
            return (null, [new("", countError)]);
        }
        var eventId = Text(row.Item, "eventId");
        if (eventId is null or { Length: > 100 } || eventId.Any(char.IsControl))
        {
            errors.Add(new("eventId", "eventId is required: a client-made id of 1 to 100 characters (a retry with the same id is a duplicate)."));
        }
        var iku = Text(row.Item, "iku");
        if (iku is null or { Length: > SkpLimits.MaxCode })
        {
            errors.Add(new("iku", $"iku is required: the code of one of the unit's IKU (1 to {SkpLimits.MaxCode} characters)."));
        }
        var (period, periodError) = SkpPeriods.Read(Text(row.Item, "period"), "period");
        if (periodError is null && SkpPeriods.Check(period!.Value, period.Value.Start.Year, now, "period") is { } notBegun)
        {
            periodError = notBegun;
        }
        if (periodError is not null)
        {
            errors.Add(periodError);
        }
        decimal value = 0;
        if (row.Item["value"] is not JsonValue v || v.GetValueKind() != JsonValueKind.Number || !v.TryGetValue(out value) || value < 0)
        {
            errors.Add(new("value", $"value is required: the realisation, a number of at least 0 in the IKU's unit of measure; got '{row.Item["value"]}'."));
        }
        var url = Text(row.Item, "evidenceUrl");
        if (url is not null && !(url.Length <= 2000 && Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)))
        {
            errors.Add(new("evidenceUrl", "evidenceUrl must be an absolute http(s) link to the evidence (bukti dukung), at most 2000 characters."));
        }
        var note = Text(row.Item, "note");
        if (note is { Length: > SkpLimits.MaxNote })
        {
            errors.Add(new("note", $"note is at most {SkpLimits.MaxNote} characters; got {note.Length}."));
        }
        return errors.Count > 0 ? (null, errors) : (new Item(eventId!, iku!, period!.Value, value, url, note), errors);
    }

    private static string? Text(JsonObject item, string name) =>
        item[name] is JsonValue v && v.GetValueKind() is JsonValueKind.String or JsonValueKind.Number && v.ToString().Trim() is { Length: > 0 } s ? s : null;
}
