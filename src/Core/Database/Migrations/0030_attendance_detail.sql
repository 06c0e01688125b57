-- 0030: attendance detail for regional allowance rules (issue 19). Forward-only: never edit once applied.
--
-- The attendance contract gains three optional fields: minutes of leaving early, whether the morning assembly (apel)
-- was attended (null = not recorded) and the leave type of a cuti/izin/sakit day (PP 11/2017 leave types plus `izin`).
-- The day rollup keeps the latest record's values (the latest record of a (nip, day) wins, as for the status), and the
-- month rollup counts the days per lateness band, early-leave days, missed assemblies and days per leave type, so the
-- snapshot reads them from one row per employee and month (no per-employee query). Existing rows keep the defaults
-- (0 minutes, apel not recorded, no leave type), which the new month counters (0) already equal: no backfill.
-- Lateness bands (minutes late on the day): 1-30, 31-60, 61-90, over 90.

alter table attendance
    add column early_leave_minutes integer not null default 0 check (early_leave_minutes >= 0),
    add column apel boolean,
    add column leave_type text check (leave_type in
        ('tahunan', 'besar', 'sakit', 'melahirkan', 'alasan_penting', 'bersama', 'luar_tanggungan', 'izin'));

alter table employee_day
    add column early_leave_minutes integer not null default 0,
    add column apel boolean,
    add column leave_type text;

alter table employee_month
    add column late_days_1_30 integer not null default 0,
    add column late_days_31_60 integer not null default 0,
    add column late_days_61_90 integer not null default 0,
    add column late_days_over_90 integer not null default 0,
    add column early_leave_days integer not null default 0,
    add column early_leave_minutes integer not null default 0,
    add column apel_missed_days integer not null default 0,
    add column leave_tahunan integer not null default 0,
    add column leave_besar integer not null default 0,
    add column leave_sakit integer not null default 0,
    add column leave_melahirkan integer not null default 0,
    add column leave_alasan_penting integer not null default 0,
    add column leave_bersama integer not null default 0,
    add column leave_luar_tanggungan integer not null default 0,
    add column leave_izin integer not null default 0;

