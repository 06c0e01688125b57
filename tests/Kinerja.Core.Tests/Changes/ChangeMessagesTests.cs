using Kinerja.Core.Changes;

namespace Kinerja.Core.Tests.Changes;

/// <summary>The one parser of the change feed: each channel's payload to its typed message; garbage to null.</summary>
public class ChangeMessagesTests
{
    [Theory]
    [InlineData("""{"nips":["1"],"units":[],"regions":["r"]}""", 1, 0, 1)]
    [InlineData("""{"nips":["1","2"]}""", 2, 0, 0)]
    [InlineData("""{"nips":null}""", 0, 0, 0)]
    [InlineData("""{}""", 0, 0, 0)]
    public void TryParse_Events_ReadsTheFeedShape(string json, int nips, int units, int regions)
    {
        var p = Assert.IsType<EventsChanged>(ChangeMessages.TryParse(ChangeChannels.Events, json));
        Assert.Equal((nips, units, regions), (p.Nips.Length, p.Units.Length, p.Regions.Length));
    }

    [Theory]
    [InlineData(ChangeChannels.Events, "not json")]
    [InlineData(ChangeChannels.Triggers, """{"triggers":[{"id":"x"}]}""")]
    [InlineData(ChangeChannels.Levels, "[]")]
    [InlineData("kinerja_unknown", "{}")]
    public void TryParse_Malformed_IsNull(string channel, string payload) => Assert.Null(ChangeMessages.TryParse(channel, payload));

    [Fact]
    public void EveryMessage_RoundTripsOnItsChannel()
    {
        var level = new LevelChange("199001012020011001", "2026-03", "SESUAI_EKSPEKTASI", null, "BAIK");
        var notices = new[]
        {
            ChangeNotice.Events([new EventTouch("199001012020011001", "u", "r")]),
            ChangeNotice.Levels([level]),
            ChangeNotice.Triggers([Trigger(7), Trigger(8)]),
            ChangeNotice.Rules("publish", new Dictionary<string, int> { ["disiplin"] = 2 }),
            ChangeNotice.Access("user"),
        };

        var messages = notices.Select(n => ChangeMessages.TryParse(n.Channel, Assert.Single(n.Payloads))).ToArray();

        Assert.Equal(["199001012020011001"], Assert.IsType<EventsChanged>(messages[0]).Nips);
        Assert.Equal(level, Assert.Single(Assert.IsType<LevelsChanged>(messages[1]).Levels));
        Assert.Equal([Trigger(7), Trigger(8)], Assert.IsType<TriggersAdded>(messages[2]).Triggers);
        Assert.Equal(2, Assert.IsType<RulesPublished>(messages[3]).Versions["disiplin"]);
        Assert.Equal("user", Assert.IsType<AccessChanged>(messages[4]).What);
        Assert.Equal(
            [ChangeChannels.Events, ChangeChannels.Levels, ChangeChannels.Triggers, ChangeChannels.Rules, ChangeChannels.Access],
            notices.Select(n => n.Channel));
    }

    [Fact]
    public void Access_NamingUsers_RoundTrips_AndWithoutUsers_MeansAnyone()
    {
        var named = Assert.IsType<AccessChanged>(ChangeMessages.TryParse(ChangeChannels.Access,
            Assert.Single(ChangeNotice.Access("user", [42, 7, 42]).Payloads)));
        Assert.Equal("user", named.What);
        Assert.Equal([7, 42], named.Users!);

        var anyone = ChangeNotice.Access("reference");
        Assert.DoesNotContain("users", Assert.Single(anyone.Payloads));
        Assert.Null(Assert.IsType<AccessChanged>(ChangeMessages.TryParse(ChangeChannels.Access, anyone.Payloads[0])).Users);
        Assert.Empty(ChangeNotice.Access("user", []).Payloads);
    }

    [Fact]
    public void Access_NamingManyUsers_IsSplitUnderTheNotifyLimit_AndNamesEveryOne()
    {
        var users = Enumerable.Range(1, 5000).Select(i => 1_000_000_000_000L + i).ToArray();

        var notice = ChangeNotice.Access("user", users);

        Assert.True(notice.Payloads.Count > 1);
        Assert.All(notice.Payloads, p => Assert.True(System.Text.Encoding.UTF8.GetByteCount(p) <= ChangeSplitter.MaxPayloadBytes));
        var named = notice.Payloads.SelectMany(p => Assert.IsType<AccessChanged>(ChangeMessages.TryParse(ChangeChannels.Access, p)).Users!);
        Assert.Equal(users, named);
    }

    [Theory]
    [InlineData("""{"what":"user","users":["x"]}""")]
    [InlineData("""{"what":"user","users":{"a":1}}""")]
    public void TryParse_Access_WithMalformedUsers_IsNull(string payload) =>
        Assert.Null(ChangeMessages.TryParse(ChangeChannels.Access, payload));

    private static AddedTrigger Trigger(long id) => new()
    {
        Id = id, Kind = "REWARD", Code = "SERTIFIKAT", Nip = "199001012020011001", EmployeeName = "Siti Aminah",
        UnitId = "u", UnitName = "Dinas Uji", RegionId = "r", Period = "2026-03", Workflow = "penghargaan", Version = 2,
        Rule = "SERTIFIKAT", FiredAt = new DateTimeOffset(2026, 3, 31, 1, 2, 3, TimeSpan.Zero),
    };
}
