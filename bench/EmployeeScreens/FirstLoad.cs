using System.Diagnostics;
using System.Globalization;

namespace Kinerja.Bench.EmployeeScreens;

/// <summary>
/// Measure B: <c>/saya</c>'s first load for a sample of employees, each with their own session: <c>GET /saya</c>, then
/// the API reads <c>saya.js</c> makes on load, in parallel as the browser does. Times are taken by the client on
/// loopback (the server sends no <c>Server-Timing</c>), so they include the loopback round trip (well under 1 ms).
/// Run once sequentially (one employee at a time) and once with <c>concurrency</c> employees loading at once.
/// </summary>
public static class FirstLoad
{
    public static string[] Reads(string period) =>
    [
        "/api/v1/me", "/api/v1/me/activities?period=" + period, "/api/v1/me/feedback?period=" + period,
        "/api/v1/me/ratings?period=" + period, "/api/v1/me/ratings/plan?period=" + period, "/api/v1/me/triggers",
    ];

    public sealed class Result(string period)
    {
        public Dictionary<string, Samples> PerRequest { get; } = new[] { "/saya" }.Concat(Reads(period)).ToDictionary(p => p, _ => new Samples());
        public Samples Whole { get; } = new();
        public int Errors;
    }

    public static async Task<Result> RunAsync(IReadOnlyList<Session> sample, string period, int concurrency)
    {
        var result = new Result(period);
        using var gate = new SemaphoreSlim(concurrency);
        await Task.WhenAll(sample.Select(async s =>
        {
            await gate.WaitAsync();
            try
            {
                var t0 = Stopwatch.GetTimestamp();
                await TimedAsync(s, "/saya", result);
                await Task.WhenAll(Reads(period).Select(p => TimedAsync(s, p, result)));
                result.Whole.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
            }
            finally
            {
                gate.Release();
            }
        }));
        return result;
    }

    private static async Task TimedAsync(Session s, string path, Result result)
    {
        var t0 = Stopwatch.GetTimestamp();
        using var res = await s.Client.GetAsync(path);
        await res.Content.ReadAsByteArrayAsync();
        var ms = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
        if (!res.IsSuccessStatusCode)
        {
            if (Interlocked.Increment(ref result.Errors) <= 5)
            {
                Console.WriteLine($"  GET {path} as {s.Person.Nip}: {(int)res.StatusCode}");
            }
            return;
        }
        result.PerRequest[path].Add(ms);
    }

    public static void Print(string title, Result r)
    {
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Measure B, {title}: {r.Whole.Count} first loads, {r.Errors} failed requests"));
        Console.WriteLine(Samples.Header);
        foreach (var (path, samples) in r.PerRequest)
        {
            Console.WriteLine(samples.Row("GET " + path.Split('?')[0]));
        }
        Console.WriteLine(r.Whole.Row("**whole first load (/saya, then the 6 reads in parallel)**"));
    }
}
