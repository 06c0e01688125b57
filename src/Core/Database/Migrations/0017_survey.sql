-- 0017: the citizen satisfaction survey (Survei Kepuasan Masyarakat, PermenPAN-RB 14/2017; issue 18).
--
-- survey_response: one row per answered survey (stream 'survey', event_registry code 's'), partitioned by the
-- local month of the unit's region in which it was submitted ('YYYY-MM', like rating.period). No address, no
-- device key: the abuse limits keep only a daily-rotating keyed hash in memory.
create table survey_response (
    event_id        uuid not null,
    unit_id         text not null constraint survey_response_unit_id_fkey references unit (id),
    service_id      text not null default '' constraint survey_response_service_id_check check (length(service_id) <= 64),
    officer_nip     char(18) constraint survey_response_officer_nip_fkey references employee (nip),
    u1 smallint not null, u2 smallint not null, u3 smallint not null,
    u4 smallint not null, u5 smallint not null, u6 smallint not null,
    u7 smallint not null, u8 smallint not null, u9 smallint not null,
    age_band        text,
    sex             text,
    education       text,
    occupation      text,
    comment         text constraint survey_response_comment_check check (length(comment) <= 2000),
    period          text not null collate "C"
                        constraint survey_response_period_check check (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
    submitted_at    timestamptz not null,
    constraint survey_response_answers_check check (
        u1 between 1 and 4 and u2 between 1 and 4 and u3 between 1 and 4 and u4 between 1 and 4 and u5 between 1 and 4
        and u6 between 1 and 4 and u7 between 1 and 4 and u8 between 1 and 4 and u9 between 1 and 4),
    constraint survey_response_pkey primary key (event_id, period)
) partition by range (period);

create index survey_response_unit_period_idx on survey_response (unit_id, period);

-- survey_rollup: answer sums per unit, service ('' = all answers without a service) and month, kept in the same
-- transaction as the responses (the merge of SurveyTable). Per-unit figures sum over the services.
create table survey_rollup (
    unit_id     text not null,
    service_id  text not null,
    period      text not null collate "C",
    respondents integer not null,
    u1_sum bigint not null, u2_sum bigint not null, u3_sum bigint not null,
    u4_sum bigint not null, u5_sum bigint not null, u6_sum bigint not null,
    u7_sum bigint not null, u8_sum bigint not null, u9_sum bigint not null,
    constraint survey_rollup_pkey primary key (unit_id, period, service_id)
) with (fillfactor = 80);

-- survey_weight: a unit's element weights (HR, PUT /api/v1/units/{unitId}/survey-weights); no row = 1/9 each.
-- The application checks that the nine weights sum to 1 (within 1e-9) before it stores them.
create table survey_weight (
    unit_id     text primary key references unit (id),
    w1 double precision not null, w2 double precision not null, w3 double precision not null,
    w4 double precision not null, w5 double precision not null, w6 double precision not null,
    w7 double precision not null, w8 double precision not null, w9 double precision not null,
    updated_by  text not null,
    updated_at  timestamptz not null default now(),
    constraint survey_weight_range_check check (
        least(w1, w2, w3, w4, w5, w6, w7, w8, w9) >= 0 and greatest(w1, w2, w3, w4, w5, w6, w7, w8, w9) <= 1)
);
