-- 0029: report documents generated in the background (issue 19): the TPP recap XLSX, the evaluation PDF and the unit
-- report PDF. A row is queued by POST /api/v1/reports, claimed by one worker (FOR UPDATE SKIP LOCKED) under a lease,
-- and holds its finished file. Forward-only: never edit once applied; add a new file.

create table report_job (
    id              uuid primary key,
    kind            text not null check (kind in ('tpp', 'evaluation', 'unit')),
    -- exactly one scope: a region or unit (tpp), a unit (unit), an employee (evaluation)
    region_id       text references region (id),
    unit_id         text references unit (id),
    nip             char(18) references employee (nip),
    check (num_nonnulls(region_id, unit_id, nip) = 1),
    -- YYYY-MM (a month) or YYYY (a year)
    period          text not null check (period ~ '^[0-9]{4}(-[0-9]{2})?$'),
    -- the username of the account that asked; only it and HR of the scope's region read the job
    requested_by    text not null,
    -- the region of the scope, for HR's access
    scope_region_id text not null references region (id),
    state           text not null default 'antri' check (state in ('antri', 'berjalan', 'selesai', 'gagal')),
    progress        smallint not null default 0 check (progress between 0 and 100),
    error           text,
    attempts        int not null default 0,
    -- a running job whose lease ran out (its worker was killed) is claimed again
    lease_until     timestamptz,
    created_at      timestamptz not null default now(),
    started_at      timestamptz,
    finished_at     timestamptz,
    -- workflow -> version of the rule set that computed the figures, and the time the data was read
    rule_versions   jsonb,
    data_as_of      timestamptz,
    file_name       text,
    content_type    text,
    file            bytea,
    size_bytes      bigint,
    sha256          text
);
create index report_job_queue_idx on report_job (created_at) where state in ('antri', 'berjalan');
create index report_job_requester_idx on report_job (requested_by, created_at desc);
