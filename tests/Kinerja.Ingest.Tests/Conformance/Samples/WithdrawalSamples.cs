using System.Text.Json;
using System.Text.Json.Nodes;
using Kinerja.Ingest.Contracts;
using Kinerja.Ingest.Tests.Support;
using Kinerja.Testing;

namespace Kinerja.Ingest.Tests.Conformance.Samples;

internal sealed class WithdrawalSamples : StreamSamples
{
    public override string Stream => "withdrawals";

    public override string Table => "activity_withdrawal";

    public override string ScopeField => "nip";

    /// <summary>A withdrawal by its owner of a pending activity stored first, replaced by a second one.</summary>
    public override async Task<JsonObject> ValidAsync(SampleContext ctx, bool outsideScope = false)
    {
        var staff = outsideScope ? ctx.Org.PapuaStaff[7] : ctx.Org.Staff[7];
        var day = TestDays.MorningWib(NextDay());
        var old = Items.Activity(staff, day, 20);
        var replacement = Items.Activity(staff, day, 25);
        var stored = await ctx.Pipeline.SubmitActivitiesAsync(
            [old.Deserialize<ActivityItem>(Items.Web)!, replacement.Deserialize<ActivityItem>(Items.Web)!]);
        Assert.All(stored.Items, i => Assert.Equal(ItemStatus.Accepted, i.Status));
        return Items.Withdrawal(Items.IdOf(old), staff, DateTimeOffset.UtcNow.AddMinutes(-1), Items.IdOf(replacement));
    }

    private static int _day;

    // Days of 2022, before TestDays (which the other samples use every other day from 2023-01-01 up towards today, so
    // a 2024 day here once met the activity samples' 660-minute case of the same staff member): 45 minutes a sample,
    // so a day holds many samples below the daily maximum.
    private static DateOnly NextDay() => new DateOnly(2022, 1, 1).AddDays(Interlocked.Increment(ref _day) % 365);

    public override IEnumerable<BoundaryCase> Boundaries =>
    [
        new("replacedBy absent", i => i.Remove("replacedBy"),
            StoredSql: "select coalesce(replaced_by::text, 'null') from activity_withdrawal where event_id = @id", Stored: "null"),
        new("replacedBy null", i => i["replacedBy"] = null,
            StoredSql: "select coalesce(replaced_by::text, 'null') from activity_withdrawal where event_id = @id", Stored: "null"),
        new("activity becomes withdrawn", _ => { },
            StoredSql: "select a.status from activity a join activity_withdrawal w on w.activity_event_id = a.event_id where w.event_id = @id",
            Stored: "withdrawn"),
        new("activityEventId of nothing stored", i => i["activityEventId"] = Guid.NewGuid().ToString(), "activityEventId",
            "has no activity"),
        new("activityEventId the empty UUID", i => i["activityEventId"] = Guid.Empty.ToString(), "activityEventId",
            "activityEventId must not be the empty UUID."),
        new("activityEventId not a UUID", i => i["activityEventId"] = "not-a-uuid", "activityEventId"),
        new("activityEventId as a number", i => i["activityEventId"] = 5, "activityEventId"),
        new("replacedBy of nothing stored", i => i["replacedBy"] = Guid.NewGuid().ToString(), "replacedBy",
            "send the replacing activity before or with the withdrawal"),
        new("replacedBy the withdrawn activity itself", i => i["replacedBy"] = i["activityEventId"]!.GetValue<string>(), "replacedBy",
            "replacedBy must name the new activity, not the withdrawn one"),
        new("replacedBy the empty UUID", i => i["replacedBy"] = Guid.Empty.ToString(), "replacedBy",
            "replacedBy must not be the empty UUID."),
        new("replacedBy as a boolean", i => i["replacedBy"] = true, "replacedBy"),
        // Org staff[0]: registered and in scope, but not the owner: answered as for an unknown activity
        new("nip not the activity's owner", i => i["nip"] = TestNips.Make(1), "activityEventId", "has no activity"),
        new("occurredAt beyond the clock skew", i => i["occurredAt"] = DateTimeOffset.UtcNow.AddMinutes(10).ToString("O"),
            "occurredAt", "is in the future"),
    ];
}
