using System.Text.Json;
using System.Xml.Linq;

namespace Kinerja.Dashboard.Tests.Board;

/// <summary>The board server with a privacy minimum above both units' sizes (<c>Kinerja:Privacy:MinGroupSize</c> = 20).</summary>
public sealed class StrictPrivacyBoardAppFactory : BoardAppFactory
{
    public const int MinGroupSize = 20;

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
    {
        ["Kinerja:Privacy:MinGroupSize"] = MinGroupSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}

/// <summary>One privacy setting reaches every public output: the hub payload, the public charts and the page's note.</summary>
public sealed class PrivacyMinimumTests(StrictPrivacyBoardAppFactory app) : IClassFixture<StrictPrivacyBoardAppFactory>
{
    [Fact]
    public async Task PublicGroup_ConfiguredMinimumAboveEveryUnit_SuppressesUnitsAndHeadline()
    {
        await using var client = await HubClient.ConnectAsync(app);
        await client.SubscribeAsync("public:" + BoardAppFactory.RegionId);
        var (payload, _) = await client.WaitForAsync("Indicators", _ => true, TimeSpan.FromSeconds(3));

        var units = payload.GetProperty("units").EnumerateArray().ToArray();
        Assert.Equal(2, units.Length);
        Assert.All(units, u =>
        {
            Assert.True(u.GetProperty("suppressed").GetBoolean());
            Assert.Equal(JsonValueKind.Null, u.GetProperty("employeeCount").ValueKind);
        });
        Assert.Equal(JsonValueKind.Null, payload.GetProperty("figures").GetProperty("employeeCount").ValueKind);

        // The public bar charts draw every unit as "—" (no bar), never a figure.
        var (chart, _) = await client.WaitForAsync("Chart",
            c => c.GetProperty("chartId").GetString() == $"p.{BoardAppFactory.RegionId}.pengisian", TimeSpan.FromSeconds(5));
        var labels = XDocument.Parse(chart.GetProperty("svg").GetString()!).Descendants()
            .Where(e => e.Name.LocalName == "text").Select(e => e.Value).ToList();
        Assert.Equal(2, labels.Count(l => l == "—"));
        Assert.DoesNotContain(labels, l => l.Length > 1 && l.EndsWith('%')); // no unit's value label
    }

    [Fact]
    public async Task PublicPage_StatesTheConfiguredMinimum()
    {
        var html = await app.CreateClient().GetStringAsync("/publik/" + BoardAppFactory.RegionId);
        Assert.Contains($"kurang dari {StrictPrivacyBoardAppFactory.MinGroupSize} pegawai", html);
    }
}
