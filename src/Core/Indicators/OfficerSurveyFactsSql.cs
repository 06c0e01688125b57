namespace Kinerja.Core.Indicators;

/// <summary>
/// The officer-level survey fields of the employee statement (issue 18): one aggregate CTE over the per-officer answer
/// sums of the period's months (<c>survey_officer_rollup</c>, migration 0027) joined to the employee rows, with the
/// weighted NRR computed against the weights of the employee's unit (<c>survey_weight</c>, 1/9 each without a row).
/// <see cref="RawQuery"/> computes the same from <c>survey_response</c> for <see cref="RawRecomputeSql"/>.
/// Whether the answers count (the minimum number of respondents) is decided in C#: <see cref="OfficerSurveyRating"/>.
/// </summary>
internal static class OfficerSurveyFactsSql
{
    /// <summary>The CTE <c>officer_svy</c>, followed by a comma. Parameters: <c>@monthKeys</c> and the population filter.</summary>
    public const string Ctes = """
        officer_svy as (
            select s.officer_nip as nip, sum(s.respondents)::int as respondents,
                   sum(s.u1_sum)::bigint as u1, sum(s.u2_sum)::bigint as u2, sum(s.u3_sum)::bigint as u3,
                   sum(s.u4_sum)::bigint as u4, sum(s.u5_sum)::bigint as u5, sum(s.u6_sum)::bigint as u6,
                   sum(s.u7_sum)::bigint as u7, sum(s.u8_sum)::bigint as u8, sum(s.u9_sum)::bigint as u9
            from survey_officer_rollup s
            where s.period = any(@monthKeys)
              /*in-population*/ and s.officer_nip in (select nip from emp)
            group by s.officer_nip
        ),
        """;

    /// <summary>The same CTE over the raw responses (the naive recompute), followed by a comma.</summary>
    public const string RawCtes = """
        officer_svy as (
            select s.officer_nip as nip, count(*)::int as respondents,
                   sum(s.u1)::bigint as u1, sum(s.u2)::bigint as u2, sum(s.u3)::bigint as u3,
                   sum(s.u4)::bigint as u4, sum(s.u5)::bigint as u5, sum(s.u6)::bigint as u6,
                   sum(s.u7)::bigint as u7, sum(s.u8)::bigint as u8, sum(s.u9)::bigint as u9
            from survey_response s
            join emp e on e.nip = s.officer_nip
            where s.period = any(@monthKeys)
            group by s.officer_nip
        ),
        """;

    /// <summary>
    /// The select-list columns (each preceded by a comma) of the joins <c>osv</c> and <c>osw</c>: respondents and the
    /// weighted NRR (Σ weight × element sum ÷ Σ weights ÷ respondents; the plain mean of all answers with default weights).
    /// </summary>
    public const string Columns = """
               , coalesce(osv.respondents, 0) as OfficerSurveyRespondents,
               case when osv.respondents is null then null
                    when osw.unit_id is null
                        then (osv.u1 + osv.u2 + osv.u3 + osv.u4 + osv.u5 + osv.u6 + osv.u7 + osv.u8 + osv.u9)::float8
                             / (9 * osv.respondents)
                    else (osw.w1 * osv.u1 + osw.w2 * osv.u2 + osw.w3 * osv.u3 + osw.w4 * osv.u4 + osw.w5 * osv.u5
                          + osw.w6 * osv.u6 + osw.w7 * osv.u7 + osw.w8 * osv.u8 + osw.w9 * osv.u9)
                         / (osw.w1 + osw.w2 + osw.w3 + osw.w4 + osw.w5 + osw.w6 + osw.w7 + osw.w8 + osw.w9)
                         / osv.respondents
               end as OfficerSurveyNrr
        """;

    /// <summary>The joins of <c>officer_svy</c> and the unit's weights to <c>emp e</c>.</summary>
    public const string Joins = """
        left join officer_svy osv on osv.nip = e.nip
        left join survey_weight osw on osw.unit_id = e.unit_id and osv.nip is not null
        """;
}
