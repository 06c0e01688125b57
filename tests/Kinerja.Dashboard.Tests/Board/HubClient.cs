using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR.Client;

namespace Kinerja.Dashboard.Tests.Board;

/// <summary>A real SignalR <see cref="HubConnection"/> to the test server that records every message as raw JSON.</summary>
public sealed class HubClient : IAsyncDisposable
{
    private readonly ConcurrentQueue<(string Method, JsonElement Payload, DateTimeOffset At)> _messages = new();
    private readonly SemaphoreSlim _arrived = new(0);

    private HubClient(HubConnection connection)
    {
        Connection = connection;
        foreach (var method in new[] { "Indicators", "Chart", "Trigger", "Panels" })
        {
            connection.On<JsonElement>(method, payload =>
            {
                _messages.Enqueue((method, payload.Clone(), DateTimeOffset.UtcNow));
                _arrived.Release();
            });
        }
    }

    public HubConnection Connection { get; }

    public IReadOnlyList<(string Method, JsonElement Payload, DateTimeOffset At)> Messages => _messages.ToArray();

    /// <summary>
    /// Connects as the test user <paramref name="user"/> (test header scheme); anonymous when null. <paramref name="network"/>,
    /// when given, sits between the connection and the test server (its inner handler is set here), e.g. a
    /// <see cref="PollGate"/> that makes a slow screen.
    /// </summary>
    public static async Task<HubClient> ConnectAsync<T>(WebApplicationFactory<T> factory, string? user = "t-admin",
        DelegatingHandler? network = null) where T : class
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(factory.Server.BaseAddress, "/hubs/board"), o =>
            {
                o.HttpMessageHandlerFactory = _ =>
                {
                    if (network is null)
                    {
                        return factory.Server.CreateHandler();
                    }
                    network.InnerHandler = factory.Server.CreateHandler();
                    return network;
                };
                o.Transports = HttpTransportType.LongPolling;
                if (user is not null)
                {
                    o.Headers[Infrastructure.TestUserHandler.Header] = user;
                }
            })
            .Build();
        var client = new HubClient(connection);
        await connection.StartAsync();
        return client;
    }

    public Task SubscribeAsync(string group) => Connection.InvokeAsync("Subscribe", group);

    /// <summary>Waits until a message of <paramref name="method"/> matches, or fails after <paramref name="timeout"/>.</summary>
    public async Task<(JsonElement Payload, DateTimeOffset At)> WaitForAsync(string method, Func<JsonElement, bool> match,
        TimeSpan timeout)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (true)
        {
            foreach (var m in _messages)
            {
                if (m.Method == method && match(m.Payload))
                {
                    return (m.Payload, m.At);
                }
            }
            var left = deadline - DateTimeOffset.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                throw new TimeoutException($"No matching {method} message within {timeout.TotalSeconds:0.#} s; got "
                    + string.Join(", ", _messages.Select(x => x.Method)));
            }
            await _arrived.WaitAsync(left < TimeSpan.FromMilliseconds(200) ? left : TimeSpan.FromMilliseconds(200));
        }
    }

    /// <summary>
    /// Waits until no message has arrived for <paramref name="quiet"/> (a change's later consequences, such as a trigger
    /// the rules add after the indicators moved, have reached the screen); fails after <paramref name="timeout"/>.
    /// </summary>
    public async Task WaitForQuietAsync(TimeSpan quiet, TimeSpan timeout)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (true)
        {
            var last = _messages.Select(m => m.At).DefaultIfEmpty(DateTimeOffset.MinValue).Max();
            var now = DateTimeOffset.UtcNow;
            if (now - last >= quiet)
            {
                return;
            }
            if (now >= deadline)
            {
                throw new TimeoutException($"Messages kept arriving for {timeout.TotalSeconds:0.#} s; the last were "
                    + string.Join(", ", _messages.TakeLast(5).Select(x => x.Method)));
            }
            await Task.Delay(quiet - (now - last));
        }
    }

    public async ValueTask DisposeAsync() => await Connection.DisposeAsync();
}
