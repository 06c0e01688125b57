using System.Text.Json.Nodes;
using Kinerja.Core.Survey;
using Kinerja.Ingest.Http.Documentation;
using Microsoft.OpenApi;
using static Kinerja.Ingest.Http.Documentation.IngestItemSchemas;

namespace Kinerja.Ingest.Streams.Survey;

/// <summary>The survey item in the OpenAPI document: schema constraints and the example batch.</summary>
internal static class SurveyDocumentation
{
    public static void Describe(OpenApiSchema s)
    {
        s.Description = "One answered citizen satisfaction survey (PermenPAN-RB 14/2017) about a unit: the nine elements " +
                        "u1..u9 on 1-4 (1 tidak baik … 4 sangat baik), optionally the service, the officer who served, the " +
                        "respondent's profile and a complaint or suggestion (stored verbatim, never shown publicly).";
        EventId(P(s, "eventId"), "Client-made idempotency key.");
        P(s, "unitId").Description = "The surveyed unit (registered unit id, inside the source's scope).";
        var service = P(s, "serviceId");
        service.Pattern = SurveyValidator.ServicePattern;
        service.Description = "Optional service used (an id of the unit's own choosing).";
        EmployeeNip(P(s, "officerNip"), "Optional officer who served; an employee of the unit.");
        for (var i = 0; i < SurveyElements.Count; i++)
        {
            var u = Whole(P(s, SurveyElements.Codes[i]));
            u.Minimum = "1";
            u.Maximum = "4";
            u.Description = $"{SurveyElements.OfficialNames[i]}: a whole number from 1 (tidak baik) to 4 (sangat baik).";
        }
        Codes(P(s, "ageBand"), SurveyElements.AgeBands, "Optional profile: age band.");
        Codes(P(s, "sex"), SurveyElements.Sexes, "Optional profile: L (laki-laki) or P (perempuan).");
        Codes(P(s, "education"), SurveyElements.Educations, "Optional profile: highest education.");
        Codes(P(s, "occupation"), SurveyElements.Occupations, "Optional profile: occupation.");
        Text(P(s, "comment"), SurveyValidator.MaxComment,
            "Optional complaint or suggestion: well-formed Unicode without control characters other than tab and line breaks.");
        Instant(P(s, "submittedAt"), "When the survey was submitted; its local month (unit's region) is the survey period.");
    }

    public static JsonArray Examples() =>
    [
        new JsonObject
        {
            ["eventId"] = "5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b", ["unitId"] = IngestExamples.UnitId, ["serviceId"] = "imunisasi",
            ["u1"] = 4, ["u2"] = 3, ["u3"] = 3, ["u4"] = 4, ["u5"] = 3, ["u6"] = 4, ["u7"] = 4, ["u8"] = 3, ["u9"] = 3,
            ["ageBand"] = "30-39", ["sex"] = "P", ["education"] = "SMA", ["occupation"] = "WIRAUSAHA",
            ["comment"] = "Antrean cepat, ruang tunggu panas.", ["submittedAt"] = "2026-03-05T10:12:00+07:00",
        },
    ];
}
