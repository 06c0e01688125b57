using System.Collections.Concurrent;
using Kinerja.Testing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace Kinerja.Dashboard.Tests.Access.Live;

/// <summary>
/// A real HubConnection (WebSockets, the session cookie of a form sign-in, no automatic reconnect) that records the
/// <c>Probe</c> messages the test sends to groups through the server's own hub context (<see cref="IHubClients"/>): whether a probe
/// arrives is whether the connection is in the group, whatever the product's pushes do meanwhile.
/// </summary>
public sealed class ProbedHub : IAsyncDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);
    private readonly ConcurrentDictionary<string, bool> _probes = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource<Exception?> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly IHubClients _server;
    private readonly ConcurrentDictionary<string, bool> _revoked = new(StringComparer.Ordinal);

    private ProbedHub(HubConnection connection, IHubClients server)
    {
        Connection = connection;
        _server = server;
        connection.On<string>("Probe", marker => _probes[marker] = true);
        connection.On<System.Text.Json.JsonElement>("AccessRevoked", m => _revoked[m.GetProperty("group").GetString() ?? ""] = true);
        connection.Closed += error =>
        {
            _closed.TrySetResult(error);
            return Task.CompletedTask;
        };
    }

    public HubConnection Connection { get; }

    /// <summary>The groups the server said this connection was removed from (<c>AccessRevoked</c>).</summary>
    public IReadOnlyCollection<string> Revoked => _revoked.Keys.ToArray();

    /// <summary>Completes when the server closed the connection.</summary>
    public Task Closed => _closed.Task;

    /// <summary>Connects to <paramref name="path"/> as the signed-in <paramref name="signIn"/> and joins <paramref name="groups"/>.</summary>
    public static async Task<ProbedHub> ConnectAsync(Uri baseUri, string path, FormSignIn signIn, IHubClients server,
        params string[] groups)
    {
        var connection = new HubConnectionBuilder().WithUrl(new Uri(baseUri, path), o => o.Cookies = signIn.Cookies).Build();
        var hub = new ProbedHub(connection, server);
        await connection.StartAsync();
        foreach (var group in groups)
        {
            await connection.InvokeAsync("Subscribe", group);
        }
        return hub;
    }

    /// <summary>
    /// Sends a probe to <paramref name="group"/> and then one to <paramref name="control"/> (a group the connection stays
    /// in); once the control probe arrived, the first one has arrived too if it was going to (one connection's messages
    /// arrive in the order they were sent). True when the connection is still in <paramref name="group"/>.
    /// </summary>
    public async Task<bool> HearsAsync(string group, string control)
    {
        var marker = Guid.NewGuid().ToString("N");
        await _server.Group(group).SendAsync("Probe", marker + ":group");
        await _server.Group(control).SendAsync("Probe", marker + ":control");
        await Eventually.TrueAsync(() => _probes.ContainsKey(marker + ":control"), $"the probe of {control}", Wait);
        return _probes.ContainsKey(marker + ":group");
    }

    /// <summary>Waits until the connection is no longer in <paramref name="group"/> (fails after a generous wait).</summary>
    public async Task LeftAsync(string group, string control)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (await HearsAsync(group, control))
        {
            Assert.True(DateTime.UtcNow < deadline, $"the connection still receives the pushes of {group}");
            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync() => await Connection.DisposeAsync();
}
