-- 0001: the base schema (DESIGN.md "Data"). Forward-only: never edit once applied; add a new file.

-- ---------------------------------------------------------------- reference data
create table region (
    id                      text primary key check (id ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
    name                    text not null check (length(name) between 1 and 200),
    tz                      text not null,
    monthly_target_minutes  integer not null default 6750 check (monthly_target_minutes > 0),
    daily_min_minutes       integer not null default 330 check (daily_min_minutes >= 0),
    daily_max_minutes       integer not null default 660 check (daily_max_minutes > 0),
    check (daily_min_minutes <= daily_max_minutes)
);

create table unit (
    id          text primary key check (id ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
    region_id   text not null references region (id),
    name        text not null check (length(name) between 1 and 200),
    -- the unit's organisational predicate (ISTIMEWA, BAIK, BUTUH_PERBAIKAN, KURANG, SANGAT_KURANG)
    predikat    text
);
create index unit_region_idx on unit (region_id);

create table employee (
    nip             char(18) primary key check (nip ~ '^[0-9]{18}$'),
    name            text not null check (length(name) between 1 and 200),
    unit_id         text not null references unit (id),
    position        text not null default '',
    status          text not null check (status in ('PNS', 'PPPK', 'CPNS')),
    supervisor_nip  char(18) references employee (nip) deferrable initially deferred,
    active          boolean not null default true,
    tpp_ceiling     numeric(14, 2) not null default 0,
    check (supervisor_nip is distinct from nip)
);
create index employee_unit_idx on employee (unit_id);
create index employee_supervisor_idx on employee (supervisor_nip);

create table holiday (
    region_id   text not null references region (id),
    day         date not null,
    name        text not null default '',
    primary key (region_id, day)
);

-- ingest sources authenticate with API keys; only a hash is stored
create table ingest_source (
    id          bigint generated always as identity primary key,
    name        text not null unique,
    key_hash    text not null unique,
    scope       text[] not null,
    created_at  timestamptz not null default now(),
    revoked_at  timestamptz
);

-- ---------------------------------------------------------------- streams (append-only, idempotent on event_id)
create table activity (
    event_id        uuid primary key,
    nip             char(18) not null references employee (nip),
    occurred_at     timestamptz not null,
    local_day       date not null,           -- occurred_at in the employee's region time zone
    minutes         integer not null check (minutes > 0),
    volume          numeric,
    output          text,
    description     text not null default '',
    skp_indicator   text,
    -- pending until reviewed; then the verdict of the latest review (by review time)
    status          text not null default 'pending' check (status in ('pending', 'approved', 'rejected')),
    received_at     timestamptz not null default now()
);
create index activity_nip_day_idx on activity (nip, local_day);

create table activity_review (
    event_id            uuid primary key,
    activity_event_id   uuid not null references activity (event_id),
    approved            boolean not null,
    reviewer_nip        char(18) not null,
    at                  timestamptz not null,
    received_at         timestamptz not null default now()
);
create index activity_review_activity_idx on activity_review (activity_event_id, at desc);

create table attendance (
    event_id        uuid primary key,
    nip             char(18) not null references employee (nip),
    day             date not null,
    status          text not null check (status in
                        ('hadir', 'terlambat', 'izin', 'sakit', 'cuti', 'dinas_luar', 'tanpa_keterangan')),
    late_minutes    integer not null default 0 check (late_minutes >= 0),
    received_at     timestamptz not null default now(),
    seq             bigint generated always as identity
);
create index attendance_nip_day_idx on attendance (nip, day, seq desc);

create table rating (
    event_id        uuid primary key,
    ratee_nip       char(18) references employee (nip),
    unit_id         text references unit (id),
    rater_role      text not null check (rater_role in ('atasan', 'rekan', 'bawahan', 'masyarakat', 'diri')),
    rater_ref       text,
    aspect          text not null check (aspect in ('hasil_kerja', 'berorientasi_pelayanan', 'akuntabel',
                        'kompeten', 'harmonis', 'loyal', 'adaptif', 'kolaboratif', 'kepuasan_layanan')),
    score           smallint not null check (score between 1 and 5),
    period          text not null check (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
    occurred_at     timestamptz not null,
    received_at     timestamptz not null default now(),
    check (num_nonnulls(ratee_nip, unit_id) = 1)
);
create index rating_ratee_period_idx on rating (ratee_nip, period) where ratee_nip is not null;
create index rating_unit_period_idx on rating (unit_id, period) where unit_id is not null;

-- ---------------------------------------------------------------- rollups (kept in the ingest transaction)
-- one row per employee per local day; a full recompute from the streams gives the same rows
create table employee_day (
    nip                 char(18) not null references employee (nip),
    day                 date not null,
    activity_count      integer not null default 0,
    minutes_pending     integer not null default 0,
    minutes_approved    integer not null default 0,
    minutes_rejected    integer not null default 0,
    attendance_status   text,                -- the latest attendance event of the day
    late_minutes        integer not null default 0,
    primary key (nip, day)
);
create index employee_day_day_idx on employee_day (day);

-- rating sums per subject (employee NIP or unit id), month, rater role and aspect
create table rating_rollup (
    subject_kind    text not null check (subject_kind in ('employee', 'unit')),
    subject_id      text not null,
    period          text not null,
    rater_role      text not null,
    aspect          text not null,
    score_sum       bigint not null default 0,
    score_count     integer not null default 0,
    primary key (subject_kind, subject_id, period, rater_role, aspect)
);

-- ---------------------------------------------------------------- rules
create table workflow_version (
    workflow    text not null,
    version     integer not null check (version > 0),
    json        jsonb not null,
    author      text not null,
    created_at  timestamptz not null default now(),
    note        text not null default '',
    active      boolean not null default false,
    primary key (workflow, version)
);
create unique index workflow_version_one_active_idx on workflow_version (workflow) where active;

create table "trigger" (
    id          bigint generated always as identity primary key,
    kind        text not null check (kind in ('REWARD', 'COACHING', 'SANCTION', 'CALIBRATION', 'REMINDER')),
    code        text not null,
    nip         char(18) references employee (nip),
    unit_id     text references unit (id),
    period      text not null,
    workflow    text not null,
    version     integer not null,
    rule        text not null,
    inputs      jsonb not null default '{}'::jsonb,
    fired_at    timestamptz not null default now(),
    check (num_nonnulls(nip, unit_id) = 1)
);
-- a re-evaluation never duplicates a trigger
create unique index trigger_employee_once_idx on "trigger" (nip, period, workflow, rule) where nip is not null;
create unique index trigger_unit_once_idx on "trigger" (unit_id, period, workflow, rule) where unit_id is not null;
create index trigger_fired_idx on "trigger" (fired_at desc);

-- ---------------------------------------------------------------- audit
create table audit (
    id      bigint generated always as identity primary key,
    at      timestamptz not null default now(),
    actor   text not null,
    action  text not null,
    target  text not null default '',
    detail  jsonb not null default '{}'::jsonb
);
create index audit_at_idx on audit (at desc);
