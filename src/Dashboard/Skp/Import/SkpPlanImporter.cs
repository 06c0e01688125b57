using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Dapper;
using Kinerja.Core.Changes;
using Kinerja.Core.Skp;
using Kinerja.Dashboard.Access;
using Npgsql;

namespace Kinerja.Dashboard.Skp.Import;

/// <summary>
/// Imports plans approved in another application (<c>POST /api/v1/skp/import/plans</c>, the CLI's <c>import skp-plans</c>).
/// Each plan is checked by the one validator (<see cref="SkpDraftReader.ReadImported"/>) and the cascade check of the
/// screens (<see cref="SkpParentCheck"/>, after the superior's RHK codes are resolved to ids), then written in its own
/// transaction as <c>disetujui</c> with the step <c>diimpor</c> in its history: all or nothing per plan, and a rejected
/// plan loses no other. A plan already imported under the same key (its externalId, else the SHA-256 of its content) is
/// a <c>duplicate</c>, so a re-run is a no-op. Plans are written in file order: a superior's plan comes before the plans
/// that cascade from it.
/// </summary>
public sealed class SkpPlanImporter(NpgsqlDataSource db, TimeProvider time)
{
    public const string AuditAction = "skp.import";

    public async Task<SkpImportResult> ImportAsync(IReadOnlyList<SkpPlanCandidate> plans, string actor, CancellationToken ct)
    {
        var rows = new List<SkpImportRowResult>();
        foreach (var plan in plans)
        {
            var (status, key, errors) = await ImportOneAsync(plan, actor, ct);
            rows.AddRange(Answer(plan, status, key, errors));
        }
        return new SkpImportResult(rows.OrderBy(r => r.Row).ToList());
    }

