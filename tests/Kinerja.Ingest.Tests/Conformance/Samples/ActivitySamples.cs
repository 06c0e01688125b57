using System.Text.Json.Nodes;
using Kinerja.Ingest.Tests.Support;

namespace Kinerja.Ingest.Tests.Conformance.Samples;

internal sealed class ActivitySamples : StreamSamples
{
    private const string LocalDay = "select local_day::text from activity where event_id = @id";

    public override string Stream => "activities";

    public override string Table => "activity";

    public override string ScopeField => "nip";

    // Each item on a day of its own, so day totals of different cases never add up.
    public override Task<JsonObject> ValidAsync(SampleContext ctx, bool outsideScope = false)
    {
        var nip = outsideScope ? ctx.Org.PapuaStaff[7] : ctx.Org.Staff[7];
        var item = Items.Activity(nip, TestDays.MorningWib(TestDays.Next()), 30);
        item["skpIndicator"] = "SKP-1";
        return Task.FromResult(item);
    }

    // Fixed days lie in 2020-2021, before TestDays (2023 on) and the withdrawal samples (2022), so the 660-minute case's
    // day never already holds another sample's minutes.
    public override IEnumerable<BoundaryCase> Boundaries =>
    [
        new("minutes 1", i => i["minutes"] = 1),
        new("minutes 660, the region's daily maximum", i => i["minutes"] = 660),
        new("minutes 661", i => i["minutes"] = 661, "minutes", "between 1 and 660"),
        new("minutes 0", i => i["minutes"] = 0, "minutes", "between 1 and 660"),
        new("minutes 2^31", i => i["minutes"] = 2147483648L, "minutes", "must be a whole number; got 2147483648."),
        new("minutes 60.0 is whole", i => i["minutes"] = 60.0m),
        new("volume 0", i => i["volume"] = 0),
        new("volume negative", i => i["volume"] = -0.01m, "volume", "must not be negative"),
        new("volume decimal max", i => i["volume"] = decimal.MaxValue),
        new("volume beyond decimal", i => i["volume"] = JsonNode.Parse("1e29"), "volume"),
        new("description 4000 characters", i => i["description"] = Text(4000)),
        new("description 4001 characters", i => i["description"] = Text(4001), "description", "at most 4000 characters; got 4001"),
        new("description blank", i => i["description"] = "   ", "description", "description is required (what was done)."),
        new("description in non-Latin script", i => i["description"] = "会议 — rapat ✓ ꦫꦥꦠ꧀"),
        new("output 4001 characters", i => i["output"] = Text(4001), "output", "at most 4000"),
        new("skpIndicator 200 characters", i => i["skpIndicator"] = Text(200)),
        new("skpIndicator 201 characters", i => i["skpIndicator"] = Text(201), "skpIndicator", "at most 200"),
        new("occurredAt last second of a year (WIB)", i => i["occurredAt"] = "2020-12-31T23:59:59+07:00",
            StoredSql: LocalDay, Stored: "2020-12-31"),
        new("occurredAt in UTC falls on the next local day, month and year", i => i["occurredAt"] = "2020-12-31T17:00:00Z",
            StoredSql: LocalDay, Stored: "2021-01-01"),
        new("occurredAt in another zone is taken as the same instant", i => i["occurredAt"] = "2021-01-31T19:30:00-05:00",
            StoredSql: LocalDay, Stored: "2021-02-01"),
        new("occurredAt on 29 February of a leap year", i => i["occurredAt"] = "2020-02-29T09:00:00+07:00",
            StoredSql: LocalDay, Stored: "2020-02-29"),
        new("occurredAt on 29 February of a common year", i => i["occurredAt"] = "2025-02-29T09:00:00+07:00", "occurredAt",
            "must be an ISO-8601 date and time with a UTC offset"),
        new("occurredAt without offset", i => i["occurredAt"] = "2025-03-02T08:30:00", "occurredAt", "with a UTC offset"),
        new("occurredAt a date only", i => i["occurredAt"] = "2025-03-02", "occurredAt", "with a UTC offset"),
        new("occurredAt an hour ahead", i => i["occurredAt"] = DateTimeOffset.UtcNow.AddHours(1).ToString("O"), "occurredAt",
            "is in the future"),
        new("nip with 17 digits", i => i["nip"] = "19900101201501100", "nip", "exactly 18 digits"),
        new("nip with 19 digits", i => i["nip"] = "1990010120150110011", "nip", "exactly 18 digits"),
    ];
}
