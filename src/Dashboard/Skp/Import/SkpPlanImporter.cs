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
/// a <c>duplicate</c>, so a re-run is a no-op. The order inside the file does not matter: the plans are written in the
/// order of the cascade (<see cref="SkpImportCascadeOrder"/>: a superior's plan before the plans that link to it), and
/// plans whose links run in a circle are rejected; the answer keeps the caller's row order.
/// </summary>
public sealed class SkpPlanImporter(NpgsqlDataSource db, TimeProvider time)
{
    public const string AuditAction = "skp.import";

    /// <summary>A plan that passed the checks that need no database, ready to be ordered and written.</summary>
    private sealed record Prepared(int Index, SkpPlanCandidate Plan, int Year, SkpDraft Draft, string Content, string Key);

    private sealed record Outcome(string Status, string? Key, List<SkpFieldError> Errors, SkpTouch? Touch = null);

    public async Task<SkpImportResult> ImportAsync(IReadOnlyList<SkpPlanCandidate> plans, string actor, CancellationToken ct)
    {
        var outcomes = new Outcome[plans.Count];
        var ready = new List<Prepared>();
        for (var i = 0; i < plans.Count; i++)
        {
            var (prepared, rejected) = Prepare(i, plans[i]);
            if (prepared is not null)
            {
                ready.Add(prepared);
            }
            else
            {
                outcomes[i] = rejected!;
            }
        }
        var (order, cycles) = SkpImportCascadeOrder.Order(await NodesAsync(ready, ct));
        var byIndex = ready.ToDictionary(p => p.Index);
        foreach (var (index, chain) in cycles)
        {
            var p = byIndex[index];
            outcomes[index] = new(SkpImportStatus.Rejected, p.Key, [.. p.Draft.Rhk.Select((r, i) => (r, i)).Where(x => x.r.ParentRhkCode is not null)
                .Select(x => new SkpFieldError($"rhk[{x.i}].parentRhk", $"The plans of this import link in a cycle in the cascade ({string.Join(" → ", chain)}, " +
                    $"{p.Year}): each links to an RHK of the next, their direct superior in the reference data. Correct the superiors or the links; " +
                    "none of these plans was imported."))]);
        }
        foreach (var index in order)
        {
            outcomes[index] = await WriteAsync(byIndex[index], actor, ct);
        }
        var rows = new List<SkpImportRowResult>();
        for (var i = 0; i < plans.Count; i++)
        {
            rows.AddRange(Answer(plans[i], outcomes[i].Status, outcomes[i].Key, outcomes[i].Errors));
        }
        return new SkpImportResult(rows.OrderBy(r => r.Row).ToList()) { Touched = [.. outcomes.Select(o => o.Touch).OfType<SkpTouch>()] };
    }

    /// <summary>The plans to order, each with the NIP whose plan its superior codes name (the reference data's cascade superior).</summary>
    private async Task<List<SkpImportCascadeOrder.Node>> NodesAsync(List<Prepared> ready, CancellationToken ct)
    {
        var linking = ready.Where(p => p.Draft.Rhk.Any(r => r.ParentRhkCode is not null)).ToList();
        if (linking.Count == 0)
        {
            return [.. ready.Select(p => new SkpImportCascadeOrder.Node(p.Index, p.Plan.Nip!, p.Year, null))];
        }
        await using var conn = await db.OpenConnectionAsync(ct);
        var owners = await SkpImportOwner.FindManyAsync(conn, null, [.. linking.Select(p => p.Plan.Nip!).Distinct(StringComparer.Ordinal)], ct);
        return [.. ready.Select(p => new SkpImportCascadeOrder.Node(p.Index, p.Plan.Nip!, p.Year,
            p.Draft.Rhk.Any(r => r.ParentRhkCode is not null) ? owners.GetValueOrDefault(p.Plan.Nip!)?.Owner.CascadeNip : null))];
    }

