using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Kinerja.Bench.Shared;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace Kinerja.Bench.Fanout;

/// <summary>The two phases: the Kinerja board under load, then the bare broadcast baseline.</summary>
public static class Bench
{
    private sealed record RegionDto(string Id);
    private sealed record UnitDto(string Id, string RegionId);
    private sealed record EmployeeDto(string Nip, string UnitId);
    private sealed record Stats(long SvgRenders, long PngRenders, JsonElement Regions, JsonElement Live)
    {
        public JsonElement Raw { get; init; }
    }

    public static async Task<int> RunAsync(BenchOptions o)
    {
        var dll = File.Exists(o.ServerDll) ? o.ServerDll : o.ServerDll.Replace("/Release/", "/Debug/");
        Console.WriteLine($"Fan-out bench: {o.Clients} clients, {o.Rate:0} events/s for {o.Seconds} s; server {dll}");
        var dataDir = Path.Combine(Path.GetTempPath(), "kinerja-fanout-" + Guid.NewGuid().ToString("N")[..8]);
        var board = await BoardPhaseAsync(o, dll, dataDir);
        var baseline = await BarePhaseAsync(o, board.PerGroupRate, board.MessageBytes);
        Report(o, board, baseline);
        try
        {
            Directory.Delete(dataDir, recursive: true);
        }
        catch (IOException)
        {
        }
        return 0;
    }

    public sealed record PhaseResult(string Name, Latencies Latency, double CpuSeconds, double WallSeconds, double PeakRssMb,
        long Messages, double PerGroupRate, int MessageBytes, long Renders, long Flushes, long ChartMessages, int Accepted);

