using Dapper;
using Kinerja.Core.Domain;
using Npgsql;

namespace Kinerja.Dashboard.Employees;

/// <summary>One person a rater rates in a period, with the role the relation gives the rater.</summary>
/// <param name="Nip">The person rated.</param>
/// <param name="Name">Their name.</param>
/// <param name="Role"><c>atasan</c> (the rater is their superior), <c>rekan</c> (same superior) or <c>bawahan</c>
/// (the rater is their direct report); for a pair HR added, the role HR gave.</param>
public sealed record RatingPlanEntry(string Nip, string Name, string Role);

/// <summary>
/// Who rates whom (issue 16), never from the client: derived from the reference data (a superior rates their direct
/// reports as <c>atasan</c>, employees with the same <c>supervisor_nip</c> rate each other as <c>rekan</c>, a direct
/// report rates their superior as <c>bawahan</c>; active employees only), then amended by HR per month
/// (<see cref="RatingPlanAmendments"/>): a <c>tambah</c> amendment adds a pair (or sets its role), a <c>hapus</c>
/// amendment removes a derived pair. The derived part is today's reference data for every period asked (a move between
/// units changes whom one may rate from the next reference import on); the amendments are per period.
/// </summary>
public sealed class RatingPlan(NpgsqlDataSource db)
{
    private static readonly string[] RoleOrder = ["atasan", "rekan", "bawahan"];

    /// <summary>The rater roles, in the order a plan lists them: atasan, rekan, bawahan.</summary>
    public static IReadOnlyList<string> Roles => RoleOrder;

    /// <summary>
    /// The amended plan of <paramref name="raterNip"/> in <paramref name="period"/> (<c>YYYY-MM</c>), by role (atasan,
    /// rekan, bawahan), then NIP; empty for an inactive rater.
    /// </summary>
    public async Task<IReadOnlyList<RatingPlanEntry>> ForAsync(string raterNip, string period, CancellationToken ct = default)
    {
        var pairs = await PairsAsync(raterNip, null, period, ct);
        return pairs.Where(p => p.Role is not null)
            .OrderBy(p => IndexOfRole(p.Role!)).ThenBy(p => p.RateeNip, StringComparer.Ordinal)
            .Select(p => new RatingPlanEntry(p.RateeNip, p.RateeName, p.Role!)).ToList();
    }

    /// <summary>
    /// Every pair of the plan of the active raters of <paramref name="unitId"/> in <paramref name="period"/>: the derived
    /// ones, the ones HR added, and the derived ones HR removed (<see cref="RatingPlanPair.Role"/> null), by rater, then
    /// role and ratee.
    /// </summary>
    public async Task<IReadOnlyList<RatingPlanPair>> OfUnitAsync(string unitId, string period, CancellationToken ct = default) =>
        (await PairsAsync(null, unitId, period, ct))
            .OrderBy(p => p.RaterNip, StringComparer.Ordinal).ThenBy(p => IndexOfRole(p.Role ?? p.DerivedRole ?? ""))
            .ThenBy(p => p.RateeNip, StringComparer.Ordinal).ToList();

    /// <summary>Every pair of <paramref name="raterNip"/>'s plan in <paramref name="period"/>, removed ones included (as <see cref="OfUnitAsync"/>).</summary>
    public async Task<IReadOnlyList<RatingPlanPair>> PairsOfRaterAsync(string raterNip, string period, CancellationToken ct = default) =>
        await PairsAsync(raterNip, null, period, ct);

    private async Task<List<RatingPlanPair>> PairsAsync(string? raterNip, string? unitId, string period, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<PairRow>(new CommandDefinition("""
            with raters as (
                select nip, supervisor_nip from employee
                where active and (nip = @raterNip or unit_id = @unitId)
            ),
            derived as (
                select r.nip as rater_nip, e.nip as ratee_nip,
                       case when e.supervisor_nip = r.nip then 'atasan'
                            when e.nip = r.supervisor_nip then 'bawahan'
                            else 'rekan' end as role
                from raters r
                join employee e on e.active and e.nip <> r.nip
                 and (e.supervisor_nip = r.nip or e.nip = r.supervisor_nip or e.supervisor_nip = r.supervisor_nip)
            ),
            amended as (
                select a.* from rating_plan_amendment a join raters r on r.nip = a.rater_nip where a.period = @period
            )
            select rr.nip::text as raternip, rr.name as ratername, re.nip::text as rateenip, re.name as rateename,
                   d.role as derivedrole, a.id as amendmentid, a.action, a.role as amendedrole, a.note,
                   a.created_by as createdby, a.created_at as createdat
            from derived d
            full join amended a on a.rater_nip = d.rater_nip and a.ratee_nip = d.ratee_nip
            join employee rr on rr.nip = coalesce(d.rater_nip, a.rater_nip)
            join employee re on re.nip = coalesce(d.ratee_nip, a.ratee_nip)
            where re.active
            """, new { raterNip, unitId, period }, cancellationToken: ct));
        return rows.Select(r => new RatingPlanPair(r.RaterNip, r.RaterName, r.RateeNip, r.RateeName,
            r.Action switch { "hapus" => null, "tambah" => r.AmendedRole, _ => r.DerivedRole },
            r.DerivedRole,
            r.AmendmentId is { } id
                ? new RatingPlanAmendmentView(id, r.Action!, r.AmendedRole, r.Note ?? "", r.CreatedBy!,
                    new DateTimeOffset(DateTime.SpecifyKind(r.CreatedAt!.Value, DateTimeKind.Utc)))
                : null)).ToList();
    }

    /// <summary>What the rater with <paramref name="raterRef"/> rated in <paramref name="period"/>: (ratee NIP, aspect) pairs.</summary>
    public async Task<IReadOnlyList<(string Nip, string Aspect)>> RatedAsync(string raterRef, string period, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return (await conn.QueryAsync<(string, string)>(new CommandDefinition("""
            select ratee_nip::text, aspect from rating
            where rater_ref = @raterRef and period = @period and ratee_nip is not null
            """, new { raterRef, period }, cancellationToken: ct))).AsList();
    }

    /// <summary>The aspects a rater may rate: the seven BerAKHLAK values.</summary>
    public static IReadOnlyList<string> Aspects => Aspect.BerAkhlak;

    private static int IndexOfRole(string role) => Array.IndexOf(RoleOrder, role) is var i and >= 0 ? i : RoleOrder.Length;

    private sealed record PairRow(string RaterNip, string RaterName, string RateeNip, string RateeName, string? DerivedRole,
        long? AmendmentId, string? Action, string? AmendedRole, string? Note, string? CreatedBy, DateTime? CreatedAt);
}

/// <summary>One rater → ratee pair of a unit's plan in a period, as HR sees it (<c>GET /api/v1/rating-plan</c>).</summary>
/// <param name="Role">The rater's role in the amended plan; null when HR removed the pair (it is not in the plan).</param>
/// <param name="DerivedRole">The role the reference data derives; null when only HR's amendment puts the pair in the plan.</param>
/// <param name="Amendment">HR's amendment of the pair in the period, if any.</param>
public sealed record RatingPlanPair(string RaterNip, string RaterName, string RateeNip, string RateeName, string? Role,
    string? DerivedRole, RatingPlanAmendmentView? Amendment);

/// <summary>A stored amendment: <c>tambah</c> (with the role HR gave) or <c>hapus</c>, its note, who made it and when.</summary>
public sealed record RatingPlanAmendmentView(long Id, string Action, string? Role, string Note, string CreatedBy, DateTimeOffset CreatedAt);
