using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kinerja.Bench.Soak;

/// <summary>One publish: when (minutes into the run), the version it made and how long the API took.</summary>
public sealed record Publish(double AtMinute, int Version, double Ms, string Change);

/// <summary>
/// Every <c>PublishEveryMinutes</c> an HR session publishes a real change to the <c>pembinaan</c> workflow through
/// <c>POST /api/v1/rules/publish</c>: the active version's "activity far below target" threshold alternates
/// between 50 % and 49 %, so every publish differs from the active one and makes a new version (which the live
/// evaluator then applies to everyone).
/// </summary>
public sealed class RulePublisher(HttpClient sdm, SoakOptions o, Timeline timeline)
{
    private const string Workflow = "pembinaan";
    private const string From = "capaianAktivitas < 50";
    private const string To = "capaianAktivitas < 49";

    public List<Publish> Publishes { get; } = [];

    public List<string> Failures { get; } = [];

    public async Task RunAsync(CancellationToken ct)
    {
        for (var k = 1; ; k++)
        {
            var due = TimeSpan.FromMinutes(k * o.PublishEveryMinutes);
            if (due >= o.Duration)
            {
                return;
            }
            var wait = due - timeline.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, ct);
            }
            try
            {
                var done = await PublishAsync(k, ct);
                lock (Publishes)
                {
                    Publishes.Add(done);
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or InvalidOperationException or KeyNotFoundException or JsonException)
            {
                Failures.Add($"{timeline.Elapsed.TotalMinutes:0.0} min: {ex.Message}");
                Console.Error.WriteLine($"publish {k} failed: {ex.Message}");
            }
        }
    }

    private async Task<Publish> PublishAsync(int k, CancellationToken ct)
    {
        var at = timeline.Elapsed.TotalMinutes;
        var watch = Stopwatch.StartNew();
        var overview = await sdm.GetFromJsonAsync<JsonElement>("/api/v1/rules", ct);
        var active = overview.GetProperty("active").GetProperty(Workflow).GetInt32();
        var detail = await sdm.GetFromJsonAsync<JsonNode>($"/api/v1/rules/{Workflow}/versions/{active}", ct)
            ?? throw new InvalidOperationException("empty version detail");
        var json = detail["json"] ?? throw new InvalidOperationException("version detail without json");
        var change = "";
        foreach (var rule in json["Rules"]!.AsArray())
        {
            var expression = rule!["Expression"]?.GetValue<string>() ?? "";
            if (expression.Contains(From, StringComparison.Ordinal))
            {
                rule["Expression"] = expression.Replace(From, To, StringComparison.Ordinal);
                change = "< 50 → < 49";
                break;
            }
            if (expression.Contains(To, StringComparison.Ordinal))
            {
                rule["Expression"] = expression.Replace(To, From, StringComparison.Ordinal);
                change = "< 49 → < 50";
                break;
            }
        }
        if (change.Length == 0)
        {
            throw new InvalidOperationException($"no rule of {Workflow} v{active} holds '{From}' or '{To}'");
        }
        using var response = await sdm.PostAsJsonAsync("/api/v1/rules/publish", new
        {
            workflows = new[] { json.DeepClone() },
            author = "soak-bench",
            note = $"uji beban #{k}: ambang pembinaan {change}",
        }, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{(int)response.StatusCode}: {text}");
        }
        var version = JsonDocument.Parse(text).RootElement.GetProperty("versions")[0].GetProperty("version").GetInt32();
        return new Publish(at, version, watch.Elapsed.TotalMilliseconds, change);
    }
}
