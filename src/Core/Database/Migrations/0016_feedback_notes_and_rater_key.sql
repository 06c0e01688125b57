-- 0016: continuous-feedback notes and 360 ratings in the application (issue 16). Forward-only: never edit once applied.

-- The `feedback` ingest stream (src/Ingest/Streams/Feedback, event_registry code 'f'): a superior's note about a
-- direct report, not tied to an activity. Stored verbatim; local_day is the employee's local day of occurred_at.
-- Not partitioned (a few notes per employee and month).
create table feedback_note (
    event_id     uuid primary key,
    nip          char(18) not null references employee (nip),
    author_nip   char(18) not null references employee (nip),
    note         text not null check (char_length(note) between 1 and 2000),
    occurred_at  timestamptz not null,
    local_day    date not null,
    received_at  timestamptz not null default now()
);
create index feedback_note_nip_day_idx on feedback_note (nip, local_day);
create index feedback_note_author_day_idx on feedback_note (author_nip, nip, local_day);

-- The key of the raters' pseudonyms (src/Dashboard/Employees/RaterPseudonyms.cs): ratings given in the application
-- carry rater_ref = HMAC(key, NIP), not the NIP, so the rating table alone does not say who rated whom, and the
-- stored event id of a rating is HMAC(key, rater, ratee, aspect, period): one rater counts once per ratee, aspect
-- and period (a second rating is a duplicate). One row, made here from 244 random bits; never changed (changing it
-- would let everyone rate again).
create table rating_rater_key (
    id   smallint primary key check (id = 1),
    key  bytea not null check (octet_length(key) = 32)
);
insert into rating_rater_key (id, key)
values (1, uuid_send(gen_random_uuid()) || uuid_send(gen_random_uuid()));

-- What a rater already rated in a period (GET /api/v1/me/ratings/plan).
create index rating_rater_period_idx on rating (rater_ref, period) where rater_ref is not null;
