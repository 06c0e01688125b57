using System.Text;
using Kinerja.Core.Changes;

namespace Kinerja.Core.Tests.Changes;

/// <summary>
/// Every payload the change feed builds stays under PostgreSQL's NOTIFY limit (8000 bytes) and, joined again,
/// names every item exactly once: at the boundary, with many ids, long ids and multi-byte text.
/// </summary>
public class ChangeSplitterTests
{
    private static int Bytes(string s) => Encoding.UTF8.GetByteCount(s);

    [Fact]
    public void Split_PayloadExactlyAtTheLimit_StaysWhole_OneByteMore_IsSplit()
    {
        // {"ids":[...]} of n ids "1": find the n whose payload is just at the limit
        string Write(ArraySegment<string> s) => "{\"ids\":[" + string.Join(",", s.Select(v => $"\"{v}\"")) + "]}";
        var ids = new List<string>();
        while (Bytes(Write(ids.Append("1").ToArray())) <= ChangeSplitter.MaxPayloadBytes)
        {
            ids.Add("1");
        }
        var fill = ChangeSplitter.MaxPayloadBytes - Bytes(Write(ids.ToArray()));
        ids[0] = new string('x', 1 + fill); // exactly MaxPayloadBytes now
        Assert.Equal(ChangeSplitter.MaxPayloadBytes, Bytes(Write(ids.ToArray())));

        Assert.Single(ChangeSplitter.Split(ids, Write));
        ids[0] += "x";
        var split = ChangeSplitter.Split(ids, Write);
        Assert.Equal(2, split.Count);
        Assert.All(split, p => Assert.True(Bytes(p) <= ChangeSplitter.MaxPayloadBytes));
    }

    [Fact]
    public void Events_ManyNips_AreSplitUnderTheLimit_EachPayloadNamingItsOwnUnitsAndRegions()
    {
        var touched = Enumerable.Range(0, 5000)
            .Select(i => new EventTouch($"{i:D18}", $"unit-{i % 37}", $"region-{i % 5}")).ToArray();

        var notice = ChangeNotice.Events(touched);

        Assert.Equal(ChangeChannels.Events, notice.Channel);
        Assert.True(notice.Payloads.Count > 10);
        var parsed = notice.Payloads.Select(p => (EventsChanged)ChangeMessages.TryParse(notice.Channel, p)!).ToArray();
        Assert.All(notice.Payloads, p => Assert.True(Bytes(p) < 8000, $"{Bytes(p)} bytes"));
        Assert.Equal(touched.Select(t => t.Nip).Order(), parsed.SelectMany(p => p.Nips).Order());
        var byNip = touched.ToDictionary(t => t.Nip!);
        Assert.All(parsed, p =>
        {
            Assert.Equal(p.Nips.Select(n => byNip[n].Unit).Distinct().Order(), p.Units.Order());
            Assert.Equal(p.Nips.Select(n => byNip[n].Region).Distinct().Order(), p.Regions.Order());
        });
    }

    [Fact]
    public void Events_UnitOnlyTouches_NameTheirUnitsWithoutNips()
    {
        var notice = ChangeNotice.Events([new EventTouch(null, "u1", "r1"), new EventTouch("199001012020011001", "u2", "r1")]);

        var p = Assert.IsType<EventsChanged>(ChangeMessages.TryParse(notice.Channel, Assert.Single(notice.Payloads)));
        Assert.Equal(["199001012020011001"], p.Nips);
        Assert.Equal(["u1", "u2"], p.Units);
        Assert.Equal(["r1"], p.Regions);
    }

    [Fact]
    public void Levels_LongIdsAndMultiByteText_AreCountedInBytes_NotCharacters()
    {
        // "é" and "漢" are escaped (\u00e9): 6 bytes each in the payload, whatever the server encoding
        var levels = Enumerable.Range(0, 400)
            .Select(i => new LevelChange($"{i:D18}" + new string('漢', 40), "2026-03", "DI_ATAS_EKSPEKTASI", "é" + new string('é', 30), null))
            .ToArray();

        var notice = ChangeNotice.Levels(levels);

        Assert.True(notice.Payloads.Count > 1);
        Assert.All(notice.Payloads, p => Assert.True(Bytes(p) <= ChangeSplitter.MaxPayloadBytes, $"{Bytes(p)} bytes"));
        var back = notice.Payloads.SelectMany(p => ((LevelsChanged)ChangeMessages.TryParse(ChangeChannels.Levels, p)!).Levels);
        Assert.Equal(levels, back);
    }

    [Fact]
    public void Split_OneItemOverTheLimit_FailsWithAClearError()
    {
        var huge = new string('9', 9000);

        var ex = Assert.Throws<ChangePayloadTooLargeException>(() => ChangeNotice.Access(huge));

        Assert.Contains("7999", ex.Message);
    }

    [Fact]
    public void Split_NoItems_NoPayload() => Assert.True(ChangeNotice.Triggers([]).IsEmpty);

    [Fact]
    public void Triggers_TensOfThousandsWithNames_EveryTriggerOnce()
    {
        // a month close: tens of thousands of triggers, each with an employee's and a unit's (multi-byte) name
        var triggers = Enumerable.Range(0, 20_000).Select(i => new AddedTrigger
        {
            Id = long.MaxValue - i, Kind = "COACHING", Code = "PEMBINAAN_KINERJA", Nip = $"{199001012020011000L + i}",
            EmployeeName = $"Ni Luh Putu Ayu Ñoman Saraswati Dewi {i}", UnitId = $"kota-uji-dinas-{i % 40}",
            UnitName = "Dinas Komunikasi, Informatika dan Persandian — Bidang Layanan", RegionId = "kota-uji",
            Period = "2026-03", Workflow = "pembinaan", Version = 3, Rule = "PEMBINAAN_KINERJA",
            FiredAt = DateTimeOffset.UnixEpoch.AddSeconds(i),
        }).ToArray();

        var notice = ChangeNotice.Triggers(triggers);

        Assert.All(notice.Payloads, p => Assert.True(Bytes(p) <= ChangeSplitter.MaxPayloadBytes));
        Assert.Equal(triggers, notice.Payloads.SelectMany(p => ((TriggersAdded)ChangeMessages.TryParse(ChangeChannels.Triggers, p)!).Triggers));
        // items of ~400 bytes split into equal slices fill payloads about three quarters: never one item per payload
        var minimum = (int)Math.Ceiling(notice.Payloads.Sum(Bytes) / (double)ChangeSplitter.MaxPayloadBytes);
        Assert.InRange(notice.Payloads.Count, minimum, minimum * 3 / 2);
    }
}