    private async Task<(string Status, string? Key, List<SkpFieldError> Errors)> ImportOneAsync(SkpPlanCandidate plan, string actor, CancellationToken ct)
    {
        var errors = plan.RowErrors.Select(e => e.Error with { Field = $"@{e.Row}:{e.Error.Field}" }).ToList();
        if (!SkpImportOwner.IsNip(plan.Nip))
        {
            errors.Add(new("nip", $"nip is required: the employee's 18-digit NIP; got '{plan.Nip}'."));
        }
        if (!int.TryParse(plan.YearText, NumberStyles.None, CultureInfo.InvariantCulture, out var year))
        {
            errors.Add(new("year", $"year is required: the plan's year YYYY; got '{plan.YearText}'."));
        }
        if (plan.ExternalId is { Length: > 100 } || plan.ExternalId?.Any(char.IsControl) == true)
        {
            errors.Add(new("externalId", "externalId, when given, is the plan's id in the old application: 1 to 100 characters."));
        }
        if (errors.Count > 0)
        {
            return (SkpImportStatus.Rejected, plan.ExternalId, errors);
        }
        var (draft, readErrors) = SkpDraftReader.ReadImported(plan.Body, year, time.GetUtcNow().Year);
        if (draft is null)
        {
            return (SkpImportStatus.Rejected, plan.ExternalId, [.. readErrors]);
        }
        if (!draft.Rhk.Any(r => r.Kind == RhkKind.Utama))
        {
            return (SkpImportStatus.Rejected, plan.ExternalId, [new("rhk", "An approved plan needs at least one RHK of kind 'utama'.")]);
        }
        var content = ContentKey(plan.Nip!, draft);
        var key = plan.ExternalId is { } ext ? "ext:" + ext : content;
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        if (await SkpImportOwner.FindAsync(conn, tx, plan.Nip!, ct) is not { } who)
        {
            return (SkpImportStatus.Rejected, key, [new("nip", $"No employee has the NIP {plan.Nip}: import the reference data first.")]);
        }
        if (!who.Active)
        {
            return (SkpImportStatus.Rejected, key, [new("nip", $"{plan.Nip} is not active in the reference data.")]);
        }
        // one import of a key at a time: the second waits here and then finds the first one's row
        await conn.ExecuteAsync(new CommandDefinition("select pg_advisory_xact_lock(hashtext('skp-import:' || @nip || ':' || @year))",
            new { nip = plan.Nip, year }, tx, cancellationToken: ct));
        var earlier = await conn.QuerySingleOrDefaultAsync<string?>(new CommandDefinition("""
            select content_sha256 from skp_plan_import where nip = @nip::char(18) and year = @year and import_key = @key
            """, new { nip = plan.Nip, year = (short)year, key }, tx, cancellationToken: ct));
        if (earlier is not null)
        {
            return earlier == content
                ? (SkpImportStatus.Duplicate, key, [])
                : (SkpImportStatus.Rejected, key, [new("externalId", $"externalId '{plan.ExternalId}' was already imported for {plan.Nip} {year} " +
                                                                    "with other content: give the changed plan a new externalId.")]);
        }
        var current = await conn.QuerySingleOrDefaultAsync<(long Id, int Version, string Status)?>(new CommandDefinition("""
            select id, version, status from skp_plan where nip = @nip::char(18) and year = @year and is_current for update
            """, new { nip = plan.Nip, year = (short)year }, tx, cancellationToken: ct));
        if (current is { } c && c.Status != SkpStatus.Disetujui)
        {
            return (SkpImportStatus.Rejected, key, [new("nip", $"{plan.Nip} has a plan of {year} in status {c.Status} (version {c.Version}) made here: " +
                                                               "an import does not overwrite a plan being worked on; decide it first.")]);
        }
        var (resolved, linkErrors) = await ResolveParentsAsync(conn, tx, who.Owner, draft, ct);
        if (linkErrors.Count > 0)
        {
            return (SkpImportStatus.Rejected, key, linkErrors);
        }
        var (checkErrors, ikuIds) = await SkpParentCheck.CheckAsync(conn, tx, who.Owner.Nip, who.Owner.UnitId, who.Owner.CascadeNip, year,
            resolved.Rhk.Select((r, i) => new SkpParentCheck.Link($"rhk[{i}]", r.ParentRhkId, r.ParentIku)).ToList(), ct);
        if (checkErrors.Count > 0)
        {
            return (SkpImportStatus.Rejected, key, [.. checkErrors.Select(e => e.Field.EndsWith(".parentRhkId", StringComparison.Ordinal)
                ? e with { Field = e.Field[..^2] } : e)]);
        }
        var now = time.GetUtcNow();
        if (current is { } approved)
        {
            await conn.ExecuteAsync(new CommandDefinition("update skp_plan set is_current = false where id = @Id", new { approved.Id }, tx,
                cancellationToken: ct));
        }
        var planId = await conn.ExecuteScalarAsync<long>(new CommandDefinition("""
            insert into skp_plan (nip, year, version, is_current, status, unit_id, superior_nip, created_at, saved_at, submitted_at, decided_at, decided_by)
            values (@nip, @year, @version, true, 'disetujui', @unitId, @superiorNip, @now, @now, @now, @now, @superiorNip) returning id
            """, new { nip = plan.Nip, year = (short)year, version = (current?.Version ?? 0) + 1, who.Owner.UnitId, who.Owner.SuperiorNip, now },
            tx, cancellationToken: ct));
        await SkpPlanWrites.WriteRhkAsync(conn, tx, planId, resolved, ikuIds, ct);
        await SkpPlanWrites.StepAsync(conn, tx, planId, "diimpor", plan.Nip!, now,
            $"Imported by {actor} as approved in the previous application" + (plan.ExternalId is { } id ? $" (externalId {id})." : "."), ct);
        if (current is { } previous)
        {
            await SkpCarryOver.CopyAsync(conn, tx, previous.Id, planId, ct);
        }
        await conn.ExecuteAsync(new CommandDefinition("""
            insert into skp_plan_import (nip, year, import_key, content_sha256, plan_id, imported_by, imported_at)
            values (@nip, @year, @key, @content, @planId, @actor, @now)
            """, new { nip = plan.Nip, year = (short)year, key, content, planId, actor, now }, tx, cancellationToken: ct));
        await AuditLog.WriteAsync(conn, tx, actor, AuditAction, "employee:" + plan.Nip, new { year, key, planId }, ct);
        await ChangeFeed.SendAsync(conn, tx, ChangeNotice.Events([new EventTouch(plan.Nip!, who.Owner.UnitId, who.RegionId)]), ct);
        await tx.CommitAsync(ct);
        return (SkpImportStatus.Accepted, key, []);
    }

