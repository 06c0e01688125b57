-- 0022: the complaints and suggestions queue (element U8 of the citizen survey; issue 18).
--
-- A complaint is a stored survey response with a non-blank comment (survey_response.comment). It has no row here
-- while it is 'baru' (new); the first step of the unit's staff or HR writes its row. States: baru -> diproses ->
-- selesai (with the response given to the citizen) | ditutup (closed, with the reason); baru -> ditutup for spam.
-- Who and when per step are kept; the response time is closed_at - survey_response.submitted_at.
create table complaint (
    response_id     uuid primary key,
    unit_id         text not null constraint complaint_unit_id_fkey references unit (id),
    state           text not null constraint complaint_state_check check (state in ('diproses', 'selesai', 'ditutup')),
    processing_by   text,
    processing_at   timestamptz,
    closed_by       text,
    closed_at       timestamptz,
    response        text constraint complaint_response_check check (length(response) between 1 and 2000),
    reason          text constraint complaint_reason_check check (length(reason) between 1 and 2000),
    constraint complaint_steps_check check (
        (state = 'diproses' and processing_at is not null and closed_at is null)
        or (state = 'selesai' and processing_at is not null and closed_at is not null and response is not null)
        or (state = 'ditutup' and closed_at is not null and reason is not null))
);

create index complaint_unit_state_idx on complaint (unit_id, state);

-- The queue reads a unit's commented responses newest first without scanning its uncommented ones.
create index survey_response_comment_idx on survey_response (unit_id, submitted_at desc)
    where comment is not null and btrim(comment) <> '';
