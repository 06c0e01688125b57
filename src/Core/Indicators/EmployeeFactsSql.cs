namespace Kinerja.Core.Indicators;

/// <summary>
/// The set-based employee query: one statement computes every employee of a population for one
/// period from the rollups (<c>employee_month</c> for whole months, <c>employee_day</c> for a day and
/// the TKS days, <c>rating_rollup</c>) and the rules' levels
/// (<c>employee_period_level</c>), never a statement per employee.
/// </summary>
internal static class EmployeeFactsSql
{
    /// <summary>The statement for a period: whole months read <c>employee_month</c>, a day reads <c>employee_day</c>.</summary>
    public static string For(Kinerja.Core.Domain.PeriodKind kind) =>
        kind == Kinerja.Core.Domain.PeriodKind.Day ? OverDays : OverMonths;

    /// <summary>
    /// Parameters: <c>@start</c>/<c>@end</c> the period's local dates (end exclusive);
    /// <c>@regionIds</c>/<c>@ytdEnds</c> per region the exclusive end of year-to-date (end of the period,
    /// or tomorrow while it is current); <c>@yearStart</c> 1 January of the period's year;
    /// <c>@monthKeys</c> the rating months of the period; <c>@periodKey</c> the period's key and
    /// <c>@prevKeys</c> the keys of the previous periods of the same kind, newest first;
    /// filter <c>@region</c>, <c>@unit</c>, <c>@nips</c>, <c>@includeInactive</c>.
    /// </summary>
    public const string OverMonths = Head + "\n" + PerMonths + "\n" + Tail;

    public const string OverDays = Head + "\n" + PerDays + "\n" + Tail;

    private const string Head = """
        with emp as (
            select e.nip, e.unit_id, u.region_id, e.status, e.position, e.active, e.tpp_ceiling, r.ytd_end
            from employee e
            join unit u on u.id = e.unit_id
            join unnest(@regionIds::text[], @ytdEnds::date[]) as r(region_id, ytd_end) on r.region_id = u.region_id
            where (@region::text is null or u.region_id = @region::text)
              and (@unit::text is null or e.unit_id = @unit::text)
              and (@nips::bpchar[] is null or e.nip = any(@nips::bpchar[]))
              and (@includeInactive or e.active)
        ),
        """;

    /// <summary>Period totals from the month rollup (month, quarter, year: whole months).</summary>
    private const string PerMonths = """
        per as (
            select m.nip,
                   sum(m.minutes_approved)::int as approved,
                   sum(m.minutes_pending)::int as pending,
                   sum(m.minutes_rejected)::int as rejected,
                   sum(m.activity_days)::int as activity_days,
                   sum(m.hadir)::int as hadir,
                   sum(m.terlambat)::int as terlambat,
                   sum(m.izin)::int as izin,
                   sum(m.sakit)::int as sakit,
                   sum(m.cuti)::int as cuti,
                   sum(m.dinas_luar)::int as dinas_luar,
                   sum(m.tanpa_keterangan)::int as tks,
                   sum(m.late_minutes)::int as late_minutes
            from employee_month m
            where m.month >= @start::date and m.month < @end::date
              and m.nip in (select nip from emp)
            group by m.nip
        ),
        """;

    /// <summary>Period totals from the day rollup (a single local day).</summary>
    private const string PerDays = """
        per as (
            select d.nip,
                   sum(d.minutes_approved)::int as approved,
                   sum(d.minutes_pending)::int as pending,
                   sum(d.minutes_rejected)::int as rejected,
                   count(*) filter (where d.activity_count > 0)::int as activity_days,
                   count(*) filter (where d.attendance_status = 'hadir')::int as hadir,
                   count(*) filter (where d.attendance_status = 'terlambat')::int as terlambat,
                   count(*) filter (where d.attendance_status = 'izin')::int as izin,
                   count(*) filter (where d.attendance_status = 'sakit')::int as sakit,
                   count(*) filter (where d.attendance_status = 'cuti')::int as cuti,
                   count(*) filter (where d.attendance_status = 'dinas_luar')::int as dinas_luar,
                   count(*) filter (where d.attendance_status = 'tanpa_keterangan')::int as tks,
                   sum(d.late_minutes)::int as late_minutes
            from employee_day d
            where d.day >= @start::date and d.day < @end::date
              and d.nip in (select nip from emp)
            group by d.nip
        ),
        """;

