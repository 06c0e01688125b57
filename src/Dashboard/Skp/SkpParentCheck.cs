using Dapper;
using Kinerja.Core.Skp;
using Npgsql;

namespace Kinerja.Dashboard.Skp;

/// <summary>
/// Checks the cascade links of an employee's RHK against the database, in the caller's transaction: a
/// <c>parentRhkId</c> must be an RHK of the direct superior's current plan of the same year, and must not cascade
/// (through any chain of parents) from one of the employee's own RHK; a <c>parentIku</c> must be an IKU code of the
/// employee's unit for the year, and is only for the top of a unit (no direct superior, or one in another unit).
/// </summary>
internal static class SkpParentCheck
{
    /// <summary>Parent chains longer than this are cut (a data error must not hang a request).</summary>
    private const int MaxDepth = 64;

    /// <summary>One RHK's link as written: its path in the body (<c>rhk[2]</c>) and its parent.</summary>
    public sealed record Link(string Path, long? ParentRhkId, string? ParentIku);

    /// <summary>The errors (empty when every link holds) and the id of each IKU code named.</summary>
    public static async Task<(List<SkpFieldError> Errors, Dictionary<string, long> IkuIds)> CheckAsync(NpgsqlConnection conn,
        NpgsqlTransaction tx, string nip, string unitId, string? superiorNip, int year, IReadOnlyList<Link> links, CancellationToken ct)
    {
        var errors = new List<SkpFieldError>();
        var linksToIku = superiorNip is null;
        var ikuIds = (await conn.QueryAsync<(string Code, long Id)>(new CommandDefinition(
                "select code, id from unit_iku where unit_id = @unitId and year = @year",
                new { unitId, year }, tx, cancellationToken: ct)))
            .ToDictionary(r => r.Code, r => r.Id, StringComparer.Ordinal);
        var rhkIds = links.Where(l => l.ParentRhkId is not null).Select(l => l.ParentRhkId!.Value).Distinct().ToArray();
        var parents = (await conn.QueryAsync<(long Id, string Nip, short Year, bool IsCurrent)>(new CommandDefinition("""
                select r.id, p.nip::text, p.year, p.is_current from skp_rhk r join skp_plan p on p.id = r.plan_id where r.id = any(@rhkIds)
                """, new { rhkIds }, tx, cancellationToken: ct)))
            .ToDictionary(r => r.Id);
        foreach (var link in links)
        {
            if (link.ParentIku is { } code)
            {
                if (!linksToIku)
                {
                    errors.Add(new($"{link.Path}.parentIku", "You have a direct superior in your unit: link this RHK to one of their RHK " +
                                                             "with parentRhkId (GET /api/v1/me/skp/parents lists them)."));
                }
                else if (!ikuIds.ContainsKey(code))
                {
                    errors.Add(new($"{link.Path}.parentIku", $"Your unit has no IKU with the code '{code}' for {year}."));
                }
                continue;
            }
            var id = link.ParentRhkId!.Value;
            var path = $"{link.Path}.parentRhkId";
            if (linksToIku)
            {
                errors.Add(new(path, "You have no direct superior in your unit: link this RHK to an IKU of your unit with parentIku."));
            }
            else if (!parents.TryGetValue(id, out var parent))
            {
                errors.Add(new(path, $"No RHK has the id {id}."));
            }
            else if (parent.Nip != superiorNip)
            {
                errors.Add(new(path, $"RHK {id} belongs to someone other than your direct superior: link to an RHK of your direct superior's plan."));
            }
            else if (parent.Year != year || !parent.IsCurrent)
            {
                errors.Add(new(path, $"RHK {id} is not in your direct superior's current plan of {year}: pick one from GET /api/v1/me/skp/parents."));
            }
            else if (await CascadesFromAsync(conn, tx, id, nip, ct))
            {
                errors.Add(new(path, $"Linking to RHK {id} would make a cycle in the cascade: RHK {id} itself cascades from one of your own RHK."));
            }
        }
        return (errors, ikuIds);
    }

    /// <summary>True when RHK <paramref name="rhkId"/> or any RHK above it in the cascade belongs to <paramref name="nip"/>.</summary>
    private static Task<bool> CascadesFromAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long rhkId, string nip, CancellationToken ct) =>
        conn.ExecuteScalarAsync<bool>(new CommandDefinition("""
            with recursive up (id, parent_id, nip, depth) as (
                select r.id, r.parent_rhk_id, p.nip, 1 from skp_rhk r join skp_plan p on p.id = r.plan_id where r.id = @rhkId
                union all
                select r.id, r.parent_rhk_id, p.nip, up.depth + 1
                from up join skp_rhk r on r.id = up.parent_id join skp_plan p on p.id = r.plan_id
                where up.depth < @maxDepth
            )
            select exists (select 1 from up where nip = @nip)
            """, new { rhkId, nip, maxDepth = MaxDepth }, tx, cancellationToken: ct));
}
