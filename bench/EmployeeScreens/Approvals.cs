using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace Kinerja.Bench.EmployeeScreens;

/// <summary>
/// Measure A: superiors approve their reports' pending activities through <c>POST /api/v1/team/reviews</c>, one
/// approval per request, paced at <c>rate</c> per second for <c>seconds</c> (each report once at most), while every
/// report's screen is connected. Per approval: POST sent → its response (committed), → the employee's screen got
/// <c>ActivitiesChanged</c>, → the screen's re-read showed the activity approved. Lost = no hint within 10 s.
/// </summary>
public static class Approvals
{
    public static readonly TimeSpan LostAfter = TimeSpan.FromSeconds(10);

    public sealed record Result(Samples Post, Samples Hint, Samples Shown, int Sent, int Failed, int Lost, int NotShown,
        int MinutesMoved, int EarlyReReads, double WallSeconds);

    public static async Task<Result> RunAsync(BenchOptions o, IReadOnlyList<Screen> screens, IReadOnlyDictionary<string, Session> sessions,
        Population people, IReadOnlyDictionary<string, Guid> pending)
    {
        var superiorOf = people.Reports.ToDictionary(p => p.Nip, p => p.SupervisorNip!);
        var order = screens.OrderBy(_ => Random.Shared.Next()).Take((int)Math.Min(screens.Count, Math.Round(o.Rate * o.Seconds))).ToArray();
        var post = new Samples();
        var failed = 0;
        var tasks = new List<Task>();
        var interval = Stopwatch.Frequency / o.Rate;
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < order.Length; i++)
        {
            var due = start + (long)(i * interval);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }
            var screen = order[i];
            var superior = sessions[superiorOf[screen.Nip]];
            var activity = pending[screen.Nip];
            tasks.Add(Task.Run(async () =>
            {
                screen.Arm(activity);
                var t0 = Stopwatch.GetTimestamp();
                try
                {
                    using var res = await superior.Client.PostAsJsonAsync("/api/v1/team/reviews",
                        new[] { new { eventId = Guid.NewGuid(), activityEventId = activity, approved = true, note = (string?)null } });
                    var body = await res.Content.ReadAsStringAsync();
                    post.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
                    using var doc = JsonDocument.Parse(body);
                    if (!res.IsSuccessStatusCode || doc.RootElement.GetProperty("accepted").GetInt32() != 1)
                    {
                        Interlocked.Increment(ref failed);
                        Console.WriteLine($"  approval of {activity} by {superior.Person.Nip}: {(int)res.StatusCode} {body[..Math.Min(300, body.Length)]}");
                    }
                }
                catch (Exception ex) when (ex is HttpRequestException or JsonException or TaskCanceledException)
                {
                    Interlocked.Increment(ref failed);
                    Console.WriteLine($"  approval of {activity}: {ex.Message}");
                }
            }));
        }
        await Task.WhenAll(tasks);
        var wall = Stopwatch.GetElapsedTime(start).TotalSeconds;
        // wait until every screen got its hint and re-read, or the lost limit passed
        var waitStart = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(waitStart) < LostAfter && order.Any(s => s.ShownMs is null))
        {
            await Task.Delay(100);
        }
        var hint = new Samples();
        var shown = new Samples();
        foreach (var s in order)
        {
            if (s.HintMs is { } h && h <= LostAfter.TotalMilliseconds)
            {
                hint.Add(h);
            }
            if (s.ShownMs is { } v)
            {
                shown.Add(v);
            }
        }
        return new Result(post, hint, shown, order.Length, failed, order.Length - hint.Count, order.Length - shown.Count,
            order.Count(s => s.MinutesMoved), order.Sum(s => s.EarlyReReads), wall);
    }

    public static void Print(Result r, BareServer.Result bare)
    {
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Measure A: {r.Sent} approvals in {r.WallSeconds:0.0} s ({r.Sent / Math.Max(0.001, r.WallSeconds):0.0}/s), {r.Failed} failed, "
            + $"lost (no ActivitiesChanged within {LostAfter.TotalSeconds:0} s): {r.Lost}, never shown approved: {r.NotShown}"));
        Console.WriteLine(Samples.Header);
        Console.WriteLine(r.Post.Row("approval POST -> response (committed)"));
        Console.WriteLine(r.Hint.Row("**approval POST -> employee's screen got ActivitiesChanged**"));
        Console.WriteLine(r.Shown.Row("approval POST -> screen's re-read (me/activities + me) shows disetujui"));
        Console.WriteLine(bare.Latency.Row("bare SignalR baseline: POST -> trivial hub's message to the group"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"The server pushes no Snapshot after a review (only on Subscribe): the screen re-reads GET /api/v1/me. In the re-read that "
            + $"showed the approval, snapshot.activityMinutes had moved for {r.MinutesMoved} of {r.Shown.Count}; {r.EarlyReReads} re-reads came too early."));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Baseline: {bare.Sent} notifications to {bare.Clients} clients in {bare.Clients} groups at the same rate, lost {bare.Sent - bare.Latency.Count}."));
    }
}
