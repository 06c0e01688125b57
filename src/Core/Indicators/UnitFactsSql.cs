namespace Kinerja.Core.Indicators;

/// <summary>
/// One statement for every unit of a population: active head count, today's filing and attendance
/// (each region's own local today), the predicate distribution from <c>employee_period_level</c>
/// and the citizen-satisfaction sums: the survey's answer sums and weights (<c>survey_rollup</c>, <c>survey_weight</c>,
/// migration 0017) and the legacy 1-5 sums (masyarakat <c>kepuasan_layanan</c> ratings of the unit).
/// </summary>
internal static class UnitFactsSql
{
    /// <summary>
    /// Parameters: <c>@regionIds</c>/<c>@todays</c> each region's local today; <c>@periodKey</c> the
    /// level period; <c>@monthKeys</c> the rating months; filter <c>@region</c>, <c>@unit</c>.
    /// </summary>
    public const string Query = $$"""
        with units as (
            select u.id, u.region_id, u.name, u.predikat, r.today
            from unit u
            join unnest(@regionIds::text[], @todays::date[]) as r(region_id, today) on r.region_id = u.region_id
            where (@region::text is null or u.region_id = @region::text)
              and (@unit::text is null or u.id = @unit::text)
        ),
        emp as (
            select e.nip, e.unit_id, u.today
            from employee e
            join units u on u.id = e.unit_id
            where e.active
        ),
        head as (
            select unit_id, count(*)::int as employees from emp group by unit_id
        ),
        today as (
            select e.unit_id,
                   count(*) filter (where d.activity_count > 0)::int as filed,
                   count(*) filter (where d.attendance_status = 'hadir')::int as hadir,
                   count(*) filter (where d.attendance_status = 'terlambat')::int as terlambat,
                   count(*) filter (where d.attendance_status = 'izin')::int as izin,
                   count(*) filter (where d.attendance_status = 'sakit')::int as sakit,
                   count(*) filter (where d.attendance_status = 'cuti')::int as cuti,
                   count(*) filter (where d.attendance_status = 'dinas_luar')::int as dinas_luar,
                   count(*) filter (where d.attendance_status = 'tanpa_keterangan')::int as tks
            from emp e
            join employee_day d on d.nip = e.nip and d.day = e.today
            group by e.unit_id
        ),
        dist as (
            select e.unit_id,
                   count(*) filter (where l.predikat = 'SANGAT_BAIK')::int as sangat_baik,
                   count(*) filter (where l.predikat = 'BAIK')::int as baik,
                   count(*) filter (where l.predikat = 'BUTUH_PERBAIKAN')::int as butuh_perbaikan,
                   count(*) filter (where l.predikat = 'KURANG_MISCONDUCT')::int as kurang,
                   count(*) filter (where l.predikat = 'SANGAT_KURANG')::int as sangat_kurang
            from emp e
            join employee_period_level l on l.nip = e.nip and l.period = @periodKey
            group by e.unit_id
        ),
        ikm as (
            select rr.subject_id as unit_id, sum(rr.score_sum)::bigint as score_sum, sum(rr.score_count)::int as score_count
            from rating_rollup rr
            where rr.subject_kind = 'unit' and rr.rater_role = 'masyarakat' and rr.aspect = 'kepuasan_layanan'
              and rr.period = any(@monthKeys)
              and rr.subject_id in (select id from units)
            group by rr.subject_id
        ),
        survey as (
            select sr.unit_id, sum(sr.respondents)::int as respondents,
                   sum(sr.u1_sum)::bigint as s1, sum(sr.u2_sum)::bigint as s2, sum(sr.u3_sum)::bigint as s3,
                   sum(sr.u4_sum)::bigint as s4, sum(sr.u5_sum)::bigint as s5, sum(sr.u6_sum)::bigint as s6,
                   sum(sr.u7_sum)::bigint as s7, sum(sr.u8_sum)::bigint as s8, sum(sr.u9_sum)::bigint as s9
            from survey_rollup sr
            where sr.period = any(@monthKeys) and sr.unit_id in (select id from units)
            group by sr.unit_id
        )
        select u.id as UnitId, u.region_id as RegionId, u.name as Name, u.predikat as UnitPredikat,
               coalesce(h.employees, 0) as EmployeeCount,
               coalesce(t.filed, 0) as FiledToday, coalesce(t.hadir, 0) as TodayHadir,
               coalesce(t.terlambat, 0) as TodayTerlambat, coalesce(t.izin, 0) as TodayIzin,
               coalesce(t.sakit, 0) as TodaySakit, coalesce(t.cuti, 0) as TodayCuti,
               coalesce(t.dinas_luar, 0) as TodayDinasLuar, coalesce(t.tks, 0) as TodayTks,
               coalesce(d.sangat_baik, 0) as SangatBaik, coalesce(d.baik, 0) as Baik,
               coalesce(d.butuh_perbaikan, 0) as ButuhPerbaikan, coalesce(d.kurang, 0) as KurangMisconduct,
               coalesce(d.sangat_kurang, 0) as SangatKurang,
               coalesce(i.score_sum, 0) as IkmSum, coalesce(i.score_count, 0) as IkmCount,
               {{SurveyColumns}}
        from units u
        left join head h on h.unit_id = u.id
        left join today t on t.unit_id = u.id
        left join dist d on d.unit_id = u.id
        left join ikm i on i.unit_id = u.id
        left join survey s on s.unit_id = u.id
        left join survey_weight w on w.unit_id = u.id
        order by u.id
        """;

