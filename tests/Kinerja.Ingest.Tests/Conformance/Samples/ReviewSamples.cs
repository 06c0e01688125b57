using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kinerja.Ingest.Contracts;
using Kinerja.Ingest.Tests.Support;

namespace Kinerja.Ingest.Tests.Conformance.Samples;

internal sealed class ReviewSamples : StreamSamples
{
    public override string Stream => "reviews";

    public override string Table => "activity_review";

    public override string ScopeField => "reviewerNip";

    /// <summary>A review by the supervisor of an activity stored first.</summary>
    public override async Task<JsonObject> ValidAsync(SampleContext ctx, bool outsideScope = false)
    {
        var (staff, supervisor) = outsideScope ? (ctx.Org.PapuaStaff[4], ctx.Org.PapuaSupervisor) : (ctx.Org.Staff[4], ctx.Org.Supervisor);
        var activity = Items.Activity(staff, TestDays.MorningWib(TestDays.Next()), 20);
        var stored = await ctx.Pipeline.SubmitActivitiesAsync([activity.Deserialize<ActivityItem>(Items.Web)!]);
        Assert.Equal(ItemStatus.Accepted, stored.Items[0].Status);
        return Items.Review(Items.IdOf(activity), supervisor, approved: true, DateTimeOffset.UtcNow.AddMinutes(-1));
    }

    public override IEnumerable<BoundaryCase> Boundaries =>
    [
        new("approved false", i => i["approved"] = false),
        new("at in UTC", i => i["at"] = DateTimeOffset.UtcNow.AddMinutes(-1).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)),
        new("at within the clock skew", i => i["at"] = DateTimeOffset.UtcNow.AddMinutes(2).ToString("O")),
        new("at beyond the clock skew", i => i["at"] = DateTimeOffset.UtcNow.AddMinutes(10).ToString("O"), "at", "is in the future"),
        new("activityEventId of nothing stored", i => i["activityEventId"] = Guid.NewGuid().ToString(), "activityEventId",
            "is stored or accepted in this batch"),
        new("activityEventId the empty UUID", i => i["activityEventId"] = Guid.Empty.ToString(), "activityEventId",
            "activityEventId must not be the empty UUID."),
        new("approved as 1", i => i["approved"] = 1, "approved", "approved must be true or false; got a number."),
        new("note stored verbatim", i => i["note"] = "<script>alert('x')</script> Perbaiki volume & satuan",
            StoredSql: "select note from activity_review where event_id = @id", Stored: "<script>alert('x')</script> Perbaiki volume & satuan"),
        new("note null", i => i["note"] = null, StoredSql: "select coalesce(note, 'null') from activity_review where event_id = @id", Stored: "null"),
        new("note of 2000 characters", i => i["note"] = Text(2000)),
        new("note of 2001 characters", i => i["note"] = Text(2001), "note", "note must be at most 2000 characters; got 2001."),
        new("note as a number", i => i["note"] = 5, "note", "note must be a string; got a number."),
        new("note with NUL", i => i["note"] = "a\0b", "note", "must not contain the NUL character"),
    ];
}
