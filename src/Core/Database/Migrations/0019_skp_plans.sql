-- 0019: SKP plans (issue 17, first part): the unit's annual key indicators (IKU), the unit's own predicate per
-- period, and the employee's SKP per year in versions with its RHK and indicators. Realisations, evidence and the
-- superior's per-RHK assessment come later and hang off these tables: a realisation references skp_indicator (id)
-- plus a period inside the plan's year, an assessment references skp_rhk (id); both belong to the version they were
-- filed against, which is why an approved version is never rewritten (a change after approval is a new version).

-- unit_iku: the key indicators of a unit's annual plan (Rencana Kinerja Tahunan / Perjanjian Kinerja). The top RHKs
-- of a unit (an employee with no superior, or whose superior is in another unit) cascade from one of these.
create table unit_iku (
    id              bigint generated always as identity primary key,
    unit_id         text not null constraint unit_iku_unit_id_fkey references unit (id),
    year            smallint not null constraint unit_iku_year_check check (year between 2000 and 2100),
    code            text not null collate "C" constraint unit_iku_code_check check (length(code) between 1 and 32),
    name            text not null constraint unit_iku_name_check check (length(name) between 1 and 500),
    target_value    numeric not null,
    target_unit     text not null constraint unit_iku_target_unit_check check (length(target_unit) between 1 and 50),
    -- optional per-period targets: { "2026-Q1": 25, "2026-06": 50, ... } (periods of this year)
    period_targets  jsonb not null default '{}'::jsonb,
    constraint unit_iku_unit_year_code_key unique (unit_id, year, code)
);

-- unit_predicate: the unit's own (organisational) predicate per period ('YYYY' or 'YYYY-MM'), set by HR
-- (PUT /api/v1/units/{unitId}/predicate, audited as unit.predicate) or imported later; distribusi.json reads it.
create table unit_predicate (
    unit_id     text not null constraint unit_predicate_unit_id_fkey references unit (id),
    period      text not null collate "C"
                    constraint unit_predicate_period_check check (period ~ '^[0-9]{4}(-(0[1-9]|1[0-2]))?$'),
    predikat    text not null constraint unit_predicate_predikat_check
                    check (predikat in ('SANGAT_BAIK', 'BAIK', 'BUTUH_PERBAIKAN', 'KURANG_MISCONDUCT', 'SANGAT_KURANG')),
    set_by      text not null,
    set_at      timestamptz not null default now(),
    constraint unit_predicate_pkey primary key (unit_id, period)
);

-- skp_plan: one row per version of an employee's SKP of a year. Exactly one version per (nip, year) is current (the
-- newest); older versions are history and are never changed again. revision counts saves of this version (the
-- optimistic concurrency token next to version). unit_id and superior_nip are those of the last save.
create table skp_plan (
    id              bigint generated always as identity primary key,
    nip             char(18) not null constraint skp_plan_nip_fkey references employee (nip),
    year            smallint not null constraint skp_plan_year_check check (year between 2000 and 2100),
    version         integer not null constraint skp_plan_version_check check (version >= 1),
    revision        integer not null default 1 constraint skp_plan_revision_check check (revision >= 1),
    is_current      boolean not null,
    status          text not null constraint skp_plan_status_check
                        check (status in ('draft', 'diajukan', 'disetujui', 'dikembalikan')),
    unit_id         text not null constraint skp_plan_unit_id_fkey references unit (id),
    superior_nip    char(18) constraint skp_plan_superior_nip_fkey references employee (nip),
    created_at      timestamptz not null,
    saved_at        timestamptz not null,
    submitted_at    timestamptz,
    decided_at      timestamptz,
    decided_by      char(18) constraint skp_plan_decided_by_fkey references employee (nip),
    -- the superior's note of the last decision (required when returning)
    note            text constraint skp_plan_note_check check (length(note) <= 2000),
    constraint skp_plan_nip_year_version_key unique (nip, year, version)
);

create unique index skp_plan_current_key on skp_plan (nip, year) where is_current;
create index skp_plan_superior_year_idx on skp_plan (superior_nip, year) where is_current;

-- skp_plan_step: who did what to which version and when (saved, diajukan, disetujui, dikembalikan), in order.
create table skp_plan_step (
    id          bigint generated always as identity primary key,
    plan_id     bigint not null constraint skp_plan_step_plan_id_fkey references skp_plan (id),
    step        text not null constraint skp_plan_step_step_check
                    check (step in ('saved', 'diajukan', 'disetujui', 'dikembalikan')),
    actor_nip   char(18) not null constraint skp_plan_step_actor_nip_fkey references employee (nip),
    at          timestamptz not null,
    note        text constraint skp_plan_step_note_check check (length(note) <= 2000)
);

create index skp_plan_step_plan_idx on skp_plan_step (plan_id, id);

-- skp_rhk: the RHKs of one plan version. An RHK cascades from exactly one parent: an RHK of the direct superior's
-- current plan of the same year (parent_rhk_id) or, at the top of a unit, one IKU of the employee's unit
-- (parent_iku_id). A parent referenced by a report's RHK cannot be deleted (restrict): the superior's save that would
-- drop it is refused, so no child link is ever lost.
create table skp_rhk (
    id              bigint generated always as identity primary key,
    plan_id         bigint not null constraint skp_rhk_plan_id_fkey references skp_plan (id) on delete cascade,
    position        smallint not null,
    code            text not null collate "C" constraint skp_rhk_code_check check (length(code) between 1 and 32),
    kind            text not null constraint skp_rhk_kind_check check (kind in ('utama', 'tambahan')),
    text            text not null constraint skp_rhk_text_check check (length(text) between 1 and 1000),
    parent_rhk_id   bigint constraint skp_rhk_parent_rhk_id_fkey references skp_rhk (id) on delete restrict,
    parent_iku_id   bigint constraint skp_rhk_parent_iku_id_fkey references unit_iku (id) on delete restrict,
    constraint skp_rhk_one_parent_check check (num_nonnulls(parent_rhk_id, parent_iku_id) = 1),
    constraint skp_rhk_plan_code_key unique (plan_id, code)
);

create index skp_rhk_plan_idx on skp_rhk (plan_id);
create index skp_rhk_parent_rhk_idx on skp_rhk (parent_rhk_id) where parent_rhk_id is not null;

-- skp_indicator: the indicators of one RHK: aspect kuantitas/kualitas/waktu; the annual target is numeric (value and
-- unit of measure) or qualitative text, never both; period_targets holds optional per-period targets of the same kind
-- ({ "2026-Q1": { "value": 3, "unit": "laporan" } } or { "2026-Q1": "teks" }).
create table skp_indicator (
    id              bigint generated always as identity primary key,
    rhk_id          bigint not null constraint skp_indicator_rhk_id_fkey references skp_rhk (id) on delete cascade,
    position        smallint not null,
    aspect          text not null constraint skp_indicator_aspect_check check (aspect in ('kuantitas', 'kualitas', 'waktu')),
    text            text not null constraint skp_indicator_text_check check (length(text) between 1 and 1000),
    target_value    numeric,
    target_unit     text constraint skp_indicator_target_unit_check check (length(target_unit) between 1 and 50),
    target_text     text constraint skp_indicator_target_text_check check (length(target_text) between 1 and 1000),
    period_targets  jsonb not null default '{}'::jsonb,
    constraint skp_indicator_target_kind_check check (
        (target_value is not null and target_unit is not null and target_text is null)
        or (target_value is null and target_unit is null and target_text is not null))
);

create index skp_indicator_rhk_idx on skp_indicator (rhk_id);
