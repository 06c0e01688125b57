using System.Net;
using static Kinerja.Dashboard.Tests.Survey.SurveyRequests;

namespace Kinerja.Dashboard.Tests.Survey;

/// <summary><c>Kinerja:Survey:PerAddressPerMinute</c> (5 here): a burst from one address is cut off with 429.</summary>
public sealed class SurveyBurstTests(SurveyBurstAppFactory app) : IClassFixture<SurveyBurstAppFactory>
{
    [Fact]
    public async Task Burst_from_one_address_is_limited_after_the_allowance_of_the_minute()
    {
        // The window is the UTC minute: start the burst well inside one.
        if (DateTimeOffset.UtcNow.Second >= 50)
        {
            await Task.Delay(TimeSpan.FromSeconds(61 - DateTimeOffset.UtcNow.Second));
        }
        // Different devices (User-Agents), one address: only the address limit bites.
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 8; i++)
        {
            var response = await PostAsync(Device(app), Board.BoardAppFactory.BigUnit, Body());
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.True(response.Headers.RetryAfter?.Delta is { TotalSeconds: > 0 and <= 60 });
            }
        }

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.OK, 5), .. Enumerable.Repeat(HttpStatusCode.TooManyRequests, 3)],
            statuses);
    }
}