-- the 0003 statement triggers, extended with the new counters (same shape: one set-based upsert per statement)
create or replace function employee_month_on_insert() returns trigger language plpgsql as $$
begin
    insert into employee_month as m (nip, month, activity_days, activity_count, minutes_pending, minutes_approved,
        minutes_rejected, hadir, terlambat, izin, sakit, cuti, dinas_luar, tanpa_keterangan, late_minutes,
        late_days_1_30, late_days_31_60, late_days_61_90, late_days_over_90, early_leave_days, early_leave_minutes,
        apel_missed_days, leave_tahunan, leave_besar, leave_sakit, leave_melahirkan, leave_alasan_penting, leave_bersama,
        leave_luar_tanggungan, leave_izin)
    select nip, date_trunc('month', day)::date,
           count(*) filter (where activity_count > 0), sum(activity_count), sum(minutes_pending), sum(minutes_approved),
           sum(minutes_rejected),
           count(*) filter (where attendance_status = 'hadir'), count(*) filter (where attendance_status = 'terlambat'),
           count(*) filter (where attendance_status = 'izin'), count(*) filter (where attendance_status = 'sakit'),
           count(*) filter (where attendance_status = 'cuti'), count(*) filter (where attendance_status = 'dinas_luar'),
           count(*) filter (where attendance_status = 'tanpa_keterangan'), sum(late_minutes),
           count(*) filter (where late_minutes between 1 and 30), count(*) filter (where late_minutes between 31 and 60),
           count(*) filter (where late_minutes between 61 and 90), count(*) filter (where late_minutes > 90),
           count(*) filter (where early_leave_minutes > 0), sum(early_leave_minutes),
           count(*) filter (where apel is false),
           count(*) filter (where leave_type = 'tahunan'), count(*) filter (where leave_type = 'besar'),
           count(*) filter (where leave_type = 'sakit'), count(*) filter (where leave_type = 'melahirkan'),
           count(*) filter (where leave_type = 'alasan_penting'), count(*) filter (where leave_type = 'bersama'),
           count(*) filter (where leave_type = 'luar_tanggungan'), count(*) filter (where leave_type = 'izin')
    from new_rows
    group by 1, 2
    order by 1, 2
    on conflict (nip, month) do update set
        activity_days = m.activity_days + excluded.activity_days,
        activity_count = m.activity_count + excluded.activity_count,
        minutes_pending = m.minutes_pending + excluded.minutes_pending,
        minutes_approved = m.minutes_approved + excluded.minutes_approved,
        minutes_rejected = m.minutes_rejected + excluded.minutes_rejected,
        hadir = m.hadir + excluded.hadir,
        terlambat = m.terlambat + excluded.terlambat,
        izin = m.izin + excluded.izin,
        sakit = m.sakit + excluded.sakit,
        cuti = m.cuti + excluded.cuti,
        dinas_luar = m.dinas_luar + excluded.dinas_luar,
        tanpa_keterangan = m.tanpa_keterangan + excluded.tanpa_keterangan,
        late_minutes = m.late_minutes + excluded.late_minutes,
        late_days_1_30 = m.late_days_1_30 + excluded.late_days_1_30,
        late_days_31_60 = m.late_days_31_60 + excluded.late_days_31_60,
        late_days_61_90 = m.late_days_61_90 + excluded.late_days_61_90,
        late_days_over_90 = m.late_days_over_90 + excluded.late_days_over_90,
        early_leave_days = m.early_leave_days + excluded.early_leave_days,
        early_leave_minutes = m.early_leave_minutes + excluded.early_leave_minutes,
        apel_missed_days = m.apel_missed_days + excluded.apel_missed_days,
        leave_tahunan = m.leave_tahunan + excluded.leave_tahunan,
        leave_besar = m.leave_besar + excluded.leave_besar,
        leave_sakit = m.leave_sakit + excluded.leave_sakit,
        leave_melahirkan = m.leave_melahirkan + excluded.leave_melahirkan,
        leave_alasan_penting = m.leave_alasan_penting + excluded.leave_alasan_penting,
        leave_bersama = m.leave_bersama + excluded.leave_bersama,
        leave_luar_tanggungan = m.leave_luar_tanggungan + excluded.leave_luar_tanggungan,
        leave_izin = m.leave_izin + excluded.leave_izin;
    return null;
end;
$$;

