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
