using System.Globalization;
using Microsoft.AspNetCore.SignalR;

namespace Kinerja.Bench.Fanout;

/// <summary>
/// The baseline: a bare SignalR server that only broadcasts fixed-size messages to groups
/// (no database, no coalescing, no charts). <c>POST /broadcast?rate=&amp;size=&amp;seconds=&amp;groups=</c>
/// sends <c>rate</c> messages per second to each group for <c>seconds</c>.
/// </summary>
public static class BareServer
{
    public sealed class BareHub : Hub
    {
        public Task Subscribe(string group) => Groups.AddToGroupAsync(Context.ConnectionId, group);
    }

    public static async Task RunAsync(string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSignalR();
        var app = builder.Build();
        app.MapHub<BareHub>("/hubs/bare");
        app.MapGet("/ready", () => "ok");
        app.MapPost("/broadcast", async (double rate, int size, int seconds, int groups, IHubContext<BareHub> hub) =>
        {
            var pad = new string('x', Math.Max(0, size - 60));
            var interval = TimeSpan.FromSeconds(1 / rate);
            var end = DateTime.UtcNow.AddSeconds(seconds);
            var next = DateTime.UtcNow;
            long sent = 0;
            while (DateTime.UtcNow < end)
            {
                for (var g = 0; g < groups; g++)
                {
                    await hub.Clients.Group("g" + g.ToString(CultureInfo.InvariantCulture))
                        .SendAsync("Message", new { sentAt = DateTimeOffset.UtcNow, pad });
                    sent++;
                }
                next += interval;
                var wait = next - DateTime.UtcNow;
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait);
                }
            }
            return sent;
        });
        await app.RunAsync();
    }
}
