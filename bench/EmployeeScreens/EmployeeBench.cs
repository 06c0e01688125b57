using System.Diagnostics;
using System.Globalization;

namespace Kinerja.Bench.EmployeeScreens;

/// <summary>The run: server and seed, sign-ins and screens, measure B, measure A, then the bare baseline.</summary>
public static class EmployeeBench
{
    public static async Task<int> RunAsync(BenchOptions o)
    {
        var people = new Population(o.Employees, o.PerSuperior);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Employee-screens bench: {people.Reports.Count} employee screens under {people.Superiors.Count} superiors, {o.HistoryDays} days of history, "
            + $"approvals at {o.Rate:0.#}/s for {o.Seconds} s; first load for {o.Sample} employees (1 and {o.Concurrency} at once); server {o.ServerDll}"));
        Console.WriteLine($"Load average at start: {File.ReadAllText("/proc/loadavg").Trim()} on {Environment.ProcessorCount} cores");
        var watch = Stopwatch.StartNew();
        await using var server = await BenchServer.StartAsync(o.ServerDll, people);
        var uri = server.Process.BaseUri;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Server up (reference import, source key, start) in {watch.Elapsed.TotalSeconds:0.0} s"));

        watch.Restart();
        await History.SeedAsync(uri, server.SourceKey, people, o.HistoryDays);
        var pending = await History.PendingAsync(uri, server.SourceKey, people);
        await server.CreateAccountsAsync(people);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Seeding (history, {pending.Count} pending activities, {people.Everyone.Count()} accounts) took {watch.Elapsed.TotalSeconds:0.0} s"));

        watch.Restart();
        var sessions = await Session.SignInAllAsync(uri, people.Everyone, BenchServer.Password, 4);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{sessions.Count} people signed in at /masuk in {watch.Elapsed.TotalSeconds:0.0} s"));

        var zone = TimeZoneInfo.FindSystemTimeZoneById(Population.TimeZone);
        var period = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, zone).ToString("yyyy-MM", CultureInfo.InvariantCulture);
        watch.Restart();
        var screens = people.Reports.Select(p => new Screen(sessions[p.Nip], period)).ToList();
        for (var i = 0; i < screens.Count; i += 50)
        {
            await Task.WhenAll(screens.Skip(i).Take(50).Select(s => s.ConnectAsync(uri)));
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{screens.Count} screens subscribed to employee:{{nip}} in {watch.Elapsed.TotalSeconds:0.0} s; {screens.Count(s => s.MinutesAtStart >= 0)} got their Snapshot"));

        var sample = people.Reports.OrderBy(p => p.Nip.GetHashCode(StringComparison.Ordinal)).Take(o.Sample).Select(p => sessions[p.Nip]).ToList();
        await FirstLoad.RunAsync(sample.Take(Math.Min(20, sample.Count)).ToList(), period, 1); // warm-up (JIT, plans), not reported
        var sequential = await FirstLoad.RunAsync(sample, period, 1);
        var concurrent = await FirstLoad.RunAsync(sample, period, o.Concurrency);
        await Task.Delay(2000);

        if (o.Rate * o.Seconds > screens.Count)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Note: {o.Rate:0.#}/s x {o.Seconds} s is more than the {screens.Count} pending activities: each employee is approved once, so measure A ends after {screens.Count / o.Rate:0.0} s."));
        }
        var cpu0 = server.Process.Stats.CpuSeconds();
        var loadBefore = File.ReadAllText("/proc/loadavg").Split(' ')[0];
        var approvals = await Approvals.RunAsync(o, screens, sessions, people, pending);
        var cpu = server.Process.Stats.CpuSeconds() - cpu0;
        var loadAfter = File.ReadAllText("/proc/loadavg").Split(' ')[0];
        foreach (var s in screens)
        {
            await s.DisposeAsync();
        }
        foreach (var s in sessions.Values)
        {
            s.Dispose();
        }
        var bare = await BareServer.RunAsync(screens.Count, o.Rate, o.Seconds);

        FirstLoad.Print("sequential (one employee at a time)", sequential);
        FirstLoad.Print(string.Create(CultureInfo.InvariantCulture, $"{o.Concurrency} employees at once"), concurrent);
        Approvals.Print(approvals, bare);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Server CPU during measure A: {cpu:0.0} s; load average (1 min) {loadBefore} before, {loadAfter} after; "
            + $"ActivitiesChanged received in all: {screens.Sum(s => s.ActivitiesChangedCount)}, Snapshot: {screens.Sum(s => s.SnapshotCount)}"));
        var (hp99, bp99) = (approvals.Hint.Quantile(0.99), bare.Latency.Quantile(0.99));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Ratio approval -> screen p99 / bare SignalR p99: {(bp99 > 0 ? hp99 / bp99 : double.NaN):0.0}x; targets (issue 16): approval -> screen p99 <= 300 ms, first load p95 <= 200 ms"));
        return approvals.Lost == 0 && approvals.Failed == 0 ? 0 : 1;
    }
}
