using System.Globalization;
using System.Text.Json;

namespace Kinerja.Bench.Fanout;

/// <summary>
/// The live model's update phases during the load (the <c>live.phases</c> block of <c>GET /api/v1/board/stats</c>,
/// after minus before): average milliseconds per update of each phase and the load-independent counts per update.
/// </summary>
internal static class LivePhaseReport
{
    private static readonly string[] Times = ["signatureReadMs", "factsReadMs", "applyMs", "commitMs"];
    private static readonly string[] Counts = ["quickEmployees", "fullEmployees", "regionCommits", "unitsBuilt", "versionsMoved"];

    public static void Print(JsonElement before, JsonElement after, long updates)
    {
        if (!before.TryGetProperty("phases", out var b) || !after.TryGetProperty("phases", out var a))
        {
            Console.WriteLine("Live model phases: not reported by this server");
            return;
        }
        var n = Math.Max(1, updates);
        var times = string.Join(", ", Times.Select(t =>
            string.Create(CultureInfo.InvariantCulture, $"{t[..^2]} {(a.GetProperty(t).GetDouble() - b.GetProperty(t).GetDouble()) / n:0.00} ms")));
        var counts = string.Join(", ", Counts.Select(c =>
            string.Create(CultureInfo.InvariantCulture, $"{c} {(a.GetProperty(c).GetInt64() - b.GetProperty(c).GetInt64()) / (double)n:0.0}")));
        Console.WriteLine($"Live model phases per update: {times}");
        Console.WriteLine($"Live model counts per update: {counts}");
    }
}
