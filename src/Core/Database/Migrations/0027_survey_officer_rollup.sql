-- 0027: officer-level citizen ratings (issue 18). Survey answers that name the officer who served (officer_nip) are
-- summed per officer and local month in the same transaction as the responses (the merge of SurveyTable), so the
-- employee statement reads one small aggregate instead of the responses. An officer's answers become masyarakat
-- ratings only from Kinerja:Survey:OfficerMinRespondents respondents in a period (applied when reading).
create table survey_officer_rollup (
    period      text not null collate "C",
    officer_nip char(18) not null,
    respondents integer not null,
    u1_sum bigint not null, u2_sum bigint not null, u3_sum bigint not null,
    u4_sum bigint not null, u5_sum bigint not null, u6_sum bigint not null,
    u7_sum bigint not null, u8_sum bigint not null, u9_sum bigint not null,
    constraint survey_officer_rollup_pkey primary key (period, officer_nip)
) with (fillfactor = 80);

-- answers stored before this migration count too
insert into survey_officer_rollup (period, officer_nip, respondents,
                                   u1_sum, u2_sum, u3_sum, u4_sum, u5_sum, u6_sum, u7_sum, u8_sum, u9_sum)
select period, officer_nip, count(*),
       sum(u1), sum(u2), sum(u3), sum(u4), sum(u5), sum(u6), sum(u7), sum(u8), sum(u9)
from survey_response
where officer_nip is not null
group by period, officer_nip;
