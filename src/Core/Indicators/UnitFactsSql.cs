namespace Kinerja.Core.Indicators;

/// <summary>
/// One statement for every unit of a population: active head count, today's filing and attendance
/// (each region's own local today), the predicate distribution from <c>employee_period_level</c>
/// and the citizen-satisfaction sums (masyarakat <c>kepuasan_layanan</c> ratings of the unit).
/// </summary>
internal static class UnitFactsSql
{
    /// <summary>
    /// Parameters: <c>@regionIds</c>/<c>@todays</c> each region's local today; <c>@periodKey</c> the
    /// level period; <c>@monthKeys</c> the rating months; filter <c>@region</c>, <c>@unit</c>.
    /// </summary>
    public const string Query = """
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
               coalesce(i.score_sum, 0) as IkmSum, coalesce(i.score_count, 0) as IkmCount
        from units u
        left join head h on h.unit_id = u.id
        left join today t on t.unit_id = u.id
        left join dist d on d.unit_id = u.id
        left join ikm i on i.unit_id = u.id
        order by u.id
        """;

    /// <summary>
    /// Citizen-satisfaction sums of the named units (<c>@units</c>) over <c>@monthKeys</c>: the live
    /// model's refresh when the change feed names units (unit ratings).
    /// </summary>
    public const string Ikm = """
        select rr.subject_id as UnitId, sum(rr.score_sum)::bigint as IkmSum, sum(rr.score_count)::int as IkmCount
        from rating_rollup rr
        where rr.subject_kind = 'unit' and rr.rater_role = 'masyarakat' and rr.aspect = 'kepuasan_layanan'
          and rr.period = any(@monthKeys) and rr.subject_id = any(@units)
        group by rr.subject_id
        """;
}