    private const string Tail = """
        tks as (
            select d.nip, d.day, e.region_id
            from employee_day d
            join emp e on e.nip = d.nip
            where d.attendance_status = 'tanpa_keterangan'
              and d.day >= @yearStart::date and d.day < e.ytd_end
        ),
        working_day as (
            -- ordinal of every working day of the year per region: consecutive TKS working days have
            -- consecutive ordinals whatever weekends or holidays lie between them
            select r.region_id, g::date as day, row_number() over (partition by r.region_id order by g) as n
            from unnest(@regionIds::text[]) as r(region_id)
            cross join generate_series(@yearStart::date, (@yearStart::date + interval '1 year' - interval '1 day'), interval '1 day') as g
            where extract(isodow from g) < 6
              and not exists (select 1 from holiday h where h.region_id = r.region_id and h.day = g::date)
        ),
        tks_run as (
            select nip, max(len)::int as longest
            from (
                select nip, count(*) as len
                from (
                    select t.nip, w.n - row_number() over (partition by t.nip order by w.n) as grp
                    from tks t
                    join working_day w on w.region_id = t.region_id and w.day = t.day
                ) numbered
                group by nip, grp
            ) runs
            group by nip
        ),
        tks_ytd as (
            select nip, count(*)::int as days from tks group by nip
        ),
        rat as (
            select rr.subject_id as nip,
                   coalesce(sum(score_sum) filter (where aspect = 'hasil_kerja' and rater_role = 'atasan'), 0)::bigint as hk_sum,
                   coalesce(sum(score_count) filter (where aspect = 'hasil_kerja' and rater_role = 'atasan'), 0)::int as hk_cnt,
                   coalesce(sum(score_sum) filter (where aspect = any(@berakhlak)), 0)::bigint as ba_sum,
                   coalesce(sum(score_count) filter (where aspect = any(@berakhlak)), 0)::int as ba_cnt,
                   coalesce(sum(score_count), 0)::int as all_cnt,
                   coalesce(sum(score_sum) filter (where aspect = 'berorientasi_pelayanan'), 0)::bigint as bp_sum,
                   coalesce(sum(score_count) filter (where aspect = 'berorientasi_pelayanan'), 0)::int as bp_cnt,
                   coalesce(sum(score_sum) filter (where aspect = 'akuntabel'), 0)::bigint as ak_sum,
                   coalesce(sum(score_count) filter (where aspect = 'akuntabel'), 0)::int as ak_cnt,
                   coalesce(sum(score_sum) filter (where aspect = 'kompeten'), 0)::bigint as ko_sum,
                   coalesce(sum(score_count) filter (where aspect = 'kompeten'), 0)::int as ko_cnt,
                   coalesce(sum(score_sum) filter (where aspect = 'harmonis'), 0)::bigint as ha_sum,
                   coalesce(sum(score_count) filter (where aspect = 'harmonis'), 0)::int as ha_cnt,
                   coalesce(sum(score_sum) filter (where aspect = 'loyal'), 0)::bigint as lo_sum,
                   coalesce(sum(score_count) filter (where aspect = 'loyal'), 0)::int as lo_cnt,
                   coalesce(sum(score_sum) filter (where aspect = 'adaptif'), 0)::bigint as ad_sum,
                   coalesce(sum(score_count) filter (where aspect = 'adaptif'), 0)::int as ad_cnt,
                   coalesce(sum(score_sum) filter (where aspect = 'kolaboratif'), 0)::bigint as kl_sum,
                   coalesce(sum(score_count) filter (where aspect = 'kolaboratif'), 0)::int as kl_cnt,
                   coalesce(sum(score_sum) filter (where rater_role = 'atasan' and aspect = any(@berakhlak)), 0)::bigint as at_sum,
                   coalesce(sum(score_count) filter (where rater_role = 'atasan' and aspect = any(@berakhlak)), 0)::int as at_cnt,
                   coalesce(sum(score_sum) filter (where rater_role = 'rekan' and aspect = any(@berakhlak)), 0)::bigint as re_sum,
                   coalesce(sum(score_count) filter (where rater_role = 'rekan' and aspect = any(@berakhlak)), 0)::int as re_cnt,
                   coalesce(sum(score_sum) filter (where rater_role = 'bawahan' and aspect = any(@berakhlak)), 0)::bigint as bw_sum,
                   coalesce(sum(score_count) filter (where rater_role = 'bawahan' and aspect = any(@berakhlak)), 0)::int as bw_cnt,
                   coalesce(sum(score_sum) filter (where rater_role = 'masyarakat' and aspect = any(@berakhlak)), 0)::bigint as ma_sum,
                   coalesce(sum(score_count) filter (where rater_role = 'masyarakat' and aspect = any(@berakhlak)), 0)::int as ma_cnt,
                   coalesce(sum(score_sum) filter (where rater_role = 'diri' and aspect = any(@berakhlak)), 0)::bigint as di_sum,
                   coalesce(sum(score_count) filter (where rater_role = 'diri' and aspect = any(@berakhlak)), 0)::int as di_cnt
            from rating_rollup rr
            where rr.subject_kind = 'employee'
              and rr.period = any(@monthKeys)
              and rr.subject_id in (select nip::text from emp)
            group by rr.subject_id
        ),
        lvl as (
            select l.nip, l.rating_hasil_kerja, l.rating_perilaku, l.predikat
            from employee_period_level l
            where l.period = @periodKey and l.nip in (select nip from emp)
        ),
        hist_rows as (
            select l.nip, k.ord, l.predikat,
                   row_number() over w as rn,
                   first_value(l.predikat) over w as first_predikat
            from employee_period_level l
            join unnest(@prevKeys::text[]) with ordinality as k(period, ord) on k.period = l.period
            where l.nip in (select nip from emp) and l.predikat is not null
            window w as (partition by l.nip order by k.ord)
        ),
        hist as (
            -- the previous period's predicate and for how many periods in a row (ending with the previous
            -- one) it has held: the gap-free prefix (ord = rn) cut at the first different predicate
            select nip,
                   max(first_predikat) filter (where ord = 1) as previous_predikat,
                   least(count(*) filter (where ord = rn),
                         coalesce(min(ord) filter (where predikat <> first_predikat), cardinality(@prevKeys::text[]) + 1) - 1)::int as streak
            from hist_rows
            group by nip
        )
        select e.nip as Nip, e.unit_id as UnitId, e.region_id as RegionId, e.status as Status,
               e.position as Position, e.active as Active, e.tpp_ceiling as TppCeiling,
               coalesce(p.approved, 0) as MinutesApproved, coalesce(p.pending, 0) as MinutesPending,
               coalesce(p.rejected, 0) as MinutesRejected, coalesce(p.activity_days, 0) as ActivityDays,
               coalesce(p.hadir, 0) as Hadir, coalesce(p.terlambat, 0) as Terlambat, coalesce(p.izin, 0) as Izin,
               coalesce(p.sakit, 0) as Sakit, coalesce(p.cuti, 0) as Cuti, coalesce(p.dinas_luar, 0) as DinasLuar,
               coalesce(p.tks, 0) as Tks, coalesce(p.late_minutes, 0) as LateMinutes,
               coalesce(ty.days, 0) as TksYtd, coalesce(tr.longest, 0) as TksLongestRun,
               coalesce(r.hk_sum, 0) as HasilKerjaSum, coalesce(r.hk_cnt, 0) as HasilKerjaCount,
               coalesce(r.ba_sum, 0) as BerAkhlakSum, coalesce(r.ba_cnt, 0) as BerAkhlakCount,
               coalesce(r.all_cnt, 0) as RatingCount,
               coalesce(r.bp_sum, 0) as BerorientasiPelayananSum, coalesce(r.bp_cnt, 0) as BerorientasiPelayananCount,
               coalesce(r.ak_sum, 0) as AkuntabelSum, coalesce(r.ak_cnt, 0) as AkuntabelCount,
               coalesce(r.ko_sum, 0) as KompetenSum, coalesce(r.ko_cnt, 0) as KompetenCount,
               coalesce(r.ha_sum, 0) as HarmonisSum, coalesce(r.ha_cnt, 0) as HarmonisCount,
               coalesce(r.lo_sum, 0) as LoyalSum, coalesce(r.lo_cnt, 0) as LoyalCount,
               coalesce(r.ad_sum, 0) as AdaptifSum, coalesce(r.ad_cnt, 0) as AdaptifCount,
               coalesce(r.kl_sum, 0) as KolaboratifSum, coalesce(r.kl_cnt, 0) as KolaboratifCount,
               coalesce(r.at_sum, 0) as AtasanSum, coalesce(r.at_cnt, 0) as AtasanCount,
               coalesce(r.re_sum, 0) as RekanSum, coalesce(r.re_cnt, 0) as RekanCount,
               coalesce(r.bw_sum, 0) as BawahanSum, coalesce(r.bw_cnt, 0) as BawahanCount,
               coalesce(r.ma_sum, 0) as MasyarakatSum, coalesce(r.ma_cnt, 0) as MasyarakatCount,
               coalesce(r.di_sum, 0) as DiriSum, coalesce(r.di_cnt, 0) as DiriCount,
               l.rating_hasil_kerja as RatingHasilKerja, l.rating_perilaku as RatingPerilaku, l.predikat as Predikat,
               h.previous_predikat as PreviousPredikat, coalesce(h.streak, 0) as PreviousStreak
        from emp e
        left join per p on p.nip = e.nip
        left join tks_ytd ty on ty.nip = e.nip
        left join tks_run tr on tr.nip = e.nip
        left join rat r on r.nip = e.nip::text
        left join lvl l on l.nip = e.nip
        left join hist h on h.nip = e.nip
        order by e.nip
        """;
}
