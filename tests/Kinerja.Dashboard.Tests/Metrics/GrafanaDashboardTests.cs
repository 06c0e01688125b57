using System.Text.Json;
using System.Text.RegularExpressions;
using Kinerja.Testing;

namespace Kinerja.Dashboard.Tests.Metrics;

/// <summary>
/// <c>docs/grafana/kinerja-dashboard.json</c> is a Grafana dashboard with a data-source variable, and every metric its
/// queries use is one the server exposes at <c>/metrics</c> (names as Prometheus sees them: <c>_total</c>,
/// <c>_seconds_bucket</c>, ...).
/// </summary>
[Collection(MetricsCollection.Name)]
public sealed partial class GrafanaDashboardTests(MetricsAppFactory app)
{
    private static readonly string DashboardPath = Path.Combine(BuiltDashboard.RepositoryRoot, "docs", "grafana", "kinerja-dashboard.json");

    /// <summary>
    /// The ingest's instruments (meter <c>Kinerja.Ingest</c>) come with the ingest writer's own metrics class; until a build
    /// has it, the scrape holds no <c>kinerja_ingest_</c> series at all and these names are the ones the dashboard may use
    /// for it. Once any <c>kinerja_ingest_</c> series is exposed, every name below must be.
    /// </summary>
    private static readonly string[] IngestNames =
    [
        "kinerja_ingest_items_total", "kinerja_ingest_queue_depth", "kinerja_ingest_batch_duration_seconds_bucket",
        "kinerja_ingest_batch_size_sum", "kinerja_ingest_batch_size_count",
    ];

    private static JsonElement Dashboard()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(DashboardPath));
        return document.RootElement.Clone();
    }

    /// <summary>Every PromQL expression: panel targets and query variables.</summary>
    private static List<string> Expressions(JsonElement dashboard)
    {
        var expressions = dashboard.GetProperty("panels").EnumerateArray()
            .Where(p => p.TryGetProperty("targets", out _))
            .SelectMany(p => p.GetProperty("targets").EnumerateArray())
            .Select(t => t.GetProperty("expr").GetString()!)
            .ToList();
        expressions.AddRange(dashboard.GetProperty("templating").GetProperty("list").EnumerateArray()
            .Where(v => v.GetProperty("type").GetString() == "query")
            .Select(v => LabelValuesLabel().Replace(v.GetProperty("definition").GetString()!, ")")));
        return expressions;
    }

    [Fact]
    public void Dashboard_Parses_WithADatasourceVariableUsedByEveryPanel()
    {
        var dashboard = Dashboard();
        Assert.False(string.IsNullOrWhiteSpace(dashboard.GetProperty("title").GetString()));
        var variables = dashboard.GetProperty("templating").GetProperty("list").EnumerateArray().ToList();
        Assert.Contains(variables, v => v.GetProperty("type").GetString() == "datasource"
                                        && v.GetProperty("query").GetString() == "prometheus"
                                        && v.GetProperty("name").GetString() == "datasource");
        var panels = dashboard.GetProperty("panels").EnumerateArray().Where(p => p.GetProperty("type").GetString() != "row").ToList();
        Assert.True(panels.Count >= 8, $"{panels.Count} panels");
        foreach (var panel in panels)
        {
            var title = panel.GetProperty("title").GetString();
            Assert.Equal("${datasource}", panel.GetProperty("datasource").GetProperty("uid").GetString());
            var targets = panel.GetProperty("targets").EnumerateArray().ToList();
            Assert.True(targets.Count > 0, $"{title}: no query");
            Assert.All(targets, t => Assert.False(string.IsNullOrWhiteSpace(t.GetProperty("expr").GetString()), title));
        }
        Assert.All(panels.Select(p => p.GetProperty("id").GetInt32()).GroupBy(id => id), g => Assert.Single(g));
    }

    [Fact]
    public async Task Dashboard_EveryMetricItQueries_IsExposedByTheServer()
    {
        // Label names (in by/without clauses and matchers) are not metrics: drop them before reading the names.
        var used = Expressions(Dashboard())
            .Select(e => Matchers().Replace(Grouping().Replace(e, " "), " "))
            .SelectMany(e => MetricName().Matches(e).Select(m => m.Value))
            .ToHashSet(StringComparer.Ordinal);
        // What the issue asks the dashboard to show.
        foreach (var family in new[] { "kinerja_ingest_items_total", "kinerja_ingest_queue_depth", "kinerja_ingest_batch_duration_seconds_bucket",
                     "kinerja_indicators_recompute_duration_seconds_bucket", "kinerja_rules_evaluation_duration_seconds_bucket",
                     "kinerja_rules_triggers_total", "kinerja_board_hub_connections", "kinerja_board_push_duration_seconds_bucket",
                     "kinerja_charts_renders_total" })
        {
            Assert.Contains(family, used);
        }

        await app.ActivityAsync();
        var client = app.ClientFrom("127.0.0.1");
        List<string> missing = [];
        MetricsScrape scrape = null!;
        // The scrape is cached for a moment and histograms of late work (a chart pass) may still come: retry briefly.
        await Eventually.TrueAsync(async () =>
        {
            scrape = await MetricsScrape.ReadAsync(client);
            var ingestBuilt = scrape.Names.Any(n => n.StartsWith("kinerja_ingest_", StringComparison.Ordinal));
            missing = used.Where(n => !scrape.Names.Contains(n) && (ingestBuilt || !IngestNames.Contains(n))).ToList();
            return missing.Count == 0;
        }, "every metric of the dashboard in /metrics", TimeSpan.FromSeconds(10)).ContinueWith(_ => { }, TaskScheduler.Default);
        Assert.True(missing.Count == 0, "The dashboard queries metrics the server does not expose: " + string.Join(", ", missing)
            + "\nExposed: " + string.Join(", ", scrape.Names.Where(n => !n.EndsWith("_bucket", StringComparison.Ordinal)).Order()));
    }

    [GeneratedRegex(@"\b(?:by|without)\s*\([^)]*\)")]
    private static partial Regex Grouping();

    [GeneratedRegex(@",\s*[a-zA-Z_][a-zA-Z0-9_]*\s*\)$")]
    private static partial Regex LabelValuesLabel();

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex Matchers();

    /// <summary>Metric names of the product, ASP.NET Core and the runtime, as PromQL uses them.</summary>
    [GeneratedRegex(@"\b(?:kinerja|http|dotnet|kestrel|signalr|aspnetcore|target)_[a-z0-9_]+\b")]
    private static partial Regex MetricName();
}