    /// <summary>
    /// Citizen-satisfaction sums of the named units (<c>@units</c>, one row each) over <c>@monthKeys</c>: the live
    /// model's refresh when the change feed names units (surveys, unit ratings).
    /// </summary>
    public const string Ikm = $$"""
        with i as (
            select rr.subject_id as unit_id, sum(rr.score_sum)::bigint as score_sum, sum(rr.score_count)::int as score_count
            from rating_rollup rr
            where rr.subject_kind = 'unit' and rr.rater_role = 'masyarakat' and rr.aspect = 'kepuasan_layanan'
              and rr.period = any(@monthKeys) and rr.subject_id = any(@units)
            group by rr.subject_id
        ),
        s as (
            select sr.unit_id, sum(sr.respondents)::int as respondents,
                   sum(sr.u1_sum)::bigint as s1, sum(sr.u2_sum)::bigint as s2, sum(sr.u3_sum)::bigint as s3,
                   sum(sr.u4_sum)::bigint as s4, sum(sr.u5_sum)::bigint as s5, sum(sr.u6_sum)::bigint as s6,
                   sum(sr.u7_sum)::bigint as s7, sum(sr.u8_sum)::bigint as s8, sum(sr.u9_sum)::bigint as s9
            from survey_rollup sr
            where sr.period = any(@monthKeys) and sr.unit_id = any(@units)
            group by sr.unit_id
        )
        select u.id as UnitId, coalesce(i.score_sum, 0) as IkmSum, coalesce(i.score_count, 0) as IkmCount,
               {{SurveyColumns}}
        from unnest(@units::text[]) as u(id)
        left join i on i.unit_id = u.id
        left join s on s.unit_id = u.id
        left join survey_weight w on w.unit_id = u.id
        """;

    /// <summary>The survey columns of a unit row: respondents and answer sums (<c>s</c>), weights (<c>w</c>, null = 1/9 each).</summary>
    private const string SurveyColumns = """
        coalesce(s.respondents, 0) as SurveyRespondents,
               coalesce(s.s1, 0) as SurveySum1, coalesce(s.s2, 0) as SurveySum2, coalesce(s.s3, 0) as SurveySum3,
               coalesce(s.s4, 0) as SurveySum4, coalesce(s.s5, 0) as SurveySum5, coalesce(s.s6, 0) as SurveySum6,
               coalesce(s.s7, 0) as SurveySum7, coalesce(s.s8, 0) as SurveySum8, coalesce(s.s9, 0) as SurveySum9,
               w.w1::numeric as Weight1, w.w2::numeric as Weight2, w.w3::numeric as Weight3, w.w4::numeric as Weight4,
               w.w5::numeric as Weight5, w.w6::numeric as Weight6, w.w7::numeric as Weight7, w.w8::numeric as Weight8,
               w.w9::numeric as Weight9
        """;
}
