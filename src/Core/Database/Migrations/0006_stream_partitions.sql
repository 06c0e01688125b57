-- 0006: monthly range partitions of the stream tables, and the event-id registry that keeps them
-- idempotent on event_id across months (issue 8; layout in src/Ingest/README.md "Partitions").
--
-- Partition keys (one partition per local month, named <table>_yYYYYmMM):
--   activity         local_day       the employee's local day of occurred_at (what the rollups use)
--   activity_review  activity_day    the reviewed activity's local_day: a review lives, and is
--                                    dropped, with its activity, so the reference stays valid
--   attendance       day             the local attendance day
--   rating           period          the rated month 'YYYY-MM' (C.UTF-8 collation: text order = month order)
-- There is no DEFAULT partition: stream_partitions_ensure creates a month on demand (writer, maintenance,
-- this migration) and ingest validation rejects months outside the kept window.
--
-- A unique index on a partitioned table must contain the partition key, so (event_id, month) alone no
-- longer makes an event unique: a retry with a corrected time in another month would land twice.
-- event_registry (unpartitioned, one narrow row per stored event) is the arbiter: the writer inserts the
-- event ids there first, in the same transaction, and stores only the rows the registry took.

-- ---------------------------------------------------------------- registry
-- stream: 'a' activity, 'v' activity_review, 't' attendance, 'r' rating. Rows are never deleted, also
-- not when retention drops a month: a retry of a dropped event stays a duplicate (rollups keep it).
create table event_registry (
    event_id    uuid not null,
    stream      "char" not null check (stream in ('a', 'v', 't', 'r')),
    primary key (event_id, stream)
);

-- ---------------------------------------------------------------- partition management
-- Creates the four partitions of the month containing p_month when missing; returns how many it made.
-- Idempotent; serialised by an advisory lock the writer holds shared for each batch transaction, so DDL
-- never interleaves with a write (no lock-order deadlock between parents of the review foreign key).
create function stream_partitions_ensure(p_month date) returns integer language plpgsql as $$
declare
    m       date := date_trunc('month', p_month)::date;
    n       date := (date_trunc('month', p_month) + interval '1 month')::date;
    sfx     text := to_char(date_trunc('month', p_month), '"y"YYYY"m"MM');
    t       text;
    made    integer := 0;
begin
    perform pg_advisory_xact_lock(21196704334303828);  -- "KNJPART"
    -- activity before activity_review: the review partition's foreign key needs the activity one
    foreach t in array array['activity', 'activity_review', 'attendance'] loop
        if to_regclass(format('public.%I', t || '_' || sfx)) is null then
            execute format('create table public.%I partition of public.%I for values from (%L) to (%L)',
                           t || '_' || sfx, t, m, n);
            made := made + 1;
        end if;
    end loop;
    if to_regclass(format('public.%I', 'rating_' || sfx)) is null then
        execute format('create table public.%I partition of public.rating for values from (%L) to (%L)',
                       'rating_' || sfx, to_char(m, 'YYYY-MM'), to_char(n, 'YYYY-MM'));
        made := made + 1;
    end if;
    return made;
end;
$$;

-- Detaches and drops every stream partition whose month ends on or before p_cutoff (wholly older);
-- returns the dropped tables. Reviews first: the activity partition may only go once nothing refers to it.
create function stream_partitions_drop_before(p_cutoff date) returns setof text language plpgsql as $$
declare
    r record;
begin
    perform pg_advisory_xact_lock(21196704334303828);
    for r in
        select c.relname::text as part, p.relname::text as parent,
               to_date(substring(c.relname from '_y([0-9]{4}m[0-9]{2})$'), 'YYYY"m"MM') as month
        from pg_inherits i
        join pg_class c on c.oid = i.inhrelid
        join pg_class p on p.oid = i.inhparent
        where p.relnamespace = 'public'::regnamespace
          and p.relname in ('activity', 'activity_review', 'attendance', 'rating')
          and c.relname ~ '_y[0-9]{4}m[0-9]{2}$'
        order by 3, array_position(array['activity_review', 'attendance', 'rating', 'activity'], p.relname::text)
    loop
        if (r.month + interval '1 month')::date <= p_cutoff then
            execute format('alter table public.%I detach partition public.%I', r.parent, r.part);
            execute format('drop table public.%I', r.part);
            return next r.part;
        end if;
    end loop;
end;
$$;

-- ---------------------------------------------------------------- the old tables step aside
alter table activity_review drop constraint activity_review_activity_event_id_fkey;
alter table activity_review drop constraint activity_review_pkey;
drop index activity_review_activity_idx;
alter table activity_review rename to activity_review_0005;

alter table activity drop constraint activity_pkey;
drop index activity_nip_day_idx;
alter table activity rename to activity_0005;

alter table attendance drop constraint attendance_pkey;
drop index attendance_nip_day_idx;
alter table attendance rename to attendance_0005;

alter table rating drop constraint rating_pkey;
drop index rating_ratee_period_idx;
drop index rating_unit_period_idx;
alter table rating rename to rating_0005;

