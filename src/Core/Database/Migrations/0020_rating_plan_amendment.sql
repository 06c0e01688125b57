-- 0020: HR amendments of the 360 rating plan (issue 16). Forward-only: never edit once applied.
--
-- The plan of a period is derived from the reference data (a superior rates their direct reports as 'atasan', people
-- with the same supervisor rate each other as 'rekan', a direct report rates their superior as 'bawahan'); HR amends
-- it per month: 'tambah' adds a rater -> ratee pair with the role HR gives (a peer from another team, a cross-unit
-- colleague) or sets the role of a derived pair, 'hapus' removes a derived pair. One amendment per pair and period (a
-- second replaces the first); deleting an amendment returns the pair to what the reference data derives. Every write
-- is audited (rating_plan.amend, rating_plan.amendment_delete) in the same transaction.
create table rating_plan_amendment (
    id          bigint generated always as identity primary key,
    period      text not null collate "C"
                    constraint rating_plan_amendment_period_check check (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
    rater_nip   char(18) not null constraint rating_plan_amendment_rater_nip_fkey references employee (nip),
    ratee_nip   char(18) not null constraint rating_plan_amendment_ratee_nip_fkey references employee (nip),
    -- the rater's role towards the ratee; null only for 'hapus'
    role        text constraint rating_plan_amendment_role_check check (role in ('atasan', 'rekan', 'bawahan')),
    action      text not null constraint rating_plan_amendment_action_check check (action in ('tambah', 'hapus')),
    note        text not null default '' constraint rating_plan_amendment_note_check check (length(note) <= 500),
    created_by  text not null,
    created_at  timestamptz not null default now(),
    constraint rating_plan_amendment_self_check check (rater_nip <> ratee_nip),
    constraint rating_plan_amendment_role_given_check check (action = 'hapus' or role is not null),
    constraint rating_plan_amendment_pair_key unique (period, rater_nip, ratee_nip)
);
create index rating_plan_amendment_rater_idx on rating_plan_amendment (rater_nip, period);
