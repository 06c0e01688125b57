-- 0024: four-eyes publishing of rules (issue 20). Forward-only: never edit once applied.
--
-- With Kinerja:Rules:RequireSecondApprover on, POST /api/v1/rules/publish validates the candidate and stores it here
-- instead of publishing; another HR/admin account approves it (then it is published as new workflow_version rows,
-- author = the proposer, the approver in the note and the audit row) or rejects it. `workflows` is the candidate as
-- sent: an array of standard RulesEngine workflow objects.
create table workflow_pending (
    id          bigint generated always as identity primary key,
    workflows   jsonb not null,
    author      text not null,
    note        text not null,
    created_at  timestamptz not null default now(),
    status      text not null default 'pending' check (status in ('pending', 'approved', 'rejected')),
    decided_by  text,
    decided_at  timestamptz
);

create index workflow_pending_open on workflow_pending (created_at) where status = 'pending';