create or replace function employee_month_on_delete() returns trigger language plpgsql as $$
begin
    update employee_month m set
        activity_days = m.activity_days - d.activity_days,
        activity_count = m.activity_count - d.activity_count,
        minutes_pending = m.minutes_pending - d.minutes_pending,
        minutes_approved = m.minutes_approved - d.minutes_approved,
        minutes_rejected = m.minutes_rejected - d.minutes_rejected,
        hadir = m.hadir - d.hadir,
        terlambat = m.terlambat - d.terlambat,
        izin = m.izin - d.izin,
        sakit = m.sakit - d.sakit,
        cuti = m.cuti - d.cuti,
        dinas_luar = m.dinas_luar - d.dinas_luar,
        tanpa_keterangan = m.tanpa_keterangan - d.tanpa_keterangan,
        late_minutes = m.late_minutes - d.late_minutes,
        late_days_1_30 = m.late_days_1_30 - d.late_days_1_30,
        late_days_31_60 = m.late_days_31_60 - d.late_days_31_60,
        late_days_61_90 = m.late_days_61_90 - d.late_days_61_90,
        late_days_over_90 = m.late_days_over_90 - d.late_days_over_90,
        early_leave_days = m.early_leave_days - d.early_leave_days,
        early_leave_minutes = m.early_leave_minutes - d.early_leave_minutes,
        apel_missed_days = m.apel_missed_days - d.apel_missed_days,
        leave_tahunan = m.leave_tahunan - d.leave_tahunan,
        leave_besar = m.leave_besar - d.leave_besar,
        leave_sakit = m.leave_sakit - d.leave_sakit,
        leave_melahirkan = m.leave_melahirkan - d.leave_melahirkan,
        leave_alasan_penting = m.leave_alasan_penting - d.leave_alasan_penting,
        leave_bersama = m.leave_bersama - d.leave_bersama,
        leave_luar_tanggungan = m.leave_luar_tanggungan - d.leave_luar_tanggungan,
        leave_izin = m.leave_izin - d.leave_izin
    from (
        select nip, date_trunc('month', day)::date as month,
               count(*) filter (where activity_count > 0) as activity_days, sum(activity_count) as activity_count,
               sum(minutes_pending) as minutes_pending, sum(minutes_approved) as minutes_approved,
               sum(minutes_rejected) as minutes_rejected,
               count(*) filter (where attendance_status = 'hadir') as hadir,
               count(*) filter (where attendance_status = 'terlambat') as terlambat,
               count(*) filter (where attendance_status = 'izin') as izin,
               count(*) filter (where attendance_status = 'sakit') as sakit,
               count(*) filter (where attendance_status = 'cuti') as cuti,
               count(*) filter (where attendance_status = 'dinas_luar') as dinas_luar,
               count(*) filter (where attendance_status = 'tanpa_keterangan') as tanpa_keterangan,
               sum(late_minutes) as late_minutes,
               count(*) filter (where late_minutes between 1 and 30) as late_days_1_30,
               count(*) filter (where late_minutes between 31 and 60) as late_days_31_60,
               count(*) filter (where late_minutes between 61 and 90) as late_days_61_90,
               count(*) filter (where late_minutes > 90) as late_days_over_90,
               count(*) filter (where early_leave_minutes > 0) as early_leave_days,
               sum(early_leave_minutes) as early_leave_minutes,
               count(*) filter (where apel is false) as apel_missed_days,
               count(*) filter (where leave_type = 'tahunan') as leave_tahunan,
               count(*) filter (where leave_type = 'besar') as leave_besar,
               count(*) filter (where leave_type = 'sakit') as leave_sakit,
               count(*) filter (where leave_type = 'melahirkan') as leave_melahirkan,
               count(*) filter (where leave_type = 'alasan_penting') as leave_alasan_penting,
               count(*) filter (where leave_type = 'bersama') as leave_bersama,
               count(*) filter (where leave_type = 'luar_tanggungan') as leave_luar_tanggungan,
               count(*) filter (where leave_type = 'izin') as leave_izin
        from old_rows
        group by 1, 2
    ) d
    where m.nip = d.nip and m.month = d.month;
    return null;
end;
$$;

