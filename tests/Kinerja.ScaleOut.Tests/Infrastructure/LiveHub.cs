using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;

namespace Kinerja.ScaleOut.Tests.Infrastructure;

/// <summary>
/// A real SignalR <see cref="HubConnection"/> (negotiate + WebSockets over TCP) to one server process,
/// recording every <c>Indicators</c>, <c>Chart</c>, <c>Trigger</c> and <c>Panels</c> message as raw JSON.
/// </summary>
public sealed class LiveHub : IAsyncDisposable
{
    private readonly ConcurrentQueue<(string Method, JsonElement Payload, DateTimeOffset At)> _messages = new();

    private LiveHub(HubConnection connection)
    {
        Connection = connection;
        foreach (var method in new[] { "Indicators", "Chart", "Trigger", "Panels" })
        {
            connection.On<JsonElement>(method, payload => _messages.Enqueue((method, payload.Clone(), DateTimeOffset.UtcNow)));
        }
    }

    public HubConnection Connection { get; }

    public IReadOnlyList<JsonElement> Of(string method) => _messages.Where(m => m.Method == method).Select(m => m.Payload).ToArray();

    public static async Task<LiveHub> ConnectAsync(KinerjaProcess server, string user)
    {
        var cookies = await server.SessionOfAsync(user);
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(server.BaseUri, "hubs/board"), o => o.Cookies = cookies)
            .Build();
        var hub = new LiveHub(connection);
        await connection.StartAsync();
        return hub;
    }

    public Task SubscribeAsync(string group) => Connection.InvokeAsync("Subscribe", group);

    /// <summary>Waits until a <paramref name="method"/> message matches; fails after <paramref name="timeout"/> listing what came.</summary>
    public async Task<JsonElement> WaitForAsync(string method, Func<JsonElement, bool> match, TimeSpan timeout) =>
        (await WaitForTimedAsync(method, match, timeout)).Payload;

    /// <summary>As <see cref="WaitForAsync"/>, with the time the message arrived.</summary>
    public Task<(JsonElement Payload, DateTimeOffset At)> WaitForTimedAsync(string method, Func<JsonElement, bool> match,
        TimeSpan timeout) =>
        Poll.UntilAsync(
            () => Task.FromResult(_messages.Where(m => m.Method == method && match(m.Payload)).Select(m => (m.Payload, m.At))
                .FirstOrDefault()),
            m => m.Payload.ValueKind != JsonValueKind.Undefined, timeout,
            _ => $"no matching {method} message; got {string.Join(", ", _messages.Select(m => m.Method))}");

    /// <summary>The headline figures of an <c>Indicators</c> message (what changes with the data, unlike version and time).</summary>
    public static string Figures(JsonElement indicators) =>
        indicators.GetProperty("figures").GetRawText() + indicators.GetProperty("units").GetRawText();

    public async ValueTask DisposeAsync() => await Connection.DisposeAsync();
}
