-- 0014: the stream tables come from the ingest stream registry, not from this schema (issue 15: a new stream is
-- one folder plus one registration, plus a migration for its own table).
--
-- event_registry.stream: the one-letter code is each stream's own (StreamTable.RegistryCode in
-- src/Ingest/Streams/<Stream>/<Stream>Table.cs); the registry checks at start that codes are unique, so the list
-- of codes no longer lives in a check constraint here. Existing codes stay: 'a' activity, 'v' activity_review,
-- 't' attendance, 'r' rating.
alter table event_registry drop constraint event_registry_stream_check;

-- Creates the partitions of the month containing p_month of each table in p_tables (in that order: a table whose
-- foreign key points at another comes after it) when missing; returns how many it made. A table's bounds follow
-- its partition key: a date key takes [first day, first day of next month), a text key ['YYYY-MM', next 'YYYY-MM').
-- Idempotent; serialised by the advisory lock the writer holds shared for each batch transaction (as in 0006).
create function stream_partitions_ensure(p_month date, p_tables text[]) returns integer language plpgsql as $$
declare
    m       date := date_trunc('month', p_month)::date;
    n       date := (date_trunc('month', p_month) + interval '1 month')::date;
    sfx     text := to_char(date_trunc('month', p_month), '"y"YYYY"m"MM');
    t       text;
    keytype regtype;
    made    integer := 0;
begin
    perform pg_advisory_xact_lock(21196704334303828);  -- "KNJPART"
    foreach t in array p_tables loop
        select a.atttypid::regtype into keytype
        from pg_partitioned_table pt
        join pg_attribute a on a.attrelid = pt.partrelid and a.attnum = pt.partattrs[0]
        where pt.partrelid = to_regclass(format('public.%I', t)) and pt.partnatts = 1 and pt.partstrat = 'r';
        if keytype is null then
            raise exception 'stream table % is not range-partitioned on one column', t;
        end if;
        if to_regclass(format('public.%I', t || '_' || sfx)) is null then
            if keytype = 'date'::regtype then
                execute format('create table public.%I partition of public.%I for values from (%L) to (%L)',
                               t || '_' || sfx, t, m, n);
            elsif keytype = 'text'::regtype then
                execute format('create table public.%I partition of public.%I for values from (%L) to (%L)',
                               t || '_' || sfx, t, to_char(m, 'YYYY-MM'), to_char(n, 'YYYY-MM'));
            else
                raise exception 'stream table % has a partition key of type %; monthly partitions need date or text', t, keytype;
            end if;
            made := made + 1;
        end if;
    end loop;
    return made;
end;
$$;

-- Detaches and drops every partition of the tables in p_tables whose month ends on or before p_cutoff; returns
-- the dropped tables. Within a month: tables whose foreign key points at another listed table first, tables another
-- listed table points at last (a review partition goes before the activity one it refers to), else in list order.
create function stream_partitions_drop_before(p_cutoff date, p_tables text[]) returns setof text language plpgsql as $$
declare
    r record;
begin
    perform pg_advisory_xact_lock(21196704334303828);
    for r in
        with listed as (
            select to_regclass(format('public.%I', t)) as oid from unnest(p_tables) as t
        )
        select c.relname::text as part, p.relname::text as parent,
               to_date(substring(c.relname from '_y([0-9]{4}m[0-9]{2})$'), 'YYYY"m"MM') as month,
               exists (select 1 from pg_constraint k
                       where k.contype = 'f' and k.confrelid = p.oid and k.conrelid <> p.oid
                         and k.conrelid in (select oid from listed)) as referenced,
               exists (select 1 from pg_constraint k
                       where k.contype = 'f' and k.conrelid = p.oid and k.confrelid <> p.oid
                         and k.confrelid in (select oid from listed)) as refers
        from pg_inherits i
        join pg_class c on c.oid = i.inhrelid
        join pg_class p on p.oid = i.inhparent
        where p.relnamespace = 'public'::regnamespace
          and p.relname = any(p_tables)
          and c.relname ~ '_y[0-9]{4}m[0-9]{2}$'
        order by 3, 4, 5 desc, array_position(p_tables, p.relname::text)
    loop
        if (r.month + interval '1 month')::date <= p_cutoff then
            execute format('alter table public.%I detach partition public.%I', r.parent, r.part);
            execute format('drop table public.%I', r.part);
            return next r.part;
        end if;
    end loop;
end;
$$;

-- The one-argument forms of 0006 (used by scripts, benches and test seeding) keep their meaning: the four
-- streams of that migration, through the functions above.
create or replace function stream_partitions_ensure(p_month date) returns integer language sql as $$
    select stream_partitions_ensure(p_month, array['activity', 'activity_review', 'attendance', 'rating'])
$$;

create or replace function stream_partitions_drop_before(p_cutoff date) returns setof text language sql as $$
    select stream_partitions_drop_before(p_cutoff, array['activity', 'activity_review', 'attendance', 'rating'])
$$;
