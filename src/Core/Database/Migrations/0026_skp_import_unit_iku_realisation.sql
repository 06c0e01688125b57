-- 0026: SKP import from another application, and the unit's IKU realisations (issue 17). Forward-only.

-- An imported plan version is recorded once per import key: the given externalId ('ext:<id>') or the SHA-256 of the
-- plan's content ('sha256:<hex>'), so a re-run of the same file is a no-op (answered 'duplicate').
create table skp_plan_import (
    nip             char(18) not null constraint skp_plan_import_nip_fkey references employee (nip),
    year            smallint not null,
    import_key      text not null collate "C" constraint skp_plan_import_key_check check (length(import_key) between 1 and 200),
    content_sha256  text not null collate "C",
    plan_id         bigint not null constraint skp_plan_import_plan_id_fkey references skp_plan (id),
    imported_by     text not null,
    imported_at     timestamptz not null,
    constraint skp_plan_import_pkey primary key (nip, year, import_key)
);

-- The import marker in a plan's history: step 'diimpor' (approved in the old application, arrived as disetujui).
alter table skp_plan_step drop constraint skp_plan_step_step_check;
alter table skp_plan_step add constraint skp_plan_step_step_check
    check (step in ('saved', 'diajukan', 'disetujui', 'dikembalikan', 'diimpor'));

-- unit_iku_realisation: what a unit achieved on one of its IKU in one period (YYYY-MM or YYYY-Qn of the IKU's year),
-- with the evidence link. Idempotent on (unit_id, event_id); a later realisation of the same IKU and period supersedes
-- the earlier one (kept with is_current = false; one current row per IKU and period).
create table unit_iku_realisation (
    id              bigint generated always as identity primary key,
    unit_id         text not null constraint unit_iku_realisation_unit_id_fkey references unit (id),
    iku_id          bigint not null constraint unit_iku_realisation_iku_id_fkey references unit_iku (id),
    event_id        text not null constraint unit_iku_realisation_event_id_check check (length(event_id) between 1 and 200),
    period          text not null collate "C"
                        constraint unit_iku_realisation_period_check check (period ~ '^[0-9]{4}-(0[1-9]|1[0-2]|Q[1-4])$'),
    value           numeric not null,
    evidence_url    text constraint unit_iku_realisation_evidence_url_check check (length(evidence_url) <= 2000),
    note            text constraint unit_iku_realisation_note_check check (length(note) <= 2000),
    is_current      boolean not null,
    filed_by        text not null,
    filed_at        timestamptz not null,
    constraint unit_iku_realisation_unit_event_key unique (unit_id, event_id)
);

create unique index unit_iku_realisation_current_key on unit_iku_realisation (iku_id, period) where is_current;
create index unit_iku_realisation_unit_idx on unit_iku_realisation (unit_id, period);