    /// <summary>The draft with each superior's RHK code replaced by its id in the direct superior's current plan of the year.</summary>
    private static async Task<(SkpDraft Draft, List<SkpFieldError> Errors)> ResolveParentsAsync(NpgsqlConnection conn, NpgsqlTransaction tx,
        SkpOwner owner, SkpDraft draft, CancellationToken ct)
    {
        var errors = new List<SkpFieldError>();
        var codes = owner.CascadeNip is null ? new Dictionary<string, long>() : (await conn.QueryAsync<(string Code, long Id)>(new CommandDefinition("""
                select r.code, r.id from skp_rhk r join skp_plan p on p.id = r.plan_id
                where p.nip = @superior::char(18) and p.year = @year and p.is_current
                """, new { superior = owner.CascadeNip, year = (short)draft.Year }, tx, cancellationToken: ct)))
            .ToDictionary(r => r.Code, r => r.Id, StringComparer.Ordinal);
        var rhk = new List<RhkDraft>();
        for (var i = 0; i < draft.Rhk.Count; i++)
        {
            var r = draft.Rhk[i];
            if (r.ParentRhkCode is not { } code)
            {
                rhk.Add(r);
                continue;
            }
            if (owner.CascadeNip is null)
            {
                errors.Add(new($"rhk[{i}].parentRhk", $"{owner.Nip} has no direct superior in their unit: link this RHK to an IKU of the unit with parentIku."));
            }
            else if (!codes.TryGetValue(code, out var id))
            {
                errors.Add(new($"rhk[{i}].parentRhk", $"The direct superior {owner.CascadeNip} has no RHK with the code '{code}' in their current plan of " +
                                                      $"{draft.Year}: import the superior's plan first, or correct the code."));
            }
            else
            {
                rhk.Add(r with { ParentRhkId = id, ParentRhkCode = null });
                continue;
            }
            rhk.Add(r);
        }
        return (draft with { Rhk = rhk }, errors);
    }

    /// <summary>The key of a plan's content: the SHA-256 of the NIP, the year and the plan as read (so formatting does not matter).</summary>
    private static string ContentKey(string nip, SkpDraft draft)
    {
        var json = JsonSerializer.Serialize(new { nip, draft.Year, draft.Rhk }, SkpPlanReads.TargetJson);
        return "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)));
    }

    /// <summary>
    /// The per-row answers of one plan. A CSV error is answered on the row it came from (its field named by the CSV column);
    /// the plan's other rows are rejected with it, pointing at that row. A JSON plan is one row.
    /// </summary>
    private static IEnumerable<SkpImportRowResult> Answer(SkpPlanCandidate plan, string status, string? key, List<SkpFieldError> errors)
    {
        if (!plan.FromCsv)
        {
            return [new SkpImportRowResult(plan.Rows[0], status, key, errors)];
        }
        var byRow = plan.Rows.ToDictionary(r => r, _ => new List<SkpFieldError>());
        foreach (var error in errors)
        {
            var (row, field) = Locate(plan, error.Field);
            byRow[row].Add(new SkpFieldError(field, error.Message));
        }
        var bad = byRow.Where(r => r.Value.Count > 0).Select(r => r.Key).Order().ToList();
        foreach (var row in plan.Rows.Where(r => byRow[r].Count == 0 && bad.Count > 0))
        {
            byRow[row].Add(new SkpFieldError("", $"The plan of {plan.Nip} {plan.YearText} is rejected whole (nothing of it was imported): " +
                                                 $"see line(s) {string.Join(", ", bad)}."));
        }
        return plan.Rows.Select(r => new SkpImportRowResult(r, status, key, byRow[r]));
    }

    private static (int Row, string Field) Locate(SkpPlanCandidate plan, string field)
    {
        if (field.StartsWith('@'))
        {
            var colon = field.IndexOf(':');
            return (int.Parse(field[1..colon], CultureInfo.InvariantCulture), field[(colon + 1)..]);
        }
        var path = field;
        while (path.Length > 0)
        {
            if (plan.RowOfPath.TryGetValue(path, out var row))
            {
                return (row, SkpPlanImportReader.CsvColumn(field));
            }
            var cut = path.LastIndexOf('.');
            path = cut < 0 ? "" : path[..cut];
        }
        return (plan.Rows[0], field);
    }
}
