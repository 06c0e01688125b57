using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dapper;
using Kinerja.Core.Changes;
using Kinerja.Core.Skp;
using Kinerja.Ingest.Contracts;
using Npgsql;

namespace Kinerja.Dashboard.Skp.Import;

/// <summary>One realisation row of an import: its row number and the cells as read (CSV) or the item (JSON).</summary>
public sealed record SkpRealisationCandidate(int Row, JsonObject Item, string? FieldCountError);

/// <summary>
/// Imports realisations (<c>POST /api/v1/skp/import/realisations</c>, the CLI's <c>import skp-realisations</c>): each row names
/// the employee (<c>nip</c>), the RHK by its code (<c>rhk</c>) and the indicator by its position in the RHK
/// (<c>indicator</c>, 1-based) of the current plan of <c>year</c> (the period's year when left out); these are resolved to the indicator id, and the
/// row then goes the way of <c>POST /api/v1/me/skp/realisations</c>: <see cref="SkpItemReader"/> reads it and
/// <see cref="SkpRealisationWrites"/> checks and files it (approved current plan, period inside the plan's year and begun,
/// value or text by the target's kind; a retry of an eventId is a duplicate). Without an <c>eventId</c> the row's key
/// is the SHA-256 of its content, so a re-run is a no-op.
/// </summary>
public sealed class SkpRealisationImporter(NpgsqlDataSource db, SkpRealisationWrites writes)
{
    public static readonly IReadOnlyList<string> Required = ["nip", "rhk", "indicator", "period"];

    public static readonly IReadOnlyList<string> Optional = ["eventId", "year", "value", "text", "note", "evidenceUrl"];

    /// <summary>Rows of a JSON array body (a body that is not an array is a <see cref="FormatException"/>).</summary>
    public static List<SkpRealisationCandidate> FromJson(JsonElement body,
        string what = "realisations { eventId?, nip, rhk, indicator, period, value | text, note?, evidenceUrl? }")
    {
        if (body.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException($"The body must be a JSON array of {what}; got {body.ValueKind}.");
        }
        return body.EnumerateArray().Select((e, i) => new SkpRealisationCandidate(i + 1,
            e.ValueKind == JsonValueKind.Object ? JsonObject.Create(e.Clone())! : [],
            e.ValueKind == JsonValueKind.Object ? null : $"Each item must be an object: the body is an array of {what}.")).ToList();
    }

    /// <summary>Rows of a CSV body: cells become the JSON item (<c>indicator</c> and <c>value</c> as numbers when they are).</summary>
    public static List<SkpRealisationCandidate> FromCsv(IReadOnlyList<SkpImportRow> rows) => rows.Select(r =>
    {
        var item = new JsonObject();
        foreach (var (column, cell) in r.Cells)
        {
            item[column] = column is "indicator" or "value" && decimal.TryParse(cell, NumberStyles.Number, CultureInfo.InvariantCulture, out var n)
                ? JsonValue.Create(n) : JsonValue.Create(cell);
        }
        return new SkpRealisationCandidate(r.Line, item, r.FieldCountError);
    }).ToList();

    public async Task<SkpImportResult> ImportAsync(IReadOnlyList<SkpRealisationCandidate> rows, CancellationToken ct)
    {
        var results = new Dictionary<int, SkpImportRowResult>();
        var filed = new List<(string Nip, SkpRealisationCandidate Row, JsonObject Item, string Key)>();
        var touched = new List<SkpTouch>();
        await using (var conn = await db.OpenConnectionAsync(ct))
        {
            var owners = new Dictionary<string, SkpImportOwner?>(StringComparer.Ordinal);
            foreach (var row in rows)
            {
                var (item, key, errors) = await ResolveAsync(conn, row, owners, ct);
                if (errors.Count > 0)
                {
                    results[row.Row] = new(row.Row, SkpImportStatus.Rejected, key, errors);
                    continue;
                }
                filed.Add((Text(row.Item, "nip")!, row, item!, key!));
            }
            foreach (var group in filed.GroupBy(f => f.Nip))
            {
                var who = owners[group.Key]!;
                foreach (var chunk in group.Chunk(SkpItemReader.MaxItems))
                {
                    var items = SkpItemReader.ReadRealisations(JsonSerializer.SerializeToElement(new JsonArray(chunk.Select(c => (JsonNode)c.Item).ToArray())));
                    var answers = await writes.FileAsync(who.Owner.Nip, who.Owner.UnitId, who.RegionId, items, ct);
                    foreach (var answer in answers)
                    {
                        var (_, row, _, key) = chunk[answer.Index];
                        results[row.Row] = new(row.Row, Status(answer.Status), key, answer.Errors.Select(e => new SkpFieldError(e.Field, e.Message)).ToList());
                    }
                }
                if (group.Any(f => results[f.Row.Row].Status == SkpImportStatus.Accepted))
                {
                    touched.Add(new SkpTouch(who.Owner.Nip, who.Owner.SuperiorNip, who.RegionId, who.Owner.UnitId));
                }
            }
        }
        return new SkpImportResult(rows.Select(r => results[r.Row]).ToList()) { Touched = touched };
    }

