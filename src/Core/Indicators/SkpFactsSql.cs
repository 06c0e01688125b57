namespace Kinerja.Core.Indicators;

/// <summary>
/// The SKP plan fields of the employee statement (issue 17): two aggregate CTEs over the approved current plans of the
/// period's year (migrations 0019 and 0021), joined to the employee rows like the other facts, never a statement per
/// employee. For each RHK the newest current assessment among <c>@skpKeys</c> counts, for each numeric indicator the
/// newest current realisation among them (<see cref="SkpPeriodKeys"/> says which periods those are).
/// Parameters: <c>@skpYear</c>, <c>@skpKeys</c> plus the population filter of <see cref="EmployeeFactsSql"/>.
/// </summary>
internal static class SkpFactsSql
{
    /// <summary>The CTEs <c>skp_plan_now</c>, <c>skp</c> and <c>skp_q</c>, each followed by a comma.</summary>
    public const string Ctes = """
        skp_plan_now as (
            select sp.id, sp.nip
            from skp_plan sp
            where sp.year = @skpYear and sp.is_current and sp.status = 'disetujui'
              /*in-population*/ and sp.nip in (select nip from emp)
        ),
        skp as (
            select pn.nip,
                   count(*)::int as rhk,
                   count(a.level)::int as assessed,
                   count(*) filter (where a.level = 'di_atas')::int as di_atas,
                   count(*) filter (where a.level = 'sesuai')::int as sesuai,
                   count(*) filter (where a.level = 'di_bawah')::int as di_bawah,
                   count(*) filter (where r.kind = 'utama')::int as utama,
                   count(a.level) filter (where r.kind = 'utama')::int as utama_assessed,
                   count(*) filter (where r.kind = 'utama' and a.level = 'di_atas')::int as utama_di_atas,
                   count(*) filter (where r.kind = 'utama' and a.level = 'di_bawah')::int as utama_di_bawah
            from skp_plan_now pn
            join skp_rhk r on r.plan_id = pn.id
            left join lateral (
                select x.level from skp_assessment x
                where x.rhk_id = r.id and x.is_current and x.period = any(@skpKeys)
                order by x.assessed_at desc, x.id desc
                limit 1
            ) a on true
            group by pn.nip
        ),
        skp_q as (
            -- achievement of one numeric indicator: realisation / target (waktu: target / realisation, less time is
            -- better), against the target of the realisation's period when the plan has one, capped at 120%
            select pn.nip,
                   round(avg(least(coalesce(case when i.aspect = 'waktu' then t.target / nullif(z.value, 0)
                                                 else z.value / t.target end, 1.2), 1.2)) * 100, 2)::float8 as achievement
            from skp_plan_now pn
            join skp_rhk r on r.plan_id = pn.id
            join skp_indicator i on i.rhk_id = r.id and i.target_value is not null
            join lateral (
                select x.value, x.period from skp_realisation x
                where x.indicator_id = i.id and x.is_current and x.value is not null and x.period = any(@skpKeys)
                order by x.filed_at desc, x.id desc
                limit 1
            ) z on true
            cross join lateral (
                select nullif(coalesce(case when jsonb_typeof(i.period_targets -> z.period -> 'value') = 'number'
                                            then (i.period_targets -> z.period ->> 'value')::numeric end,
                                       i.target_value), 0) as target
            ) t
            where t.target is not null
            group by pn.nip
        ),
        """;

    /// <summary>The select-list columns (each preceded by a comma) of the joins <c>pn</c>, <c>s</c> and <c>q</c>.</summary>
    public const string Columns = """
               , pn.id is not null as SkpPlanApproved, coalesce(s.rhk, 0) as SkpRhkCount,
               coalesce(s.assessed, 0) as SkpRhkAssessed, coalesce(s.di_atas, 0) as SkpRhkDiAtas,
               coalesce(s.sesuai, 0) as SkpRhkSesuai, coalesce(s.di_bawah, 0) as SkpRhkDiBawah,
               coalesce(s.utama, 0) as SkpRhkUtama, coalesce(s.utama_assessed, 0) as SkpRhkUtamaAssessed,
               coalesce(s.utama_di_atas, 0) as SkpRhkUtamaDiAtas, coalesce(s.utama_di_bawah, 0) as SkpRhkUtamaDiBawah, q.achievement as SkpQuantAchievement
        """;

    /// <summary>The joins of the SKP CTEs to <c>emp e</c>.</summary>
    public const string Joins = """
        left join skp_plan_now pn on pn.nip = e.nip
        left join skp s on s.nip = e.nip
        left join skp_q q on q.nip = e.nip
        """;
}
