namespace Kinerja.Core.Indicators;

/// <summary>
/// The same figures as <see cref="EmployeeFactsSql"/>, written naively over the raw streams: local
/// days computed from <c>occurred_at</c> in each region's zone, the approval verdict from the latest
/// review (withdrawn activities left out), the day's attendance from the latest attendance event, ratings from the rating events,
/// officer survey answers from the responses, and the SKP plan fields of <see cref="SkpFactsSql"/> written another way (the
/// newest assessment of each RHK and the newest realisation of each indicator picked with <c>distinct on</c> over the whole
/// tables, not per row), so the two can check each other.
/// It is the reference a full recompute must match, and the baseline of the benchmark.
/// Same parameters as <see cref="EmployeeFactsSql.OverMonths"/>.
/// </summary>
internal static class RawRecomputeSql
{
    public const string Query = """
        with emp as (
            select e.nip, e.unit_id, u.region_id, rg.tz, e.status, e.position, e.active, e.tpp_ceiling, r.ytd_end
            from employee e
            join unit u on u.id = e.unit_id
            join region rg on rg.id = u.region_id
            join unnest(@regionIds::text[], @ytdEnds::date[]) as r(region_id, ytd_end) on r.region_id = u.region_id
            where (@region::text is null or u.region_id = @region::text)
              and (@unit::text is null or e.unit_id = @unit::text)
              and (@nips::bpchar[] is null or e.nip = any(@nips::bpchar[]))
              and (@includeInactive or e.active)
        ),
        act as (
            select a.nip, (a.occurred_at at time zone e.tz)::date as day, a.minutes,
                   coalesce(
                       (select case when rv.approved then 'approved' else 'rejected' end
                        from activity_review rv
                        where rv.activity_event_id = a.event_id and rv.activity_day = a.local_day
                        order by rv.at desc, rv.event_id desc
                        limit 1),
                       a.status) as verdict
            from activity a
            join emp e on e.nip = a.nip
            where a.occurred_at >= @start::date - interval '1 day' and a.occurred_at < @end::date + interval '1 day'
              -- the same window on the partition key (local days lie within a day of the UTC date): month pruning
              and a.local_day between @start::date - 1 and @end::date + 1
              -- a withdrawn activity (migration 0018) counts nowhere
              and not exists (select 1 from activity_withdrawal w where w.activity_event_id = a.event_id)
        ),
        act_period as (
            select nip,
                   coalesce(sum(minutes) filter (where verdict = 'approved'), 0)::int as approved,
                   coalesce(sum(minutes) filter (where verdict = 'pending'), 0)::int as pending,
                   coalesce(sum(minutes) filter (where verdict = 'rejected'), 0)::int as rejected,
                   count(distinct day)::int as activity_days
            from act
            where day >= @start::date and day < @end::date
            group by nip
        ),
        att as (
            select distinct on (t.nip, t.day) t.nip, t.day, t.status, t.late_minutes,
                   t.early_leave_minutes, t.apel, t.leave_type
            from attendance t
            join emp e on e.nip = t.nip
            where t.day >= least(@start::date, @yearStart::date) and t.day < greatest(@end::date, (select max(ytd_end) from emp))
            order by t.nip, t.day, t.seq desc
        ),
        att_period as (
            select nip,
                   count(*) filter (where status = 'hadir')::int as hadir,
                   count(*) filter (where status = 'terlambat')::int as terlambat,
                   count(*) filter (where status = 'izin')::int as izin,
                   count(*) filter (where status = 'sakit')::int as sakit,
                   count(*) filter (where status = 'cuti')::int as cuti,
                   count(*) filter (where status = 'dinas_luar')::int as dinas_luar,
                   count(*) filter (where status = 'tanpa_keterangan')::int as tks,
                   sum(late_minutes)::int as late_minutes
        """ + "\n" + AttendanceDetailSql.DayCounts + "\n" + """
            from att
            where day >= @start::date and day < @end::date
            group by nip
        ),
        tks as (
            select t.nip, t.day, e.region_id
            from att t join emp e on e.nip = t.nip
            where t.status = 'tanpa_keterangan' and t.day >= @yearStart::date and t.day < e.ytd_end
        ),
        working_day as (
            select r.region_id, g::date as day, row_number() over (partition by r.region_id order by g) as n
            from unnest(@regionIds::text[]) as r(region_id)
            cross join generate_series(@yearStart::date, (@yearStart::date + interval '1 year' - interval '1 day'), interval '1 day') as g
            where extract(isodow from g) < 6
              and not exists (select 1 from holiday h where h.region_id = r.region_id and h.day = g::date)
        ),
        tks_run as (
            select nip, max(len)::int as longest
            from (select nip, count(*) as len
                  from (select t.nip, w.n - row_number() over (partition by t.nip order by w.n) as grp
                        from tks t join working_day w on w.region_id = t.region_id and w.day = t.day) numbered
                  group by nip, grp) runs
            group by nip
        ),
        tks_ytd as (
            select nip, count(*)::int as days from tks group by nip
        ),
        rat as (
            select r.ratee_nip as nip,
                   coalesce(sum(score) filter (where aspect = 'hasil_kerja' and rater_role = 'atasan'), 0)::bigint as hk_sum,
                   count(*) filter (where aspect = 'hasil_kerja' and rater_role = 'atasan')::int as hk_cnt,
                   coalesce(sum(score) filter (where aspect = any(@berakhlak)), 0)::bigint as ba_sum,
                   count(*) filter (where aspect = any(@berakhlak))::int as ba_cnt,
                   count(*)::int as all_cnt,
                   coalesce(sum(score) filter (where aspect = 'berorientasi_pelayanan'), 0)::bigint as bp_sum,
                   count(*) filter (where aspect = 'berorientasi_pelayanan')::int as bp_cnt,
                   coalesce(sum(score) filter (where aspect = 'akuntabel'), 0)::bigint as ak_sum,
                   count(*) filter (where aspect = 'akuntabel')::int as ak_cnt,
                   coalesce(sum(score) filter (where aspect = 'kompeten'), 0)::bigint as ko_sum,
                   count(*) filter (where aspect = 'kompeten')::int as ko_cnt,
                   coalesce(sum(score) filter (where aspect = 'harmonis'), 0)::bigint as ha_sum,
                   count(*) filter (where aspect = 'harmonis')::int as ha_cnt,
                   coalesce(sum(score) filter (where aspect = 'loyal'), 0)::bigint as lo_sum,
                   count(*) filter (where aspect = 'loyal')::int as lo_cnt,
                   coalesce(sum(score) filter (where aspect = 'adaptif'), 0)::bigint as ad_sum,
                   count(*) filter (where aspect = 'adaptif')::int as ad_cnt,
                   coalesce(sum(score) filter (where aspect = 'kolaboratif'), 0)::bigint as kl_sum,
                   count(*) filter (where aspect = 'kolaboratif')::int as kl_cnt,
                   coalesce(sum(score) filter (where rater_role = 'atasan' and aspect = any(@berakhlak)), 0)::bigint as at_sum,
                   count(*) filter (where rater_role = 'atasan' and aspect = any(@berakhlak))::int as at_cnt,
                   coalesce(sum(score) filter (where rater_role = 'rekan' and aspect = any(@berakhlak)), 0)::bigint as re_sum,
                   count(*) filter (where rater_role = 'rekan' and aspect = any(@berakhlak))::int as re_cnt,
                   coalesce(sum(score) filter (where rater_role = 'bawahan' and aspect = any(@berakhlak)), 0)::bigint as bw_sum,
                   count(*) filter (where rater_role = 'bawahan' and aspect = any(@berakhlak))::int as bw_cnt,
                   coalesce(sum(score) filter (where rater_role = 'masyarakat' and aspect = any(@berakhlak)), 0)::bigint as ma_sum,
                   count(*) filter (where rater_role = 'masyarakat' and aspect = any(@berakhlak))::int as ma_cnt,
                   coalesce(sum(score) filter (where rater_role = 'diri' and aspect = any(@berakhlak)), 0)::bigint as di_sum,
                   count(*) filter (where rater_role = 'diri' and aspect = any(@berakhlak))::int as di_cnt
            from rating r
            join emp e on e.nip = r.ratee_nip
            where r.period = any(@monthKeys)
            group by r.ratee_nip
        ),
        """ + "\n" + OfficerSurveyFactsSql.RawCtes + "\n" + """
        lvl as (
            select l.nip, l.rating_hasil_kerja, l.rating_perilaku, l.predikat
            from employee_period_level l join emp e on e.nip = l.nip
            where l.period = @periodKey
        ),
        skp_approved as (
            select sp.id, sp.nip from skp_plan sp join emp e on e.nip = sp.nip
            where sp.year = @skpYear and sp.is_current and sp.status = 'disetujui'
        ),
        skp_last_assessment as (
            select distinct on (x.rhk_id) x.rhk_id, x.level
            from skp_assessment x
            where x.is_current and x.period = any(@skpKeys)
            order by x.rhk_id, x.assessed_at desc, x.id desc
        ),
        skp_rhk_raw as (
            select ap.nip,
                   count(*)::int as rhk,
                   count(*) filter (where la.level is not null)::int as assessed,
                   count(*) filter (where la.level = 'di_atas')::int as di_atas,
                   count(*) filter (where la.level = 'sesuai')::int as sesuai,
                   count(*) filter (where la.level = 'di_bawah')::int as di_bawah,
                   count(*) filter (where r.kind = 'utama')::int as utama,
                   count(*) filter (where r.kind = 'utama' and la.level is not null)::int as utama_assessed,
                   count(*) filter (where r.kind = 'utama' and la.level = 'di_atas')::int as utama_di_atas,
                   count(*) filter (where r.kind = 'utama' and la.level = 'di_bawah')::int as utama_di_bawah
            from skp_approved ap
            join skp_rhk r on r.plan_id = ap.id
            left join skp_last_assessment la on la.rhk_id = r.id
            group by ap.nip
        ),
        skp_last_realisation as (
            select distinct on (x.indicator_id) x.indicator_id, x.value, x.period
            from skp_realisation x
            where x.is_current and x.value is not null and x.period = any(@skpKeys)
            order by x.indicator_id, x.filed_at desc, x.id desc
        ),
        skp_quant_raw as (
            select nip, round(avg(least(coalesce(ratio, 1.2), 1.2)) * 100, 2)::float8 as achievement
            from (
                select ap.nip,
                       case when i.aspect = 'waktu' then tg.target / nullif(lr.value, 0) else lr.value / tg.target end as ratio
                from skp_approved ap
                join skp_rhk r on r.plan_id = ap.id
                join skp_indicator i on i.rhk_id = r.id
                join skp_last_realisation lr on lr.indicator_id = i.id
                join (select si.id,
                             nullif(case when jsonb_typeof(si.period_targets -> slr.period -> 'value') = 'number'
                                         then (si.period_targets -> slr.period ->> 'value')::numeric
                                         else si.target_value end, 0) as target
                      from skp_indicator si join skp_last_realisation slr on slr.indicator_id = si.id
                      where si.target_value is not null) tg on tg.id = i.id
                where tg.target is not null
            ) ratios
            group by nip
        )
        select e.nip as Nip, e.unit_id as UnitId, e.region_id as RegionId, e.status as Status,
               e.position as Position, e.active as Active, e.tpp_ceiling as TppCeiling,
               coalesce(a.approved, 0) as MinutesApproved, coalesce(a.pending, 0) as MinutesPending,
               coalesce(a.rejected, 0) as MinutesRejected, coalesce(a.activity_days, 0) as ActivityDays,
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
               0 as SangatBaikMask, 0 as BaikMask, 0 as ButuhPerbaikanMask,
               0 as KurangMisconductMask, 0 as SangatKurangMask,
               ap.id is not null as SkpPlanApproved, coalesce(sr.rhk, 0) as SkpRhkCount,
               coalesce(sr.assessed, 0) as SkpRhkAssessed, coalesce(sr.di_atas, 0) as SkpRhkDiAtas,
               coalesce(sr.sesuai, 0) as SkpRhkSesuai, coalesce(sr.di_bawah, 0) as SkpRhkDiBawah,
               coalesce(sr.utama, 0) as SkpRhkUtama, coalesce(sr.utama_assessed, 0) as SkpRhkUtamaAssessed,
               coalesce(sr.utama_di_atas, 0) as SkpRhkUtamaDiAtas, coalesce(sr.utama_di_bawah, 0) as SkpRhkUtamaDiBawah,
               sq.achievement as SkpQuantAchievement
        """ + "\n" + AttendanceDetailSql.Columns + "\n" + OfficerSurveyFactsSql.Columns + "\n" + """
        from emp e
        left join act_period a on a.nip = e.nip
        left join att_period p on p.nip = e.nip
        left join tks_ytd ty on ty.nip = e.nip
        left join tks_run tr on tr.nip = e.nip
        left join rat r on r.nip = e.nip
        left join lvl l on l.nip = e.nip
        left join skp_approved ap on ap.nip = e.nip
        left join skp_rhk_raw sr on sr.nip = e.nip
        left join skp_quant_raw sq on sq.nip = e.nip
        """ + "\n" + OfficerSurveyFactsSql.Joins + "\n" + """
        order by e.nip
        """;
}
