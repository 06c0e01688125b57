-- 0021: SKP realisations, evidence files and the superior's per-RHK assessments (issue 17, second part). All three
-- hang off an approved plan version (0019), which is never rewritten, so the indicator and RHK ids they reference stay
-- valid. Each write is idempotent on its eventId; a later realisation of the same indicator and period (or a later
-- assessment of the same RHK and period) supersedes the earlier one: the earlier row stays as history with
-- is_current = false, and a partial unique index keeps one current row.

-- skp_realisation: what the employee achieved on one indicator in one evaluation period of the plan's year.
create table skp_realisation (
    id              bigint generated always as identity primary key,
    nip             char(18) not null constraint skp_realisation_nip_fkey references employee (nip),
    event_id        text not null constraint skp_realisation_event_id_check check (length(event_id) between 1 and 100),
    plan_id         bigint not null constraint skp_realisation_plan_id_fkey references skp_plan (id),
    indicator_id    bigint not null constraint skp_realisation_indicator_id_fkey references skp_indicator (id),
    period          text not null collate "C"
                        constraint skp_realisation_period_check check (period ~ '^[0-9]{4}-(0[1-9]|1[0-2]|Q[1-4])$'),
    value           numeric,
    text            text constraint skp_realisation_text_check check (length(text) between 1 and 2000),
    note            text constraint skp_realisation_note_check check (length(note) <= 2000),
    evidence_url    text constraint skp_realisation_evidence_url_check check (length(evidence_url) <= 2000),
    is_current      boolean not null,
    filed_at        timestamptz not null,
    constraint skp_realisation_kind_check check (num_nonnulls(value, text) = 1),
    constraint skp_realisation_nip_event_key unique (nip, event_id)
);

create unique index skp_realisation_current_key on skp_realisation (indicator_id, period) where is_current;
create index skp_realisation_nip_period_idx on skp_realisation (nip, period);

-- skp_evidence: uploaded evidence files of a realisation, kept in the database (never under the client's file name);
-- content_type is what the magic bytes said, not what the client claimed.
create table skp_evidence (
    id              bigint generated always as identity primary key,
    realisation_id  bigint not null constraint skp_evidence_realisation_id_fkey references skp_realisation (id),
    nip             char(18) not null constraint skp_evidence_nip_fkey references employee (nip),
    content_type    text not null constraint skp_evidence_content_type_check
                        check (content_type in ('application/pdf', 'image/png', 'image/jpeg')),
    size_bytes      integer not null constraint skp_evidence_size_check check (size_bytes > 0),
    sha256          bytea not null constraint skp_evidence_sha256_check check (length(sha256) = 32),
    content         bytea not null,
    uploaded_at     timestamptz not null
);

create index skp_evidence_realisation_idx on skp_evidence (realisation_id);

-- skp_assessment: the direct superior's judgment of one RHK of a report's approved plan in one period, with feedback.
create table skp_assessment (
    id              bigint generated always as identity primary key,
    assessor_nip    char(18) not null constraint skp_assessment_assessor_nip_fkey references employee (nip),
    event_id        text not null constraint skp_assessment_event_id_check check (length(event_id) between 1 and 100),
    nip             char(18) not null constraint skp_assessment_nip_fkey references employee (nip),
    plan_id         bigint not null constraint skp_assessment_plan_id_fkey references skp_plan (id),
    rhk_id          bigint not null constraint skp_assessment_rhk_id_fkey references skp_rhk (id),
    period          text not null collate "C"
                        constraint skp_assessment_period_check check (period ~ '^[0-9]{4}-(0[1-9]|1[0-2]|Q[1-4])$'),
    level           text not null constraint skp_assessment_level_check check (level in ('di_atas', 'sesuai', 'di_bawah')),
    feedback        text constraint skp_assessment_feedback_check check (length(feedback) <= 2000),
    is_current      boolean not null,
    assessed_at     timestamptz not null,
    constraint skp_assessment_assessor_event_key unique (assessor_nip, event_id)
);

create unique index skp_assessment_current_key on skp_assessment (rhk_id, period) where is_current;
create index skp_assessment_nip_period_idx on skp_assessment (nip, period);
