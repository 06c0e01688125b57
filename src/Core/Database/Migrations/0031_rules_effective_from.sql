-- 0031: a publish takes effect from a chosen month (issue 20). Forward-only: never edit once applied.
--
-- workflow_schedule says which version of a workflow applies from which month. Evaluating period P uses, per workflow,
-- the entry with the highest id whose effective_from <= P's month (an annual period YYYY counts as YYYY-12): the latest
-- published version that applies then. A publish appends one entry per changed workflow; a rollback appends the restored
-- version with the effective_from of the entry it replaces (the same months). workflow_version.active keeps meaning "the
-- version of the workflow's newest entry". Existing active versions apply to every month ('0001-01'), as before.
create table workflow_schedule (
    id              bigint generated always as identity primary key,
    workflow        text not null,
    version         integer not null,
    effective_from  text not null check (effective_from ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
    author          text not null default '',
    created_at      timestamptz not null default now(),
    foreign key (workflow, version) references workflow_version (workflow, version) on delete cascade
);
create index workflow_schedule_workflow_idx on workflow_schedule (workflow, id);

insert into workflow_schedule (workflow, version, effective_from, author)
select workflow, version, '0001-01', author from workflow_version where active order by workflow;

-- A publish waiting for a second approver takes effect from this month once approved (null: the current month then).
alter table workflow_pending add column effective_from text check (effective_from ~ '^[0-9]{4}-(0[1-9]|1[0-2])$');
-- The proposer confirmed that a month before the current one is meant (its closed months are evaluated again).
alter table workflow_pending add column reevaluate_closed boolean not null default false;
