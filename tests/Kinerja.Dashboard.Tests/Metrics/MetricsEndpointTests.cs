using System.Net;
using System.Text.RegularExpressions;

namespace Kinerja.Dashboard.Tests.Metrics;

/// <summary>
/// <c>GET /metrics</c>: Prometheus text without a sign-in from the allowed networks only, with the product's series after
/// activity, and no personal data in any of them.
/// </summary>
[Collection(MetricsCollection.Name)]
public sealed partial class MetricsEndpointTests(MetricsAppFactory app)
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    [InlineData("10.20.3.4")]
    public async Task Scrape_FromAnAllowedNetwork_WithoutSignIn_IsPrometheusText(string address)
    {
        var scrape = await MetricsScrape.ReadAsync(app.ClientFrom(address));
        Assert.Contains("# TYPE ", scrape.Text);
        Assert.Contains(scrape.Names, n => n.StartsWith("dotnet_", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("192.0.2.15")]
    [InlineData("10.21.0.1")]
    [InlineData("2001:db8::5")]
    [InlineData(null)]
    public async Task Scrape_FromElsewhere_Is404LikeAnUnknownPath(string? address)
    {
        using var response = await app.ClientFrom(address).GetAsync("/metrics");
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("# TYPE", body);
        Assert.DoesNotContain("kinerja_", body);
    }

    [Fact]
    public async Task Scrape_AfterIngestAndAScreen_HasTheProductSeries()
    {
        await app.ActivityAsync();
        var client = app.ClientFrom("127.0.0.1");
        MetricsScrape scrape = null!;
        string[] wanted =
        [
            "kinerja_indicators_recompute_duration_seconds_bucket", "kinerja_indicators_recompute_employees_total",
            "kinerja_rules_evaluation_duration_seconds_count", "kinerja_rules_snapshots_total", "kinerja_rules_triggers_total",
            "kinerja_board_hub_connections", "kinerja_board_hub_subscriptions", "kinerja_board_push_duration_seconds_bucket",
            "kinerja_charts_renders_total", "kinerja_charts_render_duration_seconds_bucket",
            "http_server_request_duration_seconds_bucket",
        ];
        var missing = wanted;
        try
        {
            await Kinerja.Testing.Eventually.TrueAsync(async () =>
            {
                scrape = await MetricsScrape.ReadAsync(client);
                missing = wanted.Where(n => !scrape.Names.Contains(n)).ToArray();
                if (!scrape.Samples.Any(s => s.Name == "kinerja_rules_triggers_total" && s.Labels.Contains("workflow=\"uji_metrik_terbit\"")))
                {
                    missing = [.. missing, "kinerja_rules_triggers_total{workflow=\"uji_metrik_terbit\"}"];
                }
                return missing.Length == 0;
            }, "every product series in /metrics", TimeSpan.FromSeconds(30));
        }
        catch (TimeoutException)
        {
            Assert.Fail("series missing from /metrics after 30 s: " + string.Join(", ", missing));
        }

        Assert.True(scrape.Values("kinerja_indicators_recompute_duration_seconds_count", "kind=\"incremental\"").Sum() > 0);
        Assert.True(scrape.Values("kinerja_board_hub_connections", "hub=\"board\"").Sum() >= 1);
        Assert.True(scrape.Values("kinerja_board_hub_subscriptions", "group_kind=\"region\"").Sum() >= 1);
        Assert.True(scrape.Values("kinerja_charts_renders_total", "format=\"svg\"").Sum() > 0);
        Assert.True(scrape.Values("kinerja_charts_renders_total", "format=\"png\"").Sum() > 0);
        Assert.True(scrape.Values("kinerja_rules_triggers_total", "kind=\"REWARD\"").Sum() >= 1);
        // counted from the publish made while the host runs (the start-up evaluation may come before the meter listens)
        Assert.Contains(scrape.Samples, s => s.Name == "kinerja_rules_triggers_total" && s.Labels.Contains("workflow=\"uji_metrik_terbit\""));
    }

    [Fact]
    public async Task Scrape_AfterActivity_CarriesNoNipNameOrSourceKey()
    {
        await app.ActivityAsync();
        var scrape = await MetricsScrape.ReadAsync(app.ClientFrom("127.0.0.1"));

        var nipLike = scrape.LabelValues.Where(v => EighteenDigits().IsMatch(v)).ToList();
        Assert.True(nipLike.Count == 0, "NIP-like label values: " + string.Join(", ", nipLike));
        foreach (var nip in app.BigUnitNips.Concat(app.SmallUnitNips))
        {
            Assert.DoesNotContain(nip, scrape.Text);
        }
        // The seeded employees' names, the source's name and the units (a unit of a few people can name them).
        foreach (var personal in new[] { "Pegawai Uji", "Kepala " + MetricsAppFactory.BigUnit, "sumber-papan",
                     MetricsAppFactory.BigUnit, MetricsAppFactory.SmallUnit, "kin_" })
        {
            Assert.DoesNotContain(personal, scrape.Text, StringComparison.OrdinalIgnoreCase);
        }
        Assert.Contains(scrape.Names, n => n.StartsWith("kinerja_", StringComparison.Ordinal));
    }

    [GeneratedRegex(@"\d{18}")]
    private static partial Regex EighteenDigits();
}