-- ---------------------------------------------------------------- partitioned streams (same columns, + activity_day)
create table activity (
    event_id        uuid not null,
    nip             char(18) not null constraint activity_nip_fkey references employee (nip),
    occurred_at     timestamptz not null,
    local_day       date not null,           -- occurred_at in the employee's region time zone; partition key
    minutes         integer not null constraint activity_minutes_check check (minutes > 0),
    volume          numeric,
    output          text,
    description     text not null default '',
    skp_indicator   text,
    status          text not null default 'pending'
                        constraint activity_status_check check (status in ('pending', 'approved', 'rejected')),
    received_at     timestamptz not null default now(),
    constraint activity_pkey primary key (event_id, local_day)
) partition by range (local_day);
create index activity_nip_day_idx on activity (nip, local_day);

create table activity_review (
    event_id            uuid not null,
    activity_event_id   uuid not null,
    activity_day        date not null,       -- local_day of the reviewed activity; partition key
    approved            boolean not null,
    reviewer_nip        char(18) not null,
    at                  timestamptz not null,
    received_at         timestamptz not null default now(),
    constraint activity_review_pkey primary key (event_id, activity_day),
    constraint activity_review_activity_event_id_fkey foreign key (activity_event_id, activity_day)
        references activity (event_id, local_day)
) partition by range (activity_day);
create index activity_review_activity_idx on activity_review (activity_event_id, at desc);

-- arrival order of attendance events (identity columns need PostgreSQL 17 on partitioned tables)
create sequence attendance_arrival_seq as bigint;
create table attendance (
    event_id        uuid not null,
    nip             char(18) not null constraint attendance_nip_fkey references employee (nip),
    day             date not null,           -- partition key
    status          text not null constraint attendance_status_check check (status in
                        ('hadir', 'terlambat', 'izin', 'sakit', 'cuti', 'dinas_luar', 'tanpa_keterangan')),
    late_minutes    integer not null default 0 constraint attendance_late_minutes_check check (late_minutes >= 0),
    received_at     timestamptz not null default now(),
    seq             bigint not null default nextval('attendance_arrival_seq'),
    constraint attendance_pkey primary key (event_id, day)
) partition by range (day);
alter sequence attendance_arrival_seq owned by attendance.seq;
create index attendance_nip_day_idx on attendance (nip, day, seq desc);

create table rating (
    event_id        uuid not null,
    ratee_nip       char(18) constraint rating_ratee_nip_fkey references employee (nip),
    unit_id         text constraint rating_unit_id_fkey references unit (id),
    rater_role      text not null constraint rating_rater_role_check
                        check (rater_role in ('atasan', 'rekan', 'bawahan', 'masyarakat', 'diri')),
    rater_ref       text,
    aspect          text not null constraint rating_aspect_check check (aspect in ('hasil_kerja',
                        'berorientasi_pelayanan', 'akuntabel', 'kompeten', 'harmonis', 'loyal', 'adaptif', 'kolaboratif',
                        'kepuasan_layanan')),
    score           smallint not null constraint rating_score_check check (score between 1 and 5),
    period          text not null  -- partition key
                        constraint rating_period_check check (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
    occurred_at     timestamptz not null,
    received_at     timestamptz not null default now(),
    constraint rating_check check (num_nonnulls(ratee_nip, unit_id) = 1),
    constraint rating_pkey primary key (event_id, period)
) partition by range (period);
create index rating_ratee_period_idx on rating (ratee_nip, period) where ratee_nip is not null;
create index rating_unit_period_idx on rating (unit_id, period) where unit_id is not null;

-- ---------------------------------------------------------------- partitions: every month with data, and around today
select stream_partitions_ensure(m::date)
from generate_series(
    least(date_trunc('month', now() - interval '2 months'),
          (select min(date_trunc('month', d)) from (
              select min(local_day)::timestamp as d from activity_0005
              union all select min(day) from attendance_0005
              union all select min(to_date(period, 'YYYY-MM')) from rating_0005) x)),
    greatest(date_trunc('month', now() + interval '3 months'),
             (select max(date_trunc('month', d)) from (
                 select max(local_day)::timestamp as d from activity_0005
                 union all select max(day) from attendance_0005
                 union all select max(to_date(period, 'YYYY-MM')) from rating_0005) x)),
    interval '1 month') m;

-- ---------------------------------------------------------------- existing rows move in
insert into activity (event_id, nip, occurred_at, local_day, minutes, volume, output, description, skp_indicator,
                      status, received_at)
select event_id, nip, occurred_at, local_day, minutes, volume, output, description, skp_indicator, status, received_at
from activity_0005;

insert into activity_review (event_id, activity_event_id, activity_day, approved, reviewer_nip, at, received_at)
select r.event_id, r.activity_event_id, a.local_day, r.approved, r.reviewer_nip, r.at, r.received_at
from activity_review_0005 r
join activity_0005 a on a.event_id = r.activity_event_id;

insert into attendance (event_id, nip, day, status, late_minutes, received_at, seq)
select event_id, nip, day, status, late_minutes, received_at, seq from attendance_0005;
select setval('attendance_arrival_seq', coalesce((select max(seq) from attendance_0005), 0) + 1, false);

insert into rating (event_id, ratee_nip, unit_id, rater_role, rater_ref, aspect, score, period, occurred_at, received_at)
select event_id, ratee_nip, unit_id, rater_role, rater_ref, aspect, score, period, occurred_at, received_at
from rating_0005;

insert into event_registry (event_id, stream)
select event_id, 'a' from activity_0005
union all select event_id, 'v' from activity_review_0005
union all select event_id, 't' from attendance_0005
union all select event_id, 'r' from rating_0005;

drop table activity_review_0005, activity_0005, attendance_0005, rating_0005;

analyze activity, activity_review, attendance, rating, event_registry;
