-- 0018: withdrawing (and so editing) activities as new events (issue 16). Forward-only: never edit once applied.
--
-- The `withdrawals` ingest stream (src/Ingest/Streams/Withdrawal, event_registry code 'w'): an employee withdraws a
-- pending or returned activity of their own; an edit is a new activity plus a withdrawal naming it in replaced_by.
-- The activity row stays as stored; its derived status becomes 'withdrawn' and the writer takes its minutes and count
-- out of employee_day (employee_month follows by its trigger) in the withdrawal's transaction. A withdrawn activity
-- counts nowhere and cannot be reviewed any more.
alter table activity drop constraint activity_status_check;
alter table activity add constraint activity_status_check
    check (status in ('pending', 'approved', 'rejected', 'withdrawn'));

-- Not partitioned (a few withdrawals per employee and month); activity_day is the withdrawn activity's stored local
-- day (its partition key). No foreign key to activity: retention drops activity months, withdrawals stay with the
-- rollups they corrected. One withdrawal per activity (the constraint backs the writer's check).
create table activity_withdrawal (
    event_id           uuid primary key,
    activity_event_id  uuid not null constraint activity_withdrawal_once unique,
    activity_day       date not null,
    nip                char(18) not null references employee (nip),
    replaced_by        uuid,
    occurred_at        timestamptz not null,
    received_at        timestamptz not null default now(),
    constraint activity_withdrawal_replaced_by_check check (replaced_by <> activity_event_id)
);
create index activity_withdrawal_replaced_by_idx on activity_withdrawal (replaced_by) where replaced_by is not null;
