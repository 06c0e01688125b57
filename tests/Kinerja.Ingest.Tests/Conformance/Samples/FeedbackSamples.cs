using System.Text.Json.Nodes;
using Kinerja.Ingest.Tests.Support;

namespace Kinerja.Ingest.Tests.Conformance.Samples;

internal sealed class FeedbackSamples : StreamSamples
{
    /// <summary>Stored verbatim: markup, quotes, SQL and a right-to-left override are text, not instructions.</summary>
    public const string Hostile = "<script>alert('x')</script><img src=x onerror=alert(1)> \"'; drop table feedback_note; -- \u202Eevil";

    public override string Stream => "feedback";

    public override string Table => "feedback_note";

    public override string ScopeField => "nip";

    /// <summary>A note by the supervisor about a staff member.</summary>
    public override Task<JsonObject> ValidAsync(SampleContext ctx, bool outsideScope = false)
    {
        var (staff, supervisor) = outsideScope ? (ctx.Org.PapuaStaff[6], ctx.Org.PapuaSupervisor) : (ctx.Org.Staff[6], ctx.Org.Supervisor);
        return Task.FromResult(Items.Feedback(staff, supervisor, "Laporan rapi; lampirkan bukti dukung.", DateTimeOffset.UtcNow.AddMinutes(-1)));
    }

    public override IEnumerable<BoundaryCase> Boundaries =>
    [
        new("note of one character", i => i["note"] = "x"),
        new("note of 2000 characters", i => i["note"] = Text(2000)),
        new("note of 2001 characters", i => i["note"] = Text(2001), "note", "note must be at most 2000 characters; got 2001."),
        new("note only white space", i => i["note"] = "  \t ", "note", "note is required (the feedback text)."),
        new("hostile note stored verbatim", i => i["note"] = Hostile,
            StoredSql: "select note from feedback_note where event_id = @id", Stored: Hostile),
        new("author not the employee's supervisor", i => i["authorNip"] = i["nip"]!.GetValue<string>(), "authorNip",
            "is not the supervisor of employee"),
        new("occurredAt beyond the clock skew", i => i["occurredAt"] = DateTimeOffset.UtcNow.AddMinutes(10).ToString("O"),
            "occurredAt", "is in the future"),
        new("local day in the employee's time zone", i => i["occurredAt"] = "2025-03-03T23:30:00+00:00",
            StoredSql: "select local_day::text from feedback_note where event_id = @id", Stored: "2025-03-04"),
    ];
}