    private static async Task<(JsonObject? Item, string? Key, List<SkpFieldError> Errors)> ResolveAsync(NpgsqlConnection conn, SkpRealisationCandidate row,
        Dictionary<string, SkpImportOwner?> owners, CancellationToken ct)
    {
        var errors = new List<SkpFieldError>();
        if (row.FieldCountError is { } countError)
        {
            return (null, null, [new("", countError)]);
        }
        var given = Text(row.Item, "eventId");
        var key = given ?? "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
            string.Join("\u001f", new[] { "nip", "year", "rhk", "indicator", "period", "value", "text", "note", "evidenceUrl" }.Select(f => row.Item[f]?.ToJsonString() ?? "")))));
        var nip = Text(row.Item, "nip");
        if (!SkpImportOwner.IsNip(nip))
        {
            errors.Add(new("nip", $"nip is required: the employee's 18-digit NIP; got '{nip}'."));
        }
        var code = Text(row.Item, "rhk");
        if (code is null)
        {
            errors.Add(new("rhk", "rhk is required: the code of the RHK in the employee's plan (e.g. RHK-1)."));
        }
        var position = row.Item["indicator"] is JsonValue v && v.TryGetValue<decimal>(out var p) && p == decimal.Truncate(p) && p is >= 1 and <= SkpLimits.MaxIndicatorsPerRhk
            ? (int)p : (int?)null;
        if (position is null)
        {
            errors.Add(new("indicator", $"indicator is required: the indicator's position in its RHK, 1 to {SkpLimits.MaxIndicatorsPerRhk}; got '{row.Item["indicator"]}'."));
        }
        if (row.Item["value"] is JsonValue value && value.GetValueKind() == JsonValueKind.String)
        {
            errors.Add(new("value", $"value must be a number with '.' as the decimal point; got '{value}'."));
        }
        var (period, periodError) = SkpPeriods.Read(Text(row.Item, "period"), "period");
        if (periodError is not null)
        {
            errors.Add(periodError);
        }
        var year = period?.Start.Year ?? 0;
        if (Text(row.Item, "year") is { } yearText && !int.TryParse(yearText, NumberStyles.None, CultureInfo.InvariantCulture, out year))
        {
            errors.Add(new("year", $"year, when given, is the plan's year YYYY; got '{yearText}'."));
        }
        if (errors.Count > 0)
        {
            return (null, key, errors);
        }
        if (!owners.TryGetValue(nip!, out var who))
        {
            who = await SkpImportOwner.FindAsync(conn, null, nip!, ct);
            owners[nip!] = who;
        }
        if (who is null)
        {
            return (null, key, [new("nip", $"No employee has the NIP {nip}: import the reference data first.")]);
        }
        var indicators = (await conn.QueryAsync<long>(new CommandDefinition("""
            select i.id from skp_plan p join skp_rhk r on r.plan_id = p.id join skp_indicator i on i.rhk_id = r.id
            where p.nip = @nip::char(18) and p.year = @year and p.is_current and r.code = @code
            order by i.position
            """, new { nip, year = (short)year, code }, cancellationToken: ct))).ToList();
        if (indicators.Count == 0)
        {
            return (null, key, [new("rhk", $"The current plan of {nip} for {year} has no RHK with the code '{code}' " +
                                           "(or there is no plan: import the plan first).")]);
        }
        if (position > indicators.Count)
        {
            return (null, key, [new("indicator", $"RHK '{code}' of {nip} has {indicators.Count} indicator(s); got indicator {position}.")]);
        }
        var item = new JsonObject
        {
            ["eventId"] = key, ["indicatorId"] = indicators[position!.Value - 1], ["period"] = period!.Value.Key,
            ["value"] = row.Item["value"]?.DeepClone(), ["text"] = row.Item["text"]?.DeepClone(), ["note"] = row.Item["note"]?.DeepClone(),
            ["evidenceUrl"] = row.Item["evidenceUrl"]?.DeepClone(),
        };
        return (item, key, []);
    }

    private static string? Text(JsonObject item, string name) =>
        item[name] is JsonValue v && v.GetValueKind() is JsonValueKind.String or JsonValueKind.Number && v.ToString().Trim() is { Length: > 0 } s ? s : null;

    private static string Status(ItemStatus status) => status switch
    {
        ItemStatus.Accepted => SkpImportStatus.Accepted,
        ItemStatus.Duplicate => SkpImportStatus.Duplicate,
        _ => SkpImportStatus.Rejected,
    };
}
