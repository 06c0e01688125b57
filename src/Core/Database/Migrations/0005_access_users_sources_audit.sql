-- 0005: access control (issue 7): users with one role each, region grants, lockout; source key details;
-- audit filters. Forward-only: never edit once applied; add a new file.

create table app_user (
    id              bigint generated always as identity primary key,
    username        text not null unique check (username ~ '^[a-z0-9][a-z0-9._-]{1,62}$'),
    display_name    text not null default '' check (length(display_name) <= 200),
    role            text not null check (role in ('pimpinan', 'sdm', 'admin')),
    password_hash   text not null,
    -- consecutive failed logins; reset on success. locked_until set when the threshold is reached.
    failed_count    integer not null default 0 check (failed_count >= 0),
    locked_until    timestamptz,
    -- changes when the password, role or state changes: signed-in sessions with an older stamp end
    security_stamp  uuid not null default gen_random_uuid(),
    disabled_at     timestamptz,
    created_at      timestamptz not null default now(),
    last_login_at   timestamptz
);

-- regions a pimpinan may read (sdm and admin read every region)
create table user_region (
    user_id     bigint not null references app_user (id) on delete cascade,
    region_id   text not null references region (id),
    granted_at  timestamptz not null default now(),
    primary key (user_id, region_id)
);
create index user_region_region_idx on user_region (region_id);

-- key_hash (0001) is the hex SHA-256 of the whole key; the prefix names the key on screens and in logs
alter table ingest_source
    add column key_prefix text not null default '',
    add column created_by text not null default '';

create index audit_action_at_idx on audit (action, at desc);
create index audit_actor_at_idx on audit (actor, at desc);
