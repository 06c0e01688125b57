using System.Diagnostics;
using System.Text.Json;
using Kinerja.Bench.Shared;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace Kinerja.Bench.EmployeeScreens;

/// <summary>
/// The baseline: a trivial SignalR server (no database, no ingest) where <c>POST /notify?group=</c> sends one
/// <c>ActivitiesChanged</c>-sized message to a group and answers. The same number of clients, each in its own group,
/// get notified at the same rate as measure A's approvals: POST sent → message received is the bare round trip.
/// </summary>
public static class BareServer
{
    public sealed class BareHub : Hub
    {
        public Task Subscribe(string group) => Groups.AddToGroupAsync(Context.ConnectionId, group);
    }

    public sealed record Result(Samples Latency, int Sent, int Clients);

    public static async Task ServeAsync(string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSignalR();
        var app = builder.Build();
        app.MapHub<BareHub>("/hubs/bare");
        app.MapGet("/ready", () => "ok");
        app.MapPost("/notify", async (string group, IHubContext<BareHub> hub) =>
        {
            await hub.Clients.Group(group).SendAsync("ActivitiesChanged", new { nip = group, at = DateTimeOffset.UtcNow });
            return Results.Ok();
        });
        await app.RunAsync();
    }

    public static async Task<Result> RunAsync(int clients, double rate, int seconds)
    {
        var self = typeof(BareServer).Assembly.Location;
        await using var server = await ServerProcess.StartAsync(self, ["serve-bare"], "/ready", TimeSpan.FromSeconds(60));
        var sentAt = new long[clients];
        var latency = new Samples();
        var connections = new List<HubConnection>();
        for (var i = 0; i < clients; i += 50)
        {
            await Task.WhenAll(Enumerable.Range(i, Math.Min(50, clients - i)).Select(async k =>
            {
                var conn = new HubConnectionBuilder()
                    .WithUrl(new Uri(server.BaseUri, "/hubs/bare"), o =>
                    {
                        o.Transports = HttpTransportType.WebSockets;
                        o.SkipNegotiation = true;
                    })
                    .Build();
                conn.On<JsonElement>("ActivitiesChanged", _ =>
                {
                    var sent = Interlocked.Exchange(ref sentAt[k], 0);
                    if (sent != 0)
                    {
                        latency.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
                    }
                });
                await conn.StartAsync();
                await conn.InvokeAsync("Subscribe", "g" + k);
                lock (connections)
                {
                    connections.Add(conn);
                }
            }));
        }
        using var http = new HttpClient { BaseAddress = server.BaseUri, Timeout = TimeSpan.FromSeconds(30) };
        var count = (int)Math.Min(clients, Math.Round(rate * seconds));
        var order = Enumerable.Range(0, clients).OrderBy(_ => Random.Shared.Next()).Take(count).ToArray();
        var interval = Stopwatch.Frequency / rate;
        var start = Stopwatch.GetTimestamp();
        var tasks = new List<Task>();
        for (var i = 0; i < order.Length; i++)
        {
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), start + (long)(i * interval));
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }
            var k = order[i];
            tasks.Add(Task.Run(async () =>
            {
                Interlocked.Exchange(ref sentAt[k], Stopwatch.GetTimestamp());
                using var res = await http.PostAsync("/notify?group=g" + k, null);
            }));
        }
        await Task.WhenAll(tasks);
        var waitStart = Stopwatch.GetTimestamp();
        while (latency.Count < order.Length && Stopwatch.GetElapsedTime(waitStart) < Approvals.LostAfter)
        {
            await Task.Delay(100);
        }
        foreach (var c in connections)
        {
            await c.DisposeAsync();
        }
        return new Result(latency, order.Length, clients);
    }
}
