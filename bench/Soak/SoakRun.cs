using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace Kinerja.Bench.Soak;

/// <summary>Start the server, sign in, connect the screens, run the load, sample, verify, report.</summary>
public static class SoakRun
{
    private sealed record RegionDto(string Id);
    private sealed record UnitDto(string Id, string RegionId);
    private sealed record EmployeeDto(string Nip, string UnitId);

    public static async Task<int> RunAsync(SoakOptions o, CancellationToken ct)
    {
        var dll = File.Exists(o.ServerDll) ? o.ServerDll : throw new FileNotFoundException(
            "Build the server first: dotnet build -c Release src/Dashboard", o.ServerDll);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Soak: {o.Minutes:0.#} min, ingest {o.Rate:0} events/s ({o.BatchSize}/request, {o.Connections} connections, ≤{o.MaxInFlight} in flight), {o.Clients} screens (every {o.PublicEvery}th public), a rule publish every {o.PublishEveryMinutes:0.#} min; {Environment.ProcessorCount} cores; started {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC"));
        await using var server = await SoakServer.StartAsync(dll, o.PgStatements > 0 ? PgStatements.ServerArgs(o.PgExplainMs) : [], ct);
        using var admin = await SignIn.AsAsync(server.Process.BaseUri, "demo-admin", server.AdminPassword, ct);
        using var sdm = await SignIn.AsAsync(server.Process.BaseUri, "demo-sdm", server.SdmPassword, ct);
        var regions = (await admin.Client.GetFromJsonAsync<RegionDto[]>("/api/v1/regions", ct))!.Select(r => r.Id).Order(StringComparer.Ordinal).ToArray();
        var regionIndex = regions.Select((r, i) => (r, i)).ToDictionary(x => x.r, x => x.i);
        var unitRegion = (await admin.Client.GetFromJsonAsync<UnitDto[]>("/api/v1/units", ct))!.ToDictionary(u => u.Id, u => regionIndex[u.RegionId]);
        var employees = (await admin.Client.GetFromJsonAsync<EmployeeDto[]>("/api/v1/employees", ct))!
            .Select(e => new Employee(e.Nip, unitRegion[e.UnitId])).ToArray();
        Console.WriteLine($"Server up (pid {server.Process.Pid}, PostgreSQL pid {server.PostmasterPid()}): {regions.Length} regions, {employees.Length} employees; signed in as demo-admin and demo-sdm");
        var limits = o.DailyMax > 0 ? await RegionLimits.SetDailyMaxAsync(server, dll, admin.Client, o.DailyMax, ct) : await RegionLimits.ReadAsync(admin.Client, ct);
        var limitsSet = System.Diagnostics.Stopwatch.StartNew();
        if (!limits.Select(r => r.Id).SequenceEqual(regions))
        {
            throw new InvalidOperationException("The regions changed between two reads of /api/v1/regions.");
        }
        var items = (long)IngestLoad.Schedule(o) * o.BatchSize;
        var plan = await WorkloadPlan.CreateAsync(server.ConnectionString(), employees, limits, items,
            DateOnly.FromDateTime(DateTime.UtcNow), o.AllowOverLimit, ct);
        Console.WriteLine(plan.Describe());
        if (plan.ExceedsLimit && !o.AllowOverLimit)
        {
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Refusing to run: {items:N0} items over at most {WorkloadPlan.MaxDays} days would put more minutes on an employee's day than its region allows, and the server would reject the excess. Lower --rate or --minutes, raise --daily-max (up to 1440), or pass --allow-over-limit for a deliberate flood."));
            return 3;
        }
        if (o.PlanOnly)
        {
            return 0;
        }

        var timeline = new Timeline(o.Minutes);
        var acks = new AckLog(regions.Length);
        await using var screens = new Screens(server.Process.BaseUri, admin.Cookies, regions, timeline, acks);
        var connectWatch = System.Diagnostics.Stopwatch.StartNew();
        await screens.ConnectAsync(o.Clients, o.PublicEvery, ct);
        Console.WriteLine($"{screens.Count} screens connected and subscribed in {connectWatch.Elapsed.TotalSeconds:0.0} s");

        // the ingest re-reads reference data when its snapshot is older than its refresh interval: let a changed maximum reach it
        if (o.DailyMax > 0 && RegionLimits.IngestRefresh - limitsSet.Elapsed is { Ticks: > 0 } settle)
        {
            Console.WriteLine($"Waiting {settle.TotalSeconds:0} s for the ingest to re-read the reference data");
            await Task.Delay(settle, ct);
        }
        var load = new IngestLoad(o, server.Process.BaseUri, server.SourceKey, plan, regions.Length, timeline, acks);
        var publisher = new RulePublisher(sdm.Client, o, timeline);
        var sampler = new Sampler(server, admin.Client, timeline, publisher);
        var benchCpu = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
        var statements = o.PgStatements > 0 ? new PgStatements(server.ConnectionString(), o.PgStatements) : null;
        if (statements is not null)
        {
            await statements.ResetAsync(ct);
        }
        timeline.Start();
        var ingest = load.RunAsync(ct);
        var half = statements is null ? Task.CompletedTask
            : Task.Delay(o.Duration / 2, ct).ContinueWith(_ => statements.HalfAsync(timeline.Elapsed, ct), ct,
                TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default).Unwrap();
        var publishing = publisher.RunAsync(ct);
        var sampling = sampler.RunAsync(ct);
        await ingest;
        var loadEnded = timeline.Elapsed;
        await half.ContinueWith(_ => { }, TaskScheduler.Default);
        if (statements is not null)
        {
            await statements.EndAsync(loadEnded, CancellationToken.None);
        }
        var benchCores = (System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - benchCpu).TotalSeconds / loadEnded.TotalSeconds;
        await Task.WhenAll(publishing.ContinueWith(_ => { }, TaskScheduler.Default), sampling);
        await Task.Delay(TimeSpan.FromSeconds(3), CancellationToken.None); // last pushes
        var reconnects = screens.Reconnects;
        var closed = screens.Closed;
        await screens.DisposeAsync();
        if (ct.IsCancellationRequested)
        {
            Console.WriteLine("Stopped early: no end check.");
            return 2;
        }

        Console.WriteLine("Load over; checking every acked event id in PostgreSQL...");
        var integrity = await Verification.CheckAsync(server.ConnectionString(), load, o.BatchSize, CancellationToken.None);
        var trend = MemoryTrend.From(sampler.Rss, sampler.Rows, o.Minutes);
        var rejections = new Rejections(load.Rejected, plan.ExpectedRejections(), plan.ExceedsLimit,
            (long)integrity.UnackedBatches * o.BatchSize);
        Report.Print(o, load, sampler.Rows, timeline, publisher, integrity, trend, loadEnded, reconnects, closed, benchCores, rejections);
        if (statements is not null)
        {
            statements.Print();
            if (o.PgExplainMs > 0)
            {
                var kept = Path.Combine(Path.GetTempPath(), $"kinerja-soak-plans-{DateTime.UtcNow:yyyyMMdd-HHmmss}.log");
                File.Copy(Path.Combine(server.DataDir, "kinerja-server.log"), kept);
                Console.WriteLine($"Plans of statements slower than {o.PgExplainMs} ms (auto_explain): {kept}");
            }
        }
        return integrity.Lost == 0 && integrity.Duplicated == 0 && rejections.AsPlanned ? 0 : 1;
    }
}
