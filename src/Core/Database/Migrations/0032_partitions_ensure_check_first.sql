-- 0032: stream_partitions_ensure looks before it locks (issue 22, ingest throughput).
--
-- Until now the function took the partition advisory lock exclusively first and only then checked whether the month's
-- partitions existed. A writer holds that lock shared for each batch transaction, so a writer's first sight of a month
-- (once per month per process, KnownMonths) waited for every batch in flight on the other connections even when the
-- tables had long existed: about 1.5 s of lock wait per 1M events in bench/Ingest with all months made beforehand.
--
-- Now: one catalog query first; when every partition of the month exists the function returns 0 without the lock (it
-- makes no DDL, so it cannot interleave with a write). Otherwise it takes the lock exclusively as before and checks
-- again under it, table by table, with a fresh catalog query (pg_class read with the statement's snapshot, taken after
-- the lock was granted, so a partition that a concurrent creator committed while this one waited is seen and not made
-- twice). Two callers racing for a new month: one creates, the other waits, sees the tables and returns 0; both proceed.
-- A partition dropped by retention after the unlocked check is the case the writer already handles (WriteRetryPolicy
-- classifies "no partition of relation … found" as MissingPartition; BatchWriter forgets its known months and redoes).
create or replace function stream_partitions_ensure(p_month date, p_tables text[]) returns integer language plpgsql as $$
declare
    m       date := date_trunc('month', p_month)::date;
    n       date := (date_trunc('month', p_month) + interval '1 month')::date;
    sfx     text := to_char(date_trunc('month', p_month), '"y"YYYY"m"MM');
    t       text;
    keytype regtype;
    made    integer := 0;
begin
    if (select count(*) from pg_class c
        where c.relnamespace = 'public'::regnamespace
          and c.relname = any(array(select x || '_' || sfx from unnest(p_tables) as x)))
       = (select count(distinct x) from unnest(p_tables) as x) then
        return 0;
    end if;
    perform pg_advisory_xact_lock(21196704334303828);  -- "KNJPART"
    foreach t in array p_tables loop
        select a.atttypid::regtype into keytype
        from pg_partitioned_table pt
        join pg_attribute a on a.attrelid = pt.partrelid and a.attnum = pt.partattrs[0]
        where pt.partrelid = to_regclass(format('public.%I', t)) and pt.partnatts = 1 and pt.partstrat = 'r';
        if keytype is null then
            raise exception 'stream table % is not range-partitioned on one column', t;
        end if;
        if not exists (select 1 from pg_class c
                       where c.relnamespace = 'public'::regnamespace and c.relname = t || '_' || sfx) then
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
