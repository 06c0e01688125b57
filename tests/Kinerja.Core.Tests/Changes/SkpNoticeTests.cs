using System.Text;
using Kinerja.Core.Changes;

namespace Kinerja.Core.Tests.Changes;

/// <summary>
/// <c>kinerja_skp</c> (<see cref="ChangeNotice.Skp"/>): the hints an import's screens need, each group and unit once even when
/// a large import is split under the NOTIFY limit; what the parser makes of hostile payloads.
/// </summary>
public class SkpNoticeTests
{
    private const string Superior = "198001012005011001";

    private static SkpDataChanged Parse(string payload) =>
        Assert.IsType<SkpDataChanged>(ChangeMessages.TryParse(ChangeChannels.Skp, payload));

    [Fact]
    public void TwoThousandPlans_AreSplitUnderTheLimit_NamingEveryGroupAndUnitOnce()
    {
        // 2,000 plans of one region, 40 units, a superior per 50 reports, and one superior over everyone's head
        var touched = Enumerable.Range(0, 2_000).Select(i => new SkpTouch($"{199001012020011000L + i}",
            i % 50 == 0 ? Superior : $"{199001012020011000L + i / 50 * 50}", "kota-uji", $"kota-uji-dinas-{i % 40}")).ToArray();

        var notice = ChangeNotice.Skp(touched);

        Assert.Equal(ChangeChannels.Skp, notice.Channel);
        Assert.True(notice.Payloads.Count > 1, $"{notice.Payloads.Count} payload(s)");
        Assert.All(notice.Payloads, p => Assert.True(Encoding.UTF8.GetByteCount(p) < 8000, $"{Encoding.UTF8.GetByteCount(p)} bytes"));
        var parsed = notice.Payloads.Select(Parse).ToArray();
        var hints = parsed.SelectMany(p => p.Employees).ToArray();
        var groups = touched.Select(t => t.Nip!).Append(Superior).ToArray();
        Assert.Equal(groups.Order(), hints.Select(h => h.Nip).Order());
        // an employee whose own plan changed is named by their hint; the superior outside the import by their first report
        Assert.All(hints.Where(h => h.Nip != Superior), h => Assert.Null(h.About));
        Assert.Equal(touched[0].Nip, hints.Single(h => h.Nip == Superior).About);
        var units = parsed.SelectMany(p => p.Units).ToArray();
        Assert.Equal(40, units.Length);
        Assert.Equal(40, units.Distinct().Count());
        Assert.All(units, u => Assert.Equal("kota-uji", u.RegionId));
    }

    [Fact]
    public void UnitOnlyTouches_NameTheUnits_AndNoEmployee()
    {
        var notice = ChangeNotice.Skp([new SkpTouch(null, null, "r1", "u1"), new SkpTouch(null, null, "r1", "u1"), new SkpTouch(null, null, "r2", "u2")]);

        var message = Parse(Assert.Single(notice.Payloads));

        Assert.Empty(message.Employees);
        Assert.Equal([new SkpUnit("r1", "u1"), new SkpUnit("r2", "u2")], message.Units);
        Assert.DoesNotContain("about", notice.Payloads[0]);
    }

    [Fact]
    public void NothingTouched_NoPayload() => Assert.True(ChangeNotice.Skp([]).IsEmpty);

    [Fact]
    public void ASuperiorWhosePlanAlsoChanged_IsNamedByTheirOwnHint()
    {
        var notice = ChangeNotice.Skp([new SkpTouch("199001012020011001", Superior, "r", "u"), new SkpTouch(Superior, null, "r", "u")]);

        var message = Parse(Assert.Single(notice.Payloads));

        Assert.Equal([new SkpHint("199001012020011001"), new SkpHint(Superior)], message.Employees);
        Assert.Equal([new SkpUnit("r", "u")], message.Units);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("null")]
    [InlineData("""{"employees":"x"}""")]
    [InlineData("""{"employees":[{"nip":5}]}""")]
    [InlineData("""{"units":[{"region":["r"],"unit":"u"}]}""")]
    public void Malformed_IsNull(string payload) => Assert.Null(ChangeMessages.TryParse(ChangeChannels.Skp, payload));

    [Fact]
    public void ReadableButIncompleteItems_AreDropped_OneByOne()
    {
        var message = Parse("""{"employees":[null,{"about":"1"},{"nip":"2"}],"units":[null,{"unit":"u"},{"region":"r"},{"region":"r","unit":"u"}]}""");

        Assert.Equal([new SkpHint("2")], message.Employees);
        Assert.Equal([new SkpUnit("r", "u")], message.Units);
        Assert.Empty(Parse("{}").Employees);
        Assert.Empty(Parse("""{"employees":null,"units":null}""").Units);
    }
}
