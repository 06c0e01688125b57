-- 0003: indicators read model (issue 4).

-- Leveled values the rules produce per employee and period (written by the rules layer, read by
-- the indicators for Predikat, the predicate distribution and the history features such as
-- "consecutive periods at Sangat Baik"). period: YYYY-MM, YYYY-Qn or YYYY.
create table employee_period_level (
    nip                 char(18) not null references employee (nip),
    period              text not null check (period ~ '^[0-9]{4}(-(0[1-9]|1[0-2])|-Q[1-4])?$'),
    rating_hasil_kerja  text check (rating_hasil_kerja in ('DI_ATAS_EKSPEKTASI', 'SESUAI_EKSPEKTASI', 'DI_BAWAH_EKSPEKTASI')),
    rating_perilaku     text check (rating_perilaku in ('DI_ATAS_EKSPEKTASI', 'SESUAI_EKSPEKTASI', 'DI_BAWAH_EKSPEKTASI')),
    predikat            text check (predikat in ('SANGAT_BAIK', 'BAIK', 'BUTUH_PERBAIKAN', 'KURANG_MISCONDUCT', 'SANGAT_KURANG')),
    evaluated_at        timestamptz not null default now(),
    primary key (nip, period)
);
create index employee_period_level_period_idx on employee_period_level (period);

-- Year-to-date TKS days and the longest TKS run read only the (rare) TKS days: a partial index
-- keeps that independent of the year's full employee_day volume.
create index employee_day_tks_idx on employee_day (nip, day) where attendance_status = 'tanpa_keterangan';

-- Month/quarter rating averages for a whole population read rating_rollup by period.
create index rating_rollup_period_idx on rating_rollup (period, subject_kind);

-- ---------------------------------------------------------------- employee_month
-- Month totals per employee, kept equal to the sum of its employee_day rows by statement triggers
-- (transition tables: one set-based upsert per writing statement, in the writer's transaction), so
-- a month snapshot of every employee reads one row per employee instead of ~22.
-- month = first day of the employee's local month (employee_day.day is already local).
create table employee_month (
    nip                 char(18) not null references employee (nip),
    month               date not null check (extract(day from month) = 1),
    activity_days       integer not null default 0,
    activity_count      integer not null default 0,
    minutes_pending     integer not null default 0,
    minutes_approved    integer not null default 0,
    minutes_rejected    integer not null default 0,
    hadir               integer not null default 0,
    terlambat           integer not null default 0,
    izin                integer not null default 0,
    sakit               integer not null default 0,
    cuti                integer not null default 0,
    dinas_luar          integer not null default 0,
    tanpa_keterangan    integer not null default 0,
    late_minutes        integer not null default 0,
    primary key (nip, month)
);
create index employee_month_month_idx on employee_month (month);

create function employee_month_on_insert() returns trigger language plpgsql as $$
begin
    insert into employee_month as m (nip, month, activity_days, activity_count, minutes_pending, minutes_approved,
        minutes_rejected, hadir, terlambat, izin, sakit, cuti, dinas_luar, tanpa_keterangan, late_minutes)
    select nip, date_trunc('month', day)::date,
           count(*) filter (where activity_count > 0), sum(activity_count), sum(minutes_pending), sum(minutes_approved),
           sum(minutes_rejected),
           count(*) filter (where attendance_status = 'hadir'), count(*) filter (where attendance_status = 'terlambat'),
           count(*) filter (where attendance_status = 'izin'), count(*) filter (where attendance_status = 'sakit'),
           count(*) filter (where attendance_status = 'cuti'), count(*) filter (where attendance_status = 'dinas_luar'),
           count(*) filter (where attendance_status = 'tanpa_keterangan'), sum(late_minutes)
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
        late_minutes = m.late_minutes + excluded.late_minutes;
    return null;
end;
$$;

create function employee_month_on_delete() returns trigger language plpgsql as $$
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
        late_minutes = m.late_minutes - d.late_minutes
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
               sum(late_minutes) as late_minutes
        from old_rows
        group by 1, 2
    ) d
    where m.nip = d.nip and m.month = d.month;
    return null;
end;
$$;

create function employee_month_on_update() returns trigger language plpgsql as $$
begin
    insert into employee_month as m (nip, month, activity_days, activity_count, minutes_pending, minutes_approved,
        minutes_rejected, hadir, terlambat, izin, sakit, cuti, dinas_luar, tanpa_keterangan, late_minutes)
    select nip, month, sum(activity_days), sum(activity_count), sum(minutes_pending), sum(minutes_approved),
           sum(minutes_rejected), sum(hadir), sum(terlambat), sum(izin), sum(sakit), sum(cuti), sum(dinas_luar),
           sum(tanpa_keterangan), sum(late_minutes)
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
               sign * late_minutes as late_minutes
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
        late_minutes = m.late_minutes + excluded.late_minutes;
    return null;
end;
$$;

create trigger employee_day_month_insert after insert on employee_day
    referencing new table as new_rows for each statement execute function employee_month_on_insert();
create trigger employee_day_month_update after update on employee_day
    referencing old table as old_rows new table as new_rows for each statement execute function employee_month_on_update();
create trigger employee_day_month_delete after delete on employee_day
    referencing old table as old_rows for each statement execute function employee_month_on_delete();

-- existing days (a database migrated after data arrived)
insert into employee_month (nip, month, activity_days, activity_count, minutes_pending, minutes_approved,
    minutes_rejected, hadir, terlambat, izin, sakit, cuti, dinas_luar, tanpa_keterangan, late_minutes)
select nip, date_trunc('month', day)::date,
       count(*) filter (where activity_count > 0), sum(activity_count), sum(minutes_pending), sum(minutes_approved),
       sum(minutes_rejected),
       count(*) filter (where attendance_status = 'hadir'), count(*) filter (where attendance_status = 'terlambat'),
       count(*) filter (where attendance_status = 'izin'), count(*) filter (where attendance_status = 'sakit'),
       count(*) filter (where attendance_status = 'cuti'), count(*) filter (where attendance_status = 'dinas_luar'),
       count(*) filter (where attendance_status = 'tanpa_keterangan'), sum(late_minutes)
from employee_day
group by 1, 2;

create function employee_month_on_truncate() returns trigger language plpgsql as $$
begin
    truncate employee_month;
    return null;
end;
$$;
create trigger employee_day_month_truncate after truncate on employee_day
    for each statement execute function employee_month_on_truncate();
