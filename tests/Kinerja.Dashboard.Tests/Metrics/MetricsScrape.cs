using System.Net;
using System.Text.RegularExpressions;

namespace Kinerja.Dashboard.Tests.Metrics;

/// <summary>One scrape of <c>/metrics</c> in the Prometheus text format, with its series read back.</summary>
public sealed partial class MetricsScrape(string text)
{
    public string Text { get; } = text;

    /// <summary>Every sample line: series name, label text (without braces, empty when none) and value.</summary>
    public IReadOnlyList<(string Name, string Labels, string Value)> Samples { get; } = Sample().Matches(text)
        .Select(m => (m.Groups["name"].Value, m.Groups["labels"].Value, m.Groups["value"].Value)).ToList();

    /// <summary>The series names present (with their Prometheus suffixes: <c>_total</c>, <c>_bucket</c>, ...).</summary>
    public IReadOnlySet<string> Names => Samples.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);

    /// <summary>Every label value of every sample.</summary>
    public IEnumerable<string> LabelValues => Samples.SelectMany(s => LabelValue().Matches(s.Labels).Select(m => m.Groups[1].Value));

    /// <summary>Samples of <paramref name="name"/> whose labels contain <paramref name="label"/> (e.g. <c>kind="full"</c>).</summary>
    public IEnumerable<double> Values(string name, string? label = null) => Samples
        .Where(s => s.Name == name && (label is null || s.Labels.Contains(label, StringComparison.Ordinal)))
        .Select(s => double.Parse(s.Value, System.Globalization.CultureInfo.InvariantCulture));

    public static async Task<MetricsScrape> ReadAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/metrics");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"/metrics: {(int)response.StatusCode} {body}");
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType);
        return new MetricsScrape(body);
    }

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})? (?<value>\S+)( \d+)?$", RegexOptions.Multiline)]
    private static partial Regex Sample();

    [GeneratedRegex(@"[a-zA-Z_][a-zA-Z0-9_]*=""((?:[^""\\]|\\.)*)""")]
    private static partial Regex LabelValue();
}
