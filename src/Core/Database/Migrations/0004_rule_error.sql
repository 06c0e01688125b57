-- 0004 (rules): rule errors at evaluation time, one row per (subject, period, workflow, rule), latest kept.
create table rule_error (
    id          bigint generated always as identity primary key,
    subject     text not null,
    period      text not null,
    workflow    text not null,
    version     integer not null,
    rule        text not null,
    message     text not null,
    at          timestamptz not null default now(),
    unique (subject, period, workflow, rule)
);
create index rule_error_at_idx on rule_error (at desc);
