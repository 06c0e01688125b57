-- 0023: follow-up items (tindak lanjut, issue 19): every trigger whose rule names an actor becomes one item assigned to
-- that actor, created in the transaction that stores the trigger. Forward-only: never edit once applied; add a new file.

create table followup (
    id              bigint generated always as identity primary key,
    -- one item per trigger: a re-evaluation never creates a second one
    trigger_id      bigint not null unique references "trigger" (id),
    kind            text not null,
    code            text not null,
    -- the rule's Indonesian text (Properties.action, else description) in the version that fired
    title           text not null check (length(title) between 1 and 500),
    nip             char(18) references employee (nip),
    unit_id         text not null references unit (id),
    region_id       text not null references region (id),
    period          text not null,
    -- the rule's Properties.actor as written (atasan, kepala_unit, bkpsdm, pejabat_berwenang, pegawai, ...)
    actor           text not null check (length(actor) between 1 and 100),
    -- the person who must act; null means the HR (sdm) of the region
    assignee_nip    char(18) references employee (nip),
    state           text not null default 'baru'
                    check (state in ('baru', 'diproses', 'selesai', 'dibatalkan', 'perlu_ditinjau')),
    -- local calendar day of the region by which the item is due
    due_date        date not null,
    evidence_url    text check (length(evidence_url) <= 2000),
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now(),
    -- when the item reached selesai (on time when its local day is not after due_date)
    done_at         timestamptz
);
create index followup_assignee_idx on followup (assignee_nip) where assignee_nip is not null;
create index followup_nip_idx on followup (nip);
create index followup_region_unit_idx on followup (region_id, unit_id, state);
create index followup_open_idx on followup (trigger_id) where state in ('baru', 'diproses');

-- every change of an item: who, when, from which state to which, with the note and the evidence given
create table followup_history (
    id              bigint generated always as identity primary key,
    followup_id     bigint not null references followup (id),
    at              timestamptz not null default now(),
    actor           text not null check (length(actor) between 1 and 200),
    from_state      text,
    to_state        text not null,
    note            text not null default '' check (length(note) <= 2000),
    evidence_url    text check (length(evidence_url) <= 2000)
);
create index followup_history_item_idx on followup_history (followup_id, id);
