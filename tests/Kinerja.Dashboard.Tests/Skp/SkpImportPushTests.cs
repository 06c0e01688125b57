using System.Text;
using Kinerja.Core.Changes;
using Kinerja.Dashboard.Tests.Employees;

namespace Kinerja.Dashboard.Tests.Skp;

/// <summary>
/// The hints of an import through the change feed (<c>kinerja_skp</c>, <see cref="Dashboard.Skp.SkpFeedHandler"/>) on the real
/// hub: 2,000 changed reports of one superior are split into several notifications under PostgreSQL's limit, and still one
/// <c>SkpChanged</c> on the superior's screen; each report's own screen gets its own one, the last report's from the last
/// notification as the first's from the first.
/// </summary>
public sealed class SkpImportPushTests(LoopServerFactory app) : SkpWorldTests(app, "sip", 8730)
{
    [Fact]
    public async Task TwoThousandChangedReports_SplitIntoSeveralNotifications_AreOneHintOnTheSuperiorsScreen()
    {
        await using var superior = await ConnectAsync("b", W.B);
        await using var first = await ConnectAsync("s1", W.S1);
        await using var last = await ConnectAsync("s2", W.S2);
        var (toSuperior, toFirst, toLast) = (CollectSkpChanged(superior), CollectSkpChanged(first), CollectSkpChanged(last));
        var touched = Enumerable.Range(0, 2_000)
            .Select(i => new SkpTouch(i switch { 0 => W.S1, 1_999 => W.S2, _ => $"19{i:D16}" }, W.B, W.RegionA, W.UnitA)).ToList();
        var notice = ChangeNotice.Skp(touched);
        Assert.True(notice.Payloads.Count > 1, $"{notice.Payloads.Count} payload(s)");
        Assert.All(notice.Payloads, p => Assert.True(Encoding.UTF8.GetByteCount(p) < 8000));

        await using (var conn = await App.DataSource.OpenConnectionAsync())
        {
            await ChangeFeed.SendAsync(conn, null, notice, CancellationToken.None);
        }

        Assert.Equal(W.S1, (await toSuperior.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(20))).GetProperty("nip").GetString());
        Assert.Equal(W.S1, (await toFirst.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(20))).GetProperty("nip").GetString());
        Assert.Equal(W.S2, (await toLast.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(20))).GetProperty("nip").GetString());
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.False(toSuperior.Reader.TryRead(out _), "the superior's screen got more than one SkpChanged for one import");
        Assert.False(toFirst.Reader.TryRead(out _), "a report's screen got more than one SkpChanged for one import");
        Assert.False(toLast.Reader.TryRead(out _), "a report's screen got more than one SkpChanged for one import");
    }
}