    /// <summary>The checks of one plan that need no database: the plan ready to write, or why it is rejected.</summary>
    private (Prepared? Ready, Outcome? Rejected) Prepare(int index, SkpPlanCandidate plan)
    {
        var errors = PreErrors(plan);
        if (errors.Count > 0)
        {
            return (null, new(SkpImportStatus.Rejected, plan.ExternalId, errors));
        }
        var year = int.Parse(plan.YearText!, NumberStyles.None, CultureInfo.InvariantCulture);
        var (draft, readErrors) = SkpDraftReader.ReadImported(plan.Body, year, time.GetUtcNow().Year);
        if (draft is null)
        {
            return (null, new(SkpImportStatus.Rejected, plan.ExternalId, [.. readErrors]));
        }
        if (!draft.Rhk.Any(r => r.Kind == RhkKind.Utama))
        {
            return (null, new(SkpImportStatus.Rejected, plan.ExternalId, [new("rhk", "An approved plan needs at least one RHK of kind 'utama'.")]));
        }
        var content = ContentKey(plan.Nip!, draft);
        return (new Prepared(index, plan, year, draft, content, plan.ExternalId is { } ext ? "ext:" + ext : content), null);
    }

    private static List<SkpFieldError> PreErrors(SkpPlanCandidate plan)
    {
        var errors = plan.RowErrors.Select(e => e.Error with { Field = $"@{e.Row}:{e.Error.Field}" }).ToList();
        if (!SkpImportOwner.IsNip(plan.Nip))
        {
            errors.Add(new("nip", $"nip is required: the employee's 18-digit NIP; got '{plan.Nip}'."));
        }
        if (!int.TryParse(plan.YearText, NumberStyles.None, CultureInfo.InvariantCulture, out _))
        {
            errors.Add(new("year", $"year is required: the plan's year YYYY; got '{plan.YearText}'."));
        }
        if (plan.ExternalId is { Length: > 100 } || plan.ExternalId?.Any(char.IsControl) == true)
        {
            errors.Add(new("externalId", "externalId, when given, is the plan's id in the old application: 1 to 100 characters."));
        }
        return errors;
    }

    private async Task<Outcome> WriteAsync(Prepared prepared, string actor, CancellationToken ct)
    {
        var (_, plan, year, draft, content, key) = prepared;
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        if (await SkpImportOwner.FindAsync(conn, tx, plan.Nip!, ct) is not { } who)
        {
            return new(SkpImportStatus.Rejected, key, [new("nip", $"No employee has the NIP {plan.Nip}: import the reference data first.")]);
        }
        if (!who.Active)
        {
            return new(SkpImportStatus.Rejected, key, [new("nip", $"{plan.Nip} is not active in the reference data.")]);
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
                ? new(SkpImportStatus.Duplicate, key, [])
                : new(SkpImportStatus.Rejected, key, [new("externalId", $"externalId '{plan.ExternalId}' was already imported for {plan.Nip} {year} " +
                                                                       "with other content: give the changed plan a new externalId.")]);
        }
        var current = await conn.QuerySingleOrDefaultAsync<(long Id, int Version, string Status)?>(new CommandDefinition("""
            select id, version, status from skp_plan where nip = @nip::char(18) and year = @year and is_current for update
            """, new { nip = plan.Nip, year = (short)year }, tx, cancellationToken: ct));
        if (current is { } c && c.Status != SkpStatus.Disetujui)
        {
            return new(SkpImportStatus.Rejected, key, [new("nip", $"{plan.Nip} has a plan of {year} in status {c.Status} (version {c.Version}) made here: " +
                                                                  "an import does not overwrite a plan being worked on; decide it first.")]);
        }
        var (resolved, linkErrors) = await ResolveParentsAsync(conn, tx, who.Owner, draft, ct);
        if (linkErrors.Count > 0)
        {
            return new(SkpImportStatus.Rejected, key, linkErrors);
        }
        var (checkErrors, ikuIds) = await SkpParentCheck.CheckAsync(conn, tx, who.Owner.Nip, who.Owner.UnitId, who.Owner.CascadeNip, year,
            resolved.Rhk.Select((r, i) => new SkpParentCheck.Link($"rhk[{i}]", r.ParentRhkId, r.ParentIku)).ToList(), ct);
        if (checkErrors.Count > 0)
        {
            return new(SkpImportStatus.Rejected, key, [.. checkErrors.Select(e => e.Field.EndsWith(".parentRhkId", StringComparison.Ordinal)
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
        return new(SkpImportStatus.Accepted, key, [], new SkpTouch(plan.Nip!, who.Owner.SuperiorNip, who.RegionId, who.Owner.UnitId));
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
                                                      $"{draft.Year}, here or among the plans of this import that were accepted: include the superior's plan, or correct the code."));
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