create or replace function employee_month_on_update() returns trigger language plpgsql as $$
begin
    insert into employee_month as m (nip, month, activity_days, activity_count, minutes_pending, minutes_approved,
        minutes_rejected, hadir, terlambat, izin, sakit, cuti, dinas_luar, tanpa_keterangan, late_minutes,
        late_days_1_30, late_days_31_60, late_days_61_90, late_days_over_90, early_leave_days, early_leave_minutes,
        apel_missed_days, leave_tahunan, leave_besar, leave_sakit, leave_melahirkan, leave_alasan_penting, leave_bersama,
        leave_luar_tanggungan, leave_izin)
    select nip, month, sum(activity_days), sum(activity_count), sum(minutes_pending), sum(minutes_approved),
           sum(minutes_rejected), sum(hadir), sum(terlambat), sum(izin), sum(sakit), sum(cuti), sum(dinas_luar),
           sum(tanpa_keterangan), sum(late_minutes),
           sum(late_days_1_30), sum(late_days_31_60), sum(late_days_61_90), sum(late_days_over_90),
           sum(early_leave_days), sum(early_leave_minutes), sum(apel_missed_days),
           sum(leave_tahunan), sum(leave_besar), sum(leave_sakit), sum(leave_melahirkan), sum(leave_alasan_penting),
           sum(leave_bersama), sum(leave_luar_tanggungan), sum(leave_izin)
    from (
        select sign, nip, date_trunc('month', day)::date as month,
               sign * (activity_count > 0)::int as activity_days, sign * activity_count as activity_count,
               sign * minutes_pending as minutes_pending, sign * minutes_approved as minutes_approved,
               sign * minutes_rejected as minutes_rejected,
               sign * (attendance_status is not distinct from 'hadir')::int as hadir,
               sign * (attendance_status is not distinct from 'terlambat')::int as terlambat,
               sign * (attendance_status is not distinct from 'izin')::int as izin,
               sign * (attendance_status is not distinct from 'sakit')::int as sakit,
               sign * (attendance_status is not distinct from 'cuti')::int as cuti,
               sign * (attendance_status is not distinct from 'dinas_luar')::int as dinas_luar,
               sign * (attendance_status is not distinct from 'tanpa_keterangan')::int as tanpa_keterangan,
               sign * late_minutes as late_minutes,
               sign * (late_minutes between 1 and 30)::int as late_days_1_30,
               sign * (late_minutes between 31 and 60)::int as late_days_31_60,
               sign * (late_minutes between 61 and 90)::int as late_days_61_90,
               sign * (late_minutes > 90)::int as late_days_over_90,
               sign * (early_leave_minutes > 0)::int as early_leave_days,
               sign * early_leave_minutes as early_leave_minutes,
               sign * (apel is false)::int as apel_missed_days,
               sign * (leave_type is not distinct from 'tahunan')::int as leave_tahunan,
               sign * (leave_type is not distinct from 'besar')::int as leave_besar,
               sign * (leave_type is not distinct from 'sakit')::int as leave_sakit,
               sign * (leave_type is not distinct from 'melahirkan')::int as leave_melahirkan,
               sign * (leave_type is not distinct from 'alasan_penting')::int as leave_alasan_penting,
               sign * (leave_type is not distinct from 'bersama')::int as leave_bersama,
               sign * (leave_type is not distinct from 'luar_tanggungan')::int as leave_luar_tanggungan,
               sign * (leave_type is not distinct from 'izin')::int as leave_izin
        from (select 1 as sign, * from new_rows union all select -1 as sign, * from old_rows) r
    ) d
    group by nip, month
    order by nip, month
    on conflict (nip, month) do update set
        activity_days = m.activity_days + excluded.activity_days,
        activity_count = m.activity_count + excluded.activity_count,
        minutes_pending = m.minutes_pending + excluded.minutes_pending,
        minutes_approved = m.minutes_approved + excluded.minutes_approved,
        minutes_rejected = m.minutes_rejected + excluded.minutes_rejected,
        hadir = m.hadir + excluded.hadir,
        terlambat = m.terlambat + excluded.terlambat,
        izin = m.izin + excluded.izin,
        sakit = m.sakit + excluded.sakit,
        cuti = m.cuti + excluded.cuti,
        dinas_luar = m.dinas_luar + excluded.dinas_luar,
        tanpa_keterangan = m.tanpa_keterangan + excluded.tanpa_keterangan,
        late_minutes = m.late_minutes + excluded.late_minutes,
        late_days_1_30 = m.late_days_1_30 + excluded.late_days_1_30,
        late_days_31_60 = m.late_days_31_60 + excluded.late_days_31_60,
        late_days_61_90 = m.late_days_61_90 + excluded.late_days_61_90,
        late_days_over_90 = m.late_days_over_90 + excluded.late_days_over_90,
        early_leave_days = m.early_leave_days + excluded.early_leave_days,
        early_leave_minutes = m.early_leave_minutes + excluded.early_leave_minutes,
        apel_missed_days = m.apel_missed_days + excluded.apel_missed_days,
        leave_tahunan = m.leave_tahunan + excluded.leave_tahunan,
        leave_besar = m.leave_besar + excluded.leave_besar,
        leave_sakit = m.leave_sakit + excluded.leave_sakit,
        leave_melahirkan = m.leave_melahirkan + excluded.leave_melahirkan,
        leave_alasan_penting = m.leave_alasan_penting + excluded.leave_alasan_penting,
        leave_bersama = m.leave_bersama + excluded.leave_bersama,
        leave_luar_tanggungan = m.leave_luar_tanggungan + excluded.leave_luar_tanggungan,
        leave_izin = m.leave_izin + excluded.leave_izin;
    return null;
end;
$$;
