using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kinerja.Core.Indicators;
using Kinerja.Dashboard.Employees;
using Kinerja.Dashboard.Tests.Board;
using Microsoft.Extensions.DependencyInjection;
using static Kinerja.Dashboard.Tests.Survey.SurveyRequests;

namespace Kinerja.Dashboard.Tests.Survey;

/// <summary>
/// Issue 18: survey answers naming the officer who served count toward that employee's masyarakat rating only from
/// <c>Kinerja:Survey:OfficerMinRespondents</c> (default 5) respondents in the period. Hand-computed: every respondent
/// answers 3 on all nine elements → NRR 3.00 → IKM 75.00 → rating score 1 + (75 − 25) × 4 ÷ 75 = 3.6667; the officer
/// also has one source-system masyarakat rating of berorientasi_pelayanan 5. Each case has an officer of its own.
/// </summary>
public sealed class OfficerSurveyRatingTests(SurveyAppFactory app) : IClassFixture<SurveyAppFactory>
{
    private const string Unit = BoardAppFactory.BigUnit;

    [Theory]
    // below the minimum: the survey has no effect (the source rating alone)
    [InlineData(4, 1, 5.0, 0, null)]
    // (5 + 5 × 3.6667) ÷ 6 = 23.3333 ÷ 6 = 3.889
    [InlineData(5, 2, 3.889, 5, 75.0)]
    // (5 + 6 × 3.6667) ÷ 7 = 27 ÷ 7 = 3.857
    [InlineData(6, 3, 3.857, 6, 75.0)]
    public async Task Officer_answers_count_as_masyarakat_ratings_only_from_the_minimum(
        int respondents, int officer, double masyarakatAvg, int shownRespondents, double? officerIkm)
    {
        var nip = app.BigUnitNips[officer];
        var queries = app.Services.GetRequiredService<IndicatorQueries>();
        var month = (await queries.CurrentMonthAsync(BoardAppFactory.RegionId))!.Value;
        await SourceRatingAsync(nip, month.Key, 5);
        for (var i = 0; i < respondents; i++)
        {
            var body = Body(answer: 3);
            body["officerNip"] = nip;
            Assert.Equal(HttpStatusCode.OK, (await PostAsync(Device(app), Unit, body)).StatusCode);
        }

        var s = (await queries.EmployeeAsync(nip, month))!;
        var raw = (await queries.RecomputeFromRawAsync(month, EmployeeFilter.ForNips([nip]))).Single();

        Assert.Equal(masyarakatAvg, s.MasyarakatAvg);
        Assert.Equal(1 + shownRespondents, s.MasyarakatCount);
        Assert.Equal(masyarakatAvg, s.BerorientasiPelayananAvg);
        Assert.Equal(masyarakatAvg, s.BerAkhlakAvg);
        Assert.Equal(shownRespondents, s.MasyarakatSurveyRespondents);
        Assert.Equal(officerIkm, s.MasyarakatSurveyIkm);
        // the naive recompute from survey_response agrees with the rollup (the rules' levels are left out: the live
        // evaluator may store new ones for this employee between the two reads)
        Assert.Equal(s with { RatingHasilKerja = null, RatingPerilaku = null, Predikat = null },
            raw with { RatingHasilKerja = null, RatingPerilaku = null, Predikat = null });
        // on the person's own surfaces (/api/v1/me, /saya) each counted respondent is a citizen rater: 1 + 5 ≥ 3 shows
        // the mean, while one source rater alone stays hidden (Kinerja:Ratings:MinRatersShown 3)
        var own = await app.Services.GetRequiredService<SnapshotPrivacy>().ForPersonAsync(s);
        Assert.Equal(shownRespondents > 0 ? masyarakatAvg : null, own.MasyarakatAvg);
        Assert.Equal(shownRespondents, own.MasyarakatSurveyRespondents);
    }

    [Fact]
    public async Task Officer_of_another_unit_or_unknown_nip_is_refused_naming_officerNip()
    {
        var elsewhere = Body();
        elsewhere["officerNip"] = app.SmallUnitNips[0];
        var unknown = Body();
        unknown["officerNip"] = "199001012015011999";

        var other = await PostAsync(Device(app), Unit, elsewhere);
        var missing = await PostAsync(Device(app), Unit, unknown);

        Assert.Equal(HttpStatusCode.BadRequest, other.StatusCode);
        Assert.Contains("does not work in unit " + Unit, await ErrorAsync(other, "officerNip"));
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("199001012015011999", await ErrorAsync(missing, "officerNip"));
    }

    private async Task SourceRatingAsync(string nip, string period, int score)
    {
        var item = new JsonObject
        {
            ["eventId"] = Guid.NewGuid().ToString(),
            ["nip"] = nip,
            ["raterRole"] = "masyarakat",
            ["raterRef"] = "warga-" + nip,
            ["aspect"] = "berorientasi_pelayanan",
            ["score"] = score,
            ["period"] = period,
            ["occurredAt"] = app.Services.GetRequiredService<TimeProvider>().GetUtcNow().ToString("O"),
        };
        var response = await app.Source.PostAsJsonAsync("/api/v1/ratings", new JsonArray(item));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        Assert.Contains("\"accepted\"", text);
    }

    private static async Task<string> ErrorAsync(HttpResponseMessage response, string field) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").GetProperty(field)[0].GetString()!;
}
