using System.Text.Json;

namespace Kinerja.Dashboard.Tests.Board;

/// <summary>The board server with a refresh tick far away, so only changes and the settle flush push.</summary>
public sealed class QuietBoardAppFactory : BoardAppFactory
{
    protected override int RefreshSeconds => 120;
}

/// <summary>
/// Pushes once per data version, plus the settle flush just after the feed goes quiet: screens learn that
/// the same figures are complete as of a later instant without waiting for the refresh tick.
/// </summary>
public sealed class BoardSettleTests(QuietBoardAppFactory app) : IClassFixture<QuietBoardAppFactory>
{
    [Fact]
    public async Task Ingest_FeedGoesQuiet_SameVersionSentOnceMoreWithLaterAsOf()
    {
        await using var client = await HubClient.ConnectAsync(app);
        await client.SubscribeAsync("region:" + BoardAppFactory.RegionId);
        var (first, _) = await client.WaitForAsync("Indicators", _ => true, TimeSpan.FromSeconds(2));

        await BoardIngest.ActivitiesAsync(app.Source, app.BigUnitNips.Take(1), minutes: 7);
        var (changed, _) = await client.WaitForAsync("Indicators", p => Version(p) > Version(first), TimeSpan.FromSeconds(3));
        var (settled, _) = await client.WaitForAsync("Indicators",
            p => Version(p) == Version(changed) && AsOf(p) > AsOf(changed), TimeSpan.FromSeconds(3));
        // Chart passes of the new version flush the region again; they must not resend its Indicators.
        await client.WaitForAsync("Chart", c => c.GetProperty("version").GetInt64() >= Version(changed), TimeSpan.FromSeconds(3));

        Assert.Equal(changed.GetProperty("figures").GetRawText(), settled.GetProperty("figures").GetRawText());
        Assert.Equal(2, client.Messages.Count(m => m.Method == "Indicators" && Version(m.Payload) == Version(changed)));
    }

    private static long Version(JsonElement indicators) => indicators.GetProperty("version").GetInt64();

    private static DateTimeOffset AsOf(JsonElement indicators) => indicators.GetProperty("asOf").GetDateTimeOffset();
}
