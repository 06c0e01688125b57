using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace Kinerja.Bench.Soak;

/// <summary>
/// Real SignalR screens on <c>/hubs/board</c> (WebSockets, JSON): every <c>PublicEvery</c>-th watches
/// <c>public:{region}</c> anonymously, the others <c>region:{region}</c> with a signed-in session; regions
/// round-robin. They reconnect by themselves (and subscribe again), as the real screens do.
/// </summary>
public sealed class Screens(Uri baseUri, CookieContainer session, string[] regions, Timeline timeline, AckLog acks) : IAsyncDisposable
{
    private readonly List<HubConnection> _connections = [];
    private long _reconnects;
    private long _closed;

    public long Reconnects => Interlocked.Read(ref _reconnects);

    public long Closed => Interlocked.Read(ref _closed);

    public int Count => _connections.Count;

    public async Task ConnectAsync(int count, int publicEvery, CancellationToken ct)
    {
        for (var i = 0; i < count; i += 50)
        {
            var batch = await Task.WhenAll(Enumerable.Range(i, Math.Min(50, count - i)).Select(k => OpenAsync(k, publicEvery, ct)));
            _connections.AddRange(batch);
        }
    }

    private async Task<HubConnection> OpenAsync(int k, int publicEvery, CancellationToken ct)
    {
        var region = k % regions.Length;
        var isPublic = k % publicEvery == publicEvery - 1;
        var group = (isPublic ? "public:" : "region:") + regions[region];
        var conn = new HubConnectionBuilder()
            .WithUrl(new Uri(baseUri, "/hubs/board"), o =>
            {
                o.Transports = HttpTransportType.WebSockets;
                o.SkipNegotiation = true;
                if (!isPublic)
                {
                    o.Cookies = session;
                }
            })
            .WithAutomaticReconnect(new EveryTwoSeconds())
            .Build();
        var cursor = acks.Position(region);
        conn.On<JsonElement>("Indicators", p =>
        {
            var received = DateTime.UtcNow.Ticks;
            var minute = timeline.Now;
            Interlocked.Increment(ref minute.IndicatorsMessages);
            var asOf = p.GetProperty("asOf").GetDateTimeOffset().UtcTicks;
            acks.Cover(region, ref cursor, asOf, received, minute.Push, timeline.PushAll);
        });
        conn.On<JsonElement>("Chart", _ => Interlocked.Increment(ref timeline.Now.ChartMessages));
        conn.On<JsonElement>("Trigger", _ => Interlocked.Increment(ref timeline.Now.TriggerMessages));
        conn.Reconnected += async _ =>
        {
            Interlocked.Increment(ref _reconnects);
            await conn.InvokeAsync("Subscribe", group);
        };
        conn.Closed += _ =>
        {
            Interlocked.Increment(ref _closed);
            return Task.CompletedTask;
        };
        await conn.StartAsync(ct);
        await conn.InvokeAsync("Subscribe", group, ct);
        return conn;
    }

    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(_connections.Select(c => c.DisposeAsync().AsTask()));
        _connections.Clear();
    }

    private sealed class EveryTwoSeconds : IRetryPolicy
    {
        public TimeSpan? NextRetryDelay(RetryContext retryContext) => TimeSpan.FromSeconds(2);
    }
}