    private static async Task<PhaseResult> BoardPhaseAsync(BenchOptions o, string dll, string dataDir)
    {
        await using var server = await ServerProcess.StartAsync(dll,
        [
            "--Kinerja:Postgres:DataDir=" + dataDir, "--Kinerja:Demo:Seed=true", "--Kinerja:Demo:Simulate=false",
            "--Logging:LogLevel:Default=Warning", "--Logging:LogLevel:Microsoft.AspNetCore=Warning",
        ], "/health/ready", TimeSpan.FromMinutes(3));
        var credentials = DemoCredentials.Parse(server.Log());
        var cookies = await credentials.SignInAsync(server.BaseUri);
        // reads (reference lists, board stats) as the signed-in demo-admin; events with the demo source key
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false })
        {
            BaseAddress = server.BaseUri,
            Timeout = TimeSpan.FromSeconds(30),
        };
        using var ingest = new HttpClient { BaseAddress = server.BaseUri, Timeout = TimeSpan.FromSeconds(30) };
        ingest.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", credentials.SourceKey);
        var regions = (await http.GetFromJsonAsync<RegionDto[]>("/api/v1/regions"))!.Select(r => r.Id).Order().ToArray();
        var unitRegion = (await http.GetFromJsonAsync<UnitDto[]>("/api/v1/units"))!.ToDictionary(u => u.Id, u => u.RegionId);
        var employees = (await http.GetFromJsonAsync<EmployeeDto[]>("/api/v1/employees"))!;
        var regionOf = employees.ToDictionary(e => e.Nip, e => unitRegion[e.UnitId]);
        Console.WriteLine($"Server up: {regions.Length} regions, {employees.Length} employees");

        var accepts = regions.ToDictionary(r => r, _ => new List<DateTimeOffset>());
        var latency = new Latencies();
        var stages = new StageReport();
        long messages = 0, charts = 0;
        var bytes = 0;
        var screens = new List<HubConnection>();
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < o.Clients; i += 50)
        {
            var batch = Enumerable.Range(i, Math.Min(50, o.Clients - i)).Select(async k =>
            {
                var region = regions[k % regions.Length];
                var pointer = 0;
                var lastChart = 0L; // Stopwatch timestamp of this screen's last Chart message
                var conn = Connect(new Uri(server.BaseUri, "/hubs/board"), cookies);
                conn.On<JsonElement>("Indicators", p =>
                {
                    var now = DateTimeOffset.UtcNow;
                    Interlocked.Increment(ref messages);
                    if (k == 0)
                    {
                        bytes = p.GetRawText().Length;
                    }
                    var asOf = p.GetProperty("asOf").GetDateTimeOffset();
                    var afterChart = Stopwatch.GetElapsedTime(Interlocked.Read(ref lastChart)) < StageReport.ChartShadow;
                    var list = accepts[region];
                    lock (list)
                    {
                        while (pointer < list.Count && list[pointer] <= asOf)
                        {
                            latency.Add((now - list[pointer]).TotalMilliseconds);
                            stages.AckToAsOf.Add((asOf - list[pointer]).TotalMilliseconds);
                            stages.AsOfToScreen.Add((now - asOf).TotalMilliseconds);
                            (afterChart ? stages.AfterChart : stages.Clear).Add((now - list[pointer]).TotalMilliseconds);
                            pointer++;
                        }
                    }
                });
                conn.On<JsonElement>("Chart", p =>
                {
                    Interlocked.Increment(ref charts);
                    Interlocked.Exchange(ref lastChart, Stopwatch.GetTimestamp());
                    Interlocked.Add(ref stages.ChartChars, p.GetProperty("svg").GetString()!.Length);
                });
                conn.On<JsonElement>("Trigger", _ => { });
                await conn.StartAsync();
                await conn.InvokeAsync("Subscribe", "region:" + region);
                lock (screens)
                {
                    screens.Add(conn);
                }
            });
            await Task.WhenAll(batch);
        }
        Console.WriteLine($"{screens.Count} screens subscribed in {watch.Elapsed.TotalSeconds:0.0} s");
        if (o.WarmupSeconds > 0)
        {
            // Same load, not measured: the server's JIT tiers up its hot paths before the measured window.
            var warm = await WarmUpAsync(ingest, employees, o);
            Console.WriteLine($"Warm-up: {o.WarmupSeconds} s at {o.Rate:0} events/s, {warm} accepted (not measured)");
        }
        await Task.Delay(3000);
        var before = await StatsAsync(http);
        var cpu0 = server.Stats.CpuSeconds();
        var msg0 = Interlocked.Read(ref messages);
        var charts0 = Interlocked.Read(ref charts);
        Interlocked.Exchange(ref stages.ChartChars, 0); // the subscribe-time charts are not part of the load
        var peak = server.Stats.RssMb();
        var accepted = 0;
        var rejected = 0;
        var statusErrors = 0;
        watch.Restart();
        using var probeStop = new CancellationTokenSource();
        var probe = stages.ProbeAsync(probeStop.Token);

        // Events: every 50 ms a batch of rate/20 activities over all regions, up to 4 requests in flight.
        var perBatch = Math.Max(1, (int)Math.Round(o.Rate / 20));
        var load = new List<double> { LoadAverage() };
        var lastLoadSample = Stopwatch.GetTimestamp();
        var random = new Random(42);
        var inFlight = new SemaphoreSlim(4);
        var posts = new List<Task>();
        var next = Stopwatch.GetTimestamp();
        var dayStart = DateTimeOffset.UtcNow.AddHours(-1);
        while (watch.Elapsed < TimeSpan.FromSeconds(o.Seconds))
        {
            var items = Enumerable.Range(0, perBatch).Select(_ =>
            {
                var e = employees[random.Next(employees.Length)];
                return new { eventId = Guid.NewGuid(), nip = e.Nip, occurredAt = dayStart.AddSeconds(random.Next(0, 3000)), minutes = 1,
                    description = "bench" };
            }).ToArray();
            var touched = items.Select(i => regionOf[i.nip]).Distinct().ToArray();
            await inFlight.WaitAsync();
            posts.Add(Task.Run(async () =>
            {
                try
                {
                    using var res = await ingest.PostAsJsonAsync("/api/v1/activities", items);
                    if (res.IsSuccessStatusCode)
                    {
                        var at = DateTimeOffset.UtcNow;
                        var body = await res.Content.ReadFromJsonAsync<JsonElement>();
                        var ok = body.GetProperty("accepted").GetInt32();
                        Interlocked.Add(ref accepted, ok);
                        if (ok < items.Length)
                        {
                            Interlocked.Add(ref rejected, items.Length - ok);
                        }
                        foreach (var r in touched)
                        {
                            lock (accepts[r])
                            {
                                // keep the list sorted: responses may complete out of order
                                var list = accepts[r];
                                var idx = list.Count;
                                while (idx > 0 && list[idx - 1] > at)
                                {
                                    idx--;
                                }
                                list.Insert(idx, at);
                            }
                        }
                    }
                    else
                    {
                        Interlocked.Increment(ref statusErrors);
                    }
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref statusErrors);
                }
                finally
                {
                    inFlight.Release();
                }
            }));
            peak = Math.Max(peak, server.Stats.RssMb());
            if (Stopwatch.GetElapsedTime(lastLoadSample) >= TimeSpan.FromSeconds(1))
            {
                load.Add(LoadAverage());
                lastLoadSample = Stopwatch.GetTimestamp();
            }
            next += Stopwatch.Frequency / 20;
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), next);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }
        }
        await Task.WhenAll(posts);
        var wall = watch.Elapsed.TotalSeconds;
        await probeStop.CancelAsync();
        await probe;
        load.Add(LoadAverage());
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Load average (1 min, /proc/loadavg) during the load: {load.Min():0.0}-{load.Max():0.0} (start {load[0]:0.0}, end {load[^1]:0.0}) on {Environment.ProcessorCount} cores"));
        Console.WriteLine($"Ingest: {accepted} accepted, {rejected} rejected items, {statusErrors} failed requests");
        await Task.Delay(2000); // drain
        var cpu = server.Stats.CpuSeconds() - cpu0;
        var after = await StatsAsync(http);
        var flushes = after!.Regions.EnumerateArray().Sum(r => r.GetProperty("flushes").GetInt64())
            - before!.Regions.EnumerateArray().Sum(r => r.GetProperty("flushes").GetInt64());
        var readMs = after.Regions.EnumerateArray().Sum(r => r.GetProperty("readMs").GetDouble())
            - before.Regions.EnumerateArray().Sum(r => r.GetProperty("readMs").GetDouble());
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Region reads: {flushes} flushes, {readMs / Math.Max(1, flushes):0.0} ms average read"));
        var updates = after.Live.GetProperty("incrementalUpdates").GetInt64() - before.Live.GetProperty("incrementalUpdates").GetInt64();
        var updateMs = after.Live.GetProperty("incrementalMs").GetDouble() - before.Live.GetProperty("incrementalMs").GetDouble();
        var recomputed = after.Live.GetProperty("employeesRecomputed").GetInt64() - before.Live.GetProperty("employeesRecomputed").GetInt64();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Live model: {updates} incremental updates, {recomputed} employees recomputed, {updateMs / Math.Max(1, updates):0.0} ms average update"));
        LivePhaseReport.Print(before.Live, after.Live, updates);
        stages.Print(before.Raw, after.Raw, Interlocked.Read(ref charts) - charts0);
        var received = Interlocked.Read(ref messages) - msg0;
        var perGroupRate = received / (double)o.Clients / (wall + 2);
        foreach (var s in screens)
        {
            _ = s.DisposeAsync();
        }
        return new PhaseResult("Kinerja board", latency, cpu, wall + 2, peak, received, perGroupRate, bytes,
            after.SvgRenders - before.SvgRenders, flushes, Interlocked.Read(ref charts) - charts0, accepted);
    }

    /// <summary>Posts the measured load's events for <see cref="BenchOptions.WarmupSeconds"/> without timing them.</summary>
    private static async Task<int> WarmUpAsync(HttpClient ingest, EmployeeDto[] employees, BenchOptions o)
    {
        var perBatch = Math.Max(1, (int)Math.Round(o.Rate / 20));
        var random = new Random(7);
        var inFlight = new SemaphoreSlim(4);
        var posts = new List<Task>();
        var accepted = 0;
        var dayStart = DateTimeOffset.UtcNow.AddHours(-1);
        var watch = Stopwatch.StartNew();
        var next = Stopwatch.GetTimestamp();
        while (watch.Elapsed < TimeSpan.FromSeconds(o.WarmupSeconds))
        {
            var items = Enumerable.Range(0, perBatch).Select(_ => new
            {
                eventId = Guid.NewGuid(), nip = employees[random.Next(employees.Length)].Nip,
                occurredAt = dayStart.AddSeconds(random.Next(0, 3000)), minutes = 1, description = "bench warm-up",
            }).ToArray();
            await inFlight.WaitAsync();
            posts.Add(Task.Run(async () =>
            {
                try
                {
                    using var res = await ingest.PostAsJsonAsync("/api/v1/activities", items);
                    if (res.IsSuccessStatusCode)
                    {
                        Interlocked.Add(ref accepted, items.Length);
                    }
                }
                catch (HttpRequestException)
                {
                }
                finally
                {
                    inFlight.Release();
                }
            }));
            next += Stopwatch.Frequency / 20;
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), next);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }
        }
        await Task.WhenAll(posts);
        return accepted;
    }

    private static async Task<PhaseResult> BarePhaseAsync(BenchOptions o, double perGroupRate, int size)
    {
        var self = typeof(Bench).Assembly.Location;
        await using var server = await ServerProcess.StartAsync(self, ["serve-bare"], "/ready", TimeSpan.FromSeconds(60));
        var latency = new Latencies();
        long messages = 0;
        var clients = new List<HubConnection>();
        for (var i = 0; i < o.Clients; i += 50)
        {
            await Task.WhenAll(Enumerable.Range(i, Math.Min(50, o.Clients - i)).Select(async k =>
            {
                var conn = Connect(new Uri(server.BaseUri, "/hubs/bare"));
                conn.On<JsonElement>("Message", p =>
                {
                    Interlocked.Increment(ref messages);
                    latency.Add((DateTimeOffset.UtcNow - p.GetProperty("sentAt").GetDateTimeOffset()).TotalMilliseconds);
                });
                await conn.StartAsync();
                await conn.InvokeAsync("Subscribe", "g" + (k % 5).ToString(CultureInfo.InvariantCulture));
                lock (clients)
                {
                    clients.Add(conn);
                }
            }));
        }
        await Task.Delay(2000);
        using var http = new HttpClient { BaseAddress = server.BaseUri, Timeout = TimeSpan.FromMinutes(5) };
        var cpu0 = server.Stats.CpuSeconds();
        var rate = Math.Max(0.5, perGroupRate);
        var watch = Stopwatch.StartNew();
        var broadcast = http.PostAsync(string.Create(CultureInfo.InvariantCulture,
            $"/broadcast?rate={rate}&size={size}&seconds={o.Seconds}&groups=5"), null);
        // How much of the baseline is this process: its CPU and timer lag while the bare broadcast runs.
        var clientLoad = StageReport.ClientLoadAsync(broadcast);
        var peak = 0.0;
        while (!broadcast.IsCompleted)
        {
            peak = Math.Max(peak, server.Stats.RssMb());
            await Task.Delay(250);
        }
        await broadcast;
        Console.WriteLine($"Bench client during the bare broadcast: {await clientLoad}");
        await Task.Delay(1000);
        var cpu = server.Stats.CpuSeconds() - cpu0;
        foreach (var c in clients)
        {
            _ = c.DisposeAsync();
        }
        return new PhaseResult("Bare SignalR broadcast", latency, cpu, watch.Elapsed.TotalSeconds, peak,
            Interlocked.Read(ref messages), rate, size, 0, 0, 0, 0);
    }

    private static async Task<Stats> StatsAsync(HttpClient http)
    {
        var raw = await http.GetFromJsonAsync<JsonElement>("/api/v1/board/stats");
        return raw.Deserialize<Stats>(new JsonSerializerOptions(JsonSerializerDefaults.Web))! with { Raw = raw };
    }

    private static double LoadAverage() =>
        double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture);

    private static HubConnection Connect(Uri url, System.Net.CookieContainer? cookies = null) => new HubConnectionBuilder()
        .WithUrl(url, x =>
        {
            x.Transports = HttpTransportType.WebSockets;
            x.SkipNegotiation = true;
            if (cookies is not null)
            {
                x.Cookies = cookies;
            }
        })
        .Build();

    private static void Report(BenchOptions o, PhaseResult board, PhaseResult bare)
    {
        Console.WriteLine();
        Console.WriteLine($"| run | clients | msgs to clients/s | msg size | p50 ms | p90 ms | p99 ms | max ms | server CPU (cores) | peak RSS MB | chart renders |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var r in new[] { board, bare })
        {
            var (p50, p90, p99, max) = r.Latency.Percentiles();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Name} | {o.Clients} | {r.Messages / r.WallSeconds:0} | {r.MessageBytes} B | {p50:0} | {p90:0} | {p99:0} | {max:0} | {r.CpuSeconds / r.WallSeconds:0.00} | {r.PeakRssMb:0} | {(r == board ? r.Renders.ToString(CultureInfo.InvariantCulture) : "—")} |"));
        }
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Board: {board.Accepted} events accepted ({board.Accepted / (board.WallSeconds - 2):0}/s), {board.Latency.Count} latency samples (event accepted -> screen got Indicators with asOf after it), "
            + $"{board.PerGroupRate:0.00} Indicators/s per screen, {board.Flushes} region flushes, {board.Renders} chart renders, {board.ChartMessages} Chart messages delivered."));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Bare: {bare.PerGroupRate:0.00} msgs/s per group of {o.Clients / 5} clients, {bare.MessageBytes} B each (the board's Indicators size), {bare.Latency.Count} samples (sent -> received)."));
    }
}
