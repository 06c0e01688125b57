using System.Net;
using Kinerja.Dashboard.Tests.Board;
using static Kinerja.Dashboard.Tests.Survey.ComplaintQueueTests;

namespace Kinerja.Dashboard.Tests.Survey;

/// <summary>
/// The leaders' board figures of the complaint queue (counts only): open complaints and the share answered within
/// <c>Kinerja:Survey:ComplaintAnswerDays</c> (5 here); the texts never reach the summary or the public display.
/// </summary>
public sealed class ComplaintSummaryTests(ComplaintAppFactory app) : IClassFixture<ComplaintAppFactory>
{
    private const string Region = BoardAppFactory.RegionId;
    private const string Big = BoardAppFactory.BigUnit;

    [Fact]
    public async Task Summary_counts_open_complaints_and_the_share_answered_in_time_and_the_public_display_shows_no_text()
    {
        await app.ReadyAsync();
        var sdm = await Access.AccessClients.ClientAsAsync(app, "sdm");
        var marker = "rahasia-aduan-" + Guid.NewGuid().ToString("N")[..8];
        var inTime = await ComplaintAsync(app, Big, marker + " dijawab cepat");
        var lateOpen = await ComplaintAsync(app, Big, marker + " terlambat, belum dijawab");
        await ComplaintAsync(app, Big, marker + " baru masuk");
        var lateAnswered = await ComplaintAsync(app, Big, marker + " dijawab terlambat");
        var closed = await ComplaintAsync(app, Big, marker + " iklan");
        await AgeAsync(lateOpen, days: 10);
        await AgeAsync(lateAnswered, days: 10);
        foreach (var id in new[] { inTime, lateAnswered })
        {
            Assert.Equal(HttpStatusCode.OK, (await Move(sdm, id, new { to = "diproses" })).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await Move(sdm, id, new { to = "selesai", response = "Sudah diperbaiki." })).StatusCode);
        }
        Assert.Equal(HttpStatusCode.OK, (await Move(sdm, closed, new { to = "ditutup", reason = "Iklan." })).StatusCode);
        var leader = await Access.AccessClients.ClientAsAsync(app, "pimpinan", Region);

        var summary = await leader.GetAsync($"/api/v1/complaints/summary?regionId={Region}");
        var text = await summary.Content.ReadAsStringAsync();
        var big = (await ComplaintQueueTests.Json(summary)).GetProperty("units").EnumerateArray().Single(u => u.GetProperty("unitId").GetString() == Big);
        var otherRegion = await leader.GetAsync($"/api/v1/complaints/summary?regionId={ComplaintAppFactory.OtherRegion}");
        var badPeriod = await leader.GetAsync($"/api/v1/complaints/summary?regionId={Region}&period=2026-13");

        Assert.Equal(HttpStatusCode.OK, summary.StatusCode);
        Assert.Equal(2, big.GetProperty("open").GetInt32()); // the late open one and the fresh one
        Assert.Equal(3, big.GetProperty("due").GetInt32()); // answered in time, answered late, open past the limit
        Assert.Equal(1, big.GetProperty("answeredInTime").GetInt32());
        Assert.Equal(0.3333, big.GetProperty("answeredInTimeShare").GetDouble());
        Assert.Equal(5, (await ComplaintQueueTests.Json(await leader.GetAsync($"/api/v1/complaints/summary?regionId={Region}"))).GetProperty("answerDays").GetInt32());
        Assert.DoesNotContain(marker, text);
        Assert.Equal(HttpStatusCode.Forbidden, otherRegion.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badPeriod.StatusCode);

        await using var client = await HubClient.ConnectAsync(app, user: null);
        await client.SubscribeAsync("public:" + Region);
        var (payload, _) = await client.WaitForAsync("Indicators", p => p.GetProperty("units").EnumerateArray()
            .Any(u => u.GetProperty("unitId").GetString() == Big && u.GetProperty("ikmRespondents").GetInt32() >= 5), TimeSpan.FromSeconds(5));
        Assert.DoesNotContain(marker, payload.GetRawText());
        Assert.DoesNotContain(marker, await app.CreateClient().GetStringAsync($"/publik/{Region}"));
    }

    /// <summary>Moves a response's submission back (test data: a complaint that waited <paramref name="days"/> days).</summary>
    private async Task AgeAsync(Guid id, int days)
    {
        await using var conn = await app.DataSource.OpenConnectionAsync();
        await using var cmd = new Npgsql.NpgsqlCommand(
            "update survey_response set submitted_at = submitted_at - make_interval(days => $2) where event_id = $1", conn);
        cmd.Parameters.AddWithValue(id);
        cmd.Parameters.AddWithValue(days);
        Assert.Equal(1, await cmd.ExecuteNonQueryAsync());
    }
}
