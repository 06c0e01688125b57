using System.Globalization;
using System.Text.Json.Nodes;
using Kinerja.Core.Changes;
using Kinerja.Core.Skp;
using Npgsql;

namespace Kinerja.Dashboard.Skp.Import;

/// <summary>
/// Imports units' IKU targets (<c>POST /api/v1/skp/import/iku</c>, the CLI's <c>import iku-targets</c>): each row is
/// <c>unitId</c> plus an IKU as <see cref="UnitIkuTargetReader"/> reads it, written like <c>PUT /api/v1/units/{unitId}/iku</c>
/// in one transaction. A row equal to what is stored is a <c>duplicate</c> (a re-run changes nothing); a row for a unit of a
/// region the caller is not HR of is rejected, the other rows go on. The units whose IKU changed are announced on
/// <c>kinerja_skp</c> in the same transaction (the boards' <c>Panels</c> hint once it is committed, <see cref="SkpFeedHandler"/>).
/// </summary>
public sealed class UnitIkuTargetImporter(NpgsqlDataSource db, TimeProvider time)
{
    public static readonly IReadOnlyList<string> Required = ["unitId", "year", "code", "name", "targetValue", "targetUnit"];

    public static readonly IReadOnlyList<string> Optional = ["periodTargets"];

    /// <summary>Rows of a CSV body as JSON items: <c>year</c> and <c>targetValue</c> become numbers when they are numbers.</summary>
    public static List<SkpRealisationCandidate> FromCsv(IReadOnlyList<SkpImportRow> rows) => rows.Select(r =>
    {
        var item = new JsonObject();
        foreach (var (column, cell) in r.Cells)
        {
            item[column] = column is "year" or "targetValue"
                           && decimal.TryParse(cell, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var n)
                ? JsonValue.Create(n) : JsonValue.Create(cell);
        }
        return new SkpRealisationCandidate(r.Line, item, r.FieldCountError);
    }).ToList();

    /// <summary>Rows of a JSON array body (a body that is not an array is a <see cref="FormatException"/>).</summary>
    public static List<SkpRealisationCandidate> FromJson(System.Text.Json.JsonElement body) =>
        SkpRealisationImporter.FromJson(body, "IKU targets { unitId, year, code, name, targetValue, targetUnit, periodTargets? }");

    /// <param name="rows">The rows in file order.</param>
    /// <param name="actor">Who imports (the audit's actor).</param>
    /// <param name="regions">The regions the caller is HR of; null for every region.</param>
    /// <param name="ct">Cancels the import (nothing is kept).</param>
    public async Task<SkpImportResult> ImportAsync(IReadOnlyList<SkpRealisationCandidate> rows, string actor, IReadOnlySet<string>? regions,
        CancellationToken ct)
    {
        var currentYear = time.GetUtcNow().Year;
        var results = new List<SkpImportRowResult>(rows.Count);
        var changed = new List<SkpTouch>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var unitRegions = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            if (row.FieldCountError is { } countError)
            {
                results.Add(new(row.Row, SkpImportStatus.Rejected, null, [new("", countError)]));
                continue;
            }
            var unitId = row.Item["unitId"] is JsonValue u && u.GetValueKind() == System.Text.Json.JsonValueKind.String
                ? u.GetValue<string>().Trim() : null;
            var (target, errors) = UnitIkuTargetReader.Read(row.Item, currentYear);
            string? region = null;
            if (unitId is not { Length: > 0 and <= 63 })
            {
                errors.Insert(0, new("unitId", "unitId is required: the id of the unit the IKU belongs to (at most 63 characters)."));
            }
            else
            {
                if (!unitRegions.TryGetValue(unitId, out region))
                {
                    unitRegions[unitId] = region = await UnitIkuTargets.RegionOfAsync(conn, tx, unitId, ct);
                }
                if (region is null)
                {
                    errors.Insert(0, new("unitId", $"No unit has the id '{unitId}'."));
                }
                else if (regions is not null && !regions.Contains(region))
                {
                    errors.Insert(0, new("unitId", $"Unit {unitId} is in region {region}, which is not granted to you: its HR imports its IKU."));
                }
            }
            var key = target is null || unitId is null ? null : $"{unitId}/{target.Year}/{target.Code}";
            if (key is not null && errors.Count == 0 && seen.TryGetValue(key, out var earlier))
            {
                errors.Add(new("code", $"The IKU {target!.Code} of unit {unitId} for {target.Year} is already on row {earlier} of this import."));
            }
            if (errors.Count > 0 || target is null)
            {
                results.Add(new(row.Row, SkpImportStatus.Rejected, key, errors));
                continue;
            }
            seen[key!] = row.Row;
            var change = await UnitIkuTargets.UpsertAsync(conn, tx, unitId!, target, actor, ct);
            if (change == UnitIkuChange.Unchanged)
            {
                results.Add(new(row.Row, SkpImportStatus.Duplicate, key, []));
                continue;
            }
            changed.Add(new SkpTouch(null, null, region!, unitId!));
            results.Add(new(row.Row, SkpImportStatus.Accepted, key, []));
        }
        await ChangeFeed.SendAsync(conn, tx, ChangeNotice.Skp(changed), ct);
        await tx.CommitAsync(ct);
        return new SkpImportResult(results);
    }
}
