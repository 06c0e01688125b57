using System.Text.Json.Nodes;
using Kinerja.Ingest.Tests.Support;

namespace Kinerja.Ingest.Tests.Conformance.Samples;

internal sealed class SurveySamples : StreamSamples
{
    public override string Stream => "surveys";

    public override string Table => "survey_response";

    public override string ScopeField => "unitId";

    public override Task<JsonObject> ValidAsync(SampleContext ctx, bool outsideScope = false) =>
        Task.FromResult(Survey(outsideScope ? Org.PapuaUnit : Org.Unit));

    /// <summary>A full survey of <paramref name="unitId"/> answered 3 everywhere, submitted now.</summary>
    public static JsonObject Survey(string unitId, int answer = 3)
    {
        var item = new JsonObject { ["eventId"] = Guid.NewGuid().ToString(), ["unitId"] = unitId };
        for (var i = 1; i <= 9; i++)
        {
            item["u" + i] = answer;
        }
        item["submittedAt"] = DateTimeOffset.UtcNow.ToString("O");
        return item;
    }

    public override IEnumerable<BoundaryCase> Boundaries =>
    [
        new("u1 1", i => i["u1"] = 1),
        new("u9 4", i => i["u9"] = 4),
        new("u1 0", i => i["u1"] = 0, "u1", "u1 must be a whole number from 1 to 4; got 0."),
        new("u5 5", i => i["u5"] = 5, "u5", "u5 must be a whole number from 1 to 4; got 5."),
        new("u9 missing", i => i.Remove("u9"), "u9", "u9 is required (1 to 4)."),
        new("u3 2.5", i => i["u3"] = 2.5m, "u3", "u3 must be a whole number; got 2.5."),
        new("serviceId", i => i["serviceId"] = "kartu-keluarga"),
        new("serviceId upper case", i => i["serviceId"] = "KTP", "serviceId", "serviceId must be 1 to 64 lower-case letters"),
        new("serviceId 65 characters", i => i["serviceId"] = Text(65), "serviceId", "got 'aaaa"),
        new("profile", i =>
        {
            i["ageBand"] = "20-29";
            i["sex"] = "P";
            i["education"] = "D4-S1";
            i["occupation"] = "PELAJAR";
        }),
        new("ageBand outside the list", i => i["ageBand"] = "21", "ageBand", "ageBand '21' is not one of: <20, 20-29"),
        new("sex outside the list", i => i["sex"] = "X", "sex", "sex 'X' is not one of: L, P."),
        new("comment 2000 characters", i => i["comment"] = Text(2000)),
        new("comment 2001 characters", i => i["comment"] = Text(2001), "comment", "comment must be at most 2000 characters; got 2001."),
        new("comment with a script, stored verbatim", i => i["comment"] = "<script>alert(1)</script>", StoredSql:
            "select comment from survey_response where event_id = @id", Stored: "<script>alert(1)</script>"),
        new("comment with a control character", i => i["comment"] = "a\u0007b", "comment", "control character U+0007"),
        new("officerNip of another unit", i => i["officerNip"] = "199001012015011501", "officerNip", "No employee with NIP"),
        new("unit outside the registered units", i => i["unitId"] = "dinas-hilang", "unitId", "No unit with id 'dinas-hilang' is registered."),
    ];
}
