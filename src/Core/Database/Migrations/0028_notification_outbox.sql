-- 0028: notifications (issue 19): a transactional outbox delivered by background workers (signed webhooks, e-mail), and
-- each person's e-mail preferences. Forward-only: never edit once applied; add a new file.

-- One row per message to one destination, written in the transaction of the event that causes it. The key is
-- deterministic (event, channel, destination), so a re-run of the event or a scan never writes a second row; it is sent
-- as the Idempotency-Key header (webhooks) and the Message-ID (e-mail), so a receiver dedups a repeated delivery.
create table outbox (
    id              bigint generated always as identity primary key,
    idempotency_key text not null unique check (length(idempotency_key) between 1 and 300),
    channel         text not null check (channel in ('webhook', 'email')),
    -- the webhook's URL or the e-mail address
    destination     text not null check (length(destination) between 1 and 2000),
    kind            text not null check (length(kind) between 1 and 100),
    payload         jsonb not null,
    created         timestamptz not null default now(),
    -- when a worker may take the row next: a claim moves it forward by the lease, so a row whose worker died is taken
    -- again once the lease ends; a failure moves it by the back-off
    next_attempt    timestamptz not null default now(),
    attempts        integer not null default 0 check (attempts >= 0),
    state           text not null default 'pending' check (state in ('pending', 'delivered', 'dead')),
    last_error      text check (length(last_error) <= 2000),
    delivered_at    timestamptz
);
create index outbox_due_idx on outbox (next_attempt) where state = 'pending';
create index outbox_dead_idx on outbox (id) where state = 'dead';

-- A person's e-mail notifications: the address and the kinds they do not want by e-mail (every kind is on by default
-- once an address is given). Keyed by the account, so HR, leaders and employees alike can choose.
create table notification_preference (
    user_id         bigint primary key references app_user (id) on delete cascade,
    email           text check (email is null or (length(email) between 3 and 254 and email like '%_@_%')),
    email_off       text[] not null default '{}',
    updated_at      timestamptz not null default now()
);
