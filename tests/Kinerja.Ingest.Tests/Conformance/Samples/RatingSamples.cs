using System.Text.Json.Nodes;
using Kinerja.Ingest.Tests.Support;

namespace Kinerja.Ingest.Tests.Conformance.Samples;

internal sealed class RatingSamples : StreamSamples
{
    public override string Stream => "ratings";

    public override string Table => "rating";

    public override string ScopeField => "nip";

    public override Task<JsonObject> ValidAsync(SampleContext ctx, bool outsideScope = false)
    {
        var item = Items.Rating(outsideScope ? ctx.Org.PapuaStaff[5] : ctx.Org.Staff[5], null, 4);
        item["raterRef"] = "rekan-7";
        return Task.FromResult(item);
    }

    public override IEnumerable<BoundaryCase> Boundaries =>
    [
        new("score 1", i => i["score"] = 1),
        new("score 5", i => i["score"] = 5),
        new("score 0", i => i["score"] = 0, "score", "score must be a whole number from 1 to 5; got 0."),
        new("score 6", i => i["score"] = 6, "score", "got 6."),
        new("score 4.5", i => i["score"] = 4.5m, "score", "score must be a whole number; got 4.5."),
        new("period December", i => i["period"] = "2024-12"),
        new("period January", i => i["period"] = "2025-01"),
        new("period month 13", i => i["period"] = "2025-13", "period", "period must be a month YYYY-MM (e.g. 2026-03); got '2025-13'."),
        new("period month 00", i => i["period"] = "2025-00", "period", "got '2025-00'"),
        new("period before 1900", i => i["period"] = "1899-12", "period", "got '1899-12'"),
        new("period after 2199", i => i["period"] = "2200-01", "period", "got '2200-01'"),
        new("raterRef 200 characters", i => i["raterRef"] = Text(200)),
        new("raterRef 201 characters", i => i["raterRef"] = Text(201), "raterRef", "raterRef must be at most 200 characters; got 201."),
        new("unit rating of a citizen", i =>
        {
            i.Remove("nip");
            i["unitId"] = Org.Unit;
            i["raterRole"] = "masyarakat";
            i["aspect"] = "kepuasan_layanan";
        }),
        new("unit outside the registered units", i =>
        {
            i.Remove("nip");
            i["unitId"] = "dinas-hilang";
        }, "unitId", "No unit with id 'dinas-hilang' is registered."),
        new("nip and unitId both given", i => i["unitId"] = Org.Unit, "unitId", "not both"),
        new("nip null and unitId absent", i => i["nip"] = null, "nip", "nip (an employee rating) or unitId (a unit rating) is required."),
    ];
}
