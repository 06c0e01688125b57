using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Kinerja.Bench.EmployeeScreens;

/// <summary>
/// Seeds the history through the public ingest API with the bench source's key, as a source system would: for every
/// person and every working day (Mon-Fri) of the last <c>days</c> local days before today, one activity (300-360
/// minutes), its superior's review (95 % approved, 5 % returned with a note) and an attendance record. Then one
/// pending activity of today per report: the one measure A approves.
/// </summary>
public static class History
{
    private const int Batch = 5000;

    public static async Task SeedAsync(Uri server, string key, Population people, int days)
    {
        using var http = new HttpClient { BaseAddress = server, Timeout = TimeSpan.FromMinutes(5) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(Population.TimeZone);
        var offset = zone.GetUtcOffset(DateTime.UtcNow);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, zone).DateTime);
        var workdays = Enumerable.Range(1, days).Select(d => today.AddDays(-d))
            .Where(d => d.DayOfWeek is not DayOfWeek.Saturday and not DayOfWeek.Sunday).Order().ToArray();
        var random = new Random(16);
        var activities = new List<object>();
        var reviews = new List<object>();
        var attendance = new List<object>();
        foreach (var p in people.Everyone)
        {
            foreach (var day in workdays)
            {
                var id = Guid.NewGuid();
                var at = new DateTimeOffset(day.ToDateTime(new TimeOnly(9, 0)), offset);
                activities.Add(new { eventId = id, nip = p.Nip, occurredAt = at, minutes = 300 + random.Next(61), description = "Laporan harian bench" });
                if (p.SupervisorNip is not null)
                {
                    var approved = random.Next(20) != 0;
                    reviews.Add(new { eventId = Guid.NewGuid(), activityEventId = id, approved, reviewerNip = p.SupervisorNip,
                        at = at.AddHours(8), note = approved ? null : "Mohon lengkapi keluaran." });
                }
                var late = random.Next(10) == 0;
                attendance.Add(new { eventId = Guid.NewGuid(), nip = p.Nip, day = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    status = late ? "terlambat" : "hadir", lateMinutes = late ? 5 + random.Next(40) : 0 });
            }
        }
        var watch = Stopwatch.StartNew();
        await PostAllAsync(http, "activities", activities);
        await PostAllAsync(http, "reviews", reviews);
        await PostAllAsync(http, "attendance", attendance);
        var total = activities.Count + reviews.Count + attendance.Count;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  history: {workdays.Length} working days x {people.Everyone.Count()} people: {activities.Count:N0} activities, {reviews.Count:N0} reviews, "
            + $"{attendance.Count:N0} attendance records = {total:N0} events in {watch.Elapsed.TotalSeconds:0.0} s ({total / Math.Max(0.001, watch.Elapsed.TotalSeconds):N0}/s, HTTP ingest)"));
    }

    /// <summary>One pending activity of today for every report (30 minutes ago, so never in the future); returns their event ids by NIP.</summary>
    public static async Task<Dictionary<string, Guid>> PendingAsync(Uri server, string key, Population people)
    {
        using var http = new HttpClient { BaseAddress = server, Timeout = TimeSpan.FromMinutes(5) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        var ids = people.Reports.ToDictionary(p => p.Nip, _ => Guid.NewGuid());
        var at = DateTimeOffset.UtcNow.AddMinutes(-30);
        await PostAllAsync(http, "activities", people.Reports
            .Select(p => (object)new { eventId = ids[p.Nip], nip = p.Nip, occurredAt = at, minutes = 60, description = "Menunggu persetujuan (bench)" })
            .ToList());
        return ids;
    }

    private static async Task PostAllAsync(HttpClient http, string stream, List<object> items)
    {
        // two requests in flight; activities must be stored before the reviews that name them, so streams go one after the other
        using var gate = new SemaphoreSlim(2);
        var tasks = items.Chunk(Batch).Select(async chunk =>
        {
            await gate.WaitAsync();
            try
            {
                for (var attempt = 0; ; attempt++)
                {
                    using var res = await http.PostAsJsonAsync("/api/v1/" + stream, chunk);
                    if (res.StatusCode == HttpStatusCode.ServiceUnavailable && attempt < 60)
                    {
                        await Task.Delay(res.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1));
                        continue;
                    }
                    var body = await res.Content.ReadAsStringAsync();
                    if (!res.IsSuccessStatusCode)
                    {
                        throw new InvalidOperationException($"POST /api/v1/{stream}: {(int)res.StatusCode} {body[..Math.Min(500, body.Length)]}");
                    }
                    using var doc = JsonDocument.Parse(body);
                    var ok = doc.RootElement.GetProperty("accepted").GetInt32() + doc.RootElement.GetProperty("duplicates").GetInt32();
                    if (ok != chunk.Length)
                    {
                        var first = doc.RootElement.GetProperty("items").EnumerateArray().FirstOrDefault(i => i.GetProperty("status").ToString() is not ("Accepted" or "accepted" or "0"));
                        throw new InvalidOperationException($"POST /api/v1/{stream}: {chunk.Length - ok} of {chunk.Length} items not accepted, first: {first}");
                    }
                    return;
                }
            }
            finally
            {
                gate.Release();
            }
        }).ToList();
        await Task.WhenAll(tasks);
    }
}
