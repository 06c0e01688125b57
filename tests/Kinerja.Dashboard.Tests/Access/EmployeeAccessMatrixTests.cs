using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Kinerja.Dashboard.Tests.Infrastructure;
using Kinerja.Testing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace Kinerja.Dashboard.Tests.Access;

/// <summary>
/// The access matrix of the employee surfaces over a real socket: <c>GET /api/v1/me</c> and the hub group
/// <c>employee:{nip}</c> for self, the direct superior, the chain above, a peer, someone in another unit and in
/// another region, anonymous, and leader/HR/admin accounts without a NIP. Real sign-in (<c>/masuk</c>), real
/// HubConnections (WebSockets with the session cookie), real PostgreSQL.
/// </summary>
public sealed class EmployeeAccessMatrixTests(EmployeeServerFactory app) : IClassFixture<EmployeeServerFactory>, IAsyncLifetime
{
    private EmployeeWorld _w = null!;
    private readonly List<IDisposable> _clients = [];

    public async Task InitializeAsync()
    {
        _ = app.BaseUri;
        _w = await EmployeeWorld.SeedAsync(app.DataSource, app.Services, "mx", 7100);
    }

    public Task DisposeAsync()
    {
        _clients.ForEach(c => c.Dispose());
        return Task.CompletedTask;
    }

    private async Task<FormSignIn> SignInAsync(string who)
    {
        var signIn = await FormSignIn.SignInAsync(app.BaseUri, _w.Account(who), EmployeeWorld.Password);
        _clients.Add(signIn);
        return signIn;
    }

    [Fact]
    public async Task Me_ForEveryEmployee_IsThatEmployee_WhateverTheRequestNames()
    {
        var expected = new Dictionary<string, (string Nip, string Unit, string Region, string? Supervisor)>
        {
            ["s1"] = (_w.S1, _w.UnitA, _w.RegionA, _w.B),
            ["s2"] = (_w.S2, _w.UnitA, _w.RegionA, _w.B),
            ["b"] = (_w.B, _w.UnitA, _w.RegionA, _w.K),
            ["k"] = (_w.K, _w.UnitA, _w.RegionA, null),
            ["u"] = (_w.U, "mx-a-lain", _w.RegionA, null),
            ["o"] = (_w.O, "mx-b-dinas", _w.RegionB, null),
        };
        foreach (var (who, e) in expected)
        {
            var client = (await SignInAsync(who)).Client;
            // Naming another NIP anywhere in the request changes nothing: the NIP comes from the session.
            foreach (var url in new[] { "api/v1/me", $"api/v1/me?nip={_w.O}", $"api/v1/me?nip={_w.S1}" })
            {
                using var response = await client.GetAsync(url);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                var me = await response.Content.ReadFromJsonAsync<JsonElement>();
                Assert.Equal(e.Nip, me.GetProperty("nip").GetString());
                Assert.Equal(e.Unit, me.GetProperty("unitId").GetString());
                Assert.Equal(e.Region, me.GetProperty("regionId").GetString());
                Assert.Equal(e.Supervisor, me.GetProperty("supervisorNip").GetString());
                Assert.Equal(e.Nip, me.GetProperty("snapshot").GetProperty("nip").GetString());
            }
        }
    }

    [Fact]
    public async Task Me_Snapshot_IsTheEmployeeIndicatorsShape()
    {
        var me = await (await SignInAsync("s1")).Client.GetFromJsonAsync<JsonElement>("api/v1/me");
        Assert.Equal("Staf Satu", me.GetProperty("name").GetString());
        var indicators = await (await SignInAsync("sdm")).Client.GetFromJsonAsync<JsonElement>($"api/v1/indicators/employee/{_w.S1}");
        var names = (JsonElement e) => e.EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(names(indicators), names(me.GetProperty("snapshot")));
        Assert.Equal(indicators.GetProperty("period").GetString(), me.GetProperty("snapshot").GetProperty("period").GetString());
        Assert.Equal(indicators.GetProperty("activityTargetMinutes").GetInt32(),
            me.GetProperty("snapshot").GetProperty("activityTargetMinutes").GetInt32());
    }

    [Fact]
    public async Task Me_Anonymous_Is401_AndAccountsWithoutNip_Are403_AsProblemDetails()
    {
        using var anonymous = new HttpClient { BaseAddress = app.BaseUri };
        using (var response = await anonymous.GetAsync("api/v1/me"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
        foreach (var who in new[] { "admin", "sdm", "pimpinan" })
        {
            using var response = await (await SignInAsync(who)).Client.GetAsync("api/v1/me");
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task Pegawai_EvenASuperior_PassesNoRegionPolicy()
    {
        foreach (var who in new[] { "s1", "k" })
        {
            var client = (await SignInAsync(who)).Client;
            foreach (var url in new[]
            {
                "api/v1/regions", $"api/v1/employees?unit={_w.UnitA}", $"api/v1/indicators/employee/{_w.S1}",
                $"api/v1/indicators/region/{_w.RegionA}", $"charts/r.{_w.RegionA}.minutes.svg", $"charts/u.{_w.UnitA}.minutes.svg",
                "api/v1/audit", "api/v1/rules",
            })
            {
                using var response = await client.GetAsync(url);
                Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{who} GET {url}: {(int)response.StatusCode}");
            }
            using var board = new HttpRequestMessage(HttpMethod.Get, $"papan/{_w.RegionA}");
            board.Headers.Accept.ParseAdd("text/html");
            using var page = await client.SendAsync(board);
            Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
            Assert.StartsWith("/akses-ditolak", page.Headers.Location?.PathAndQuery);
        }
    }

    [Fact]
    public async Task EmployeeGroup_IsJoinedBySelfAndTheSuperiorChain_AndNobodyElse()
    {
        var group = "employee:" + _w.S1;
        foreach (var who in new[] { "s1", "b", "k" })
        {
            await using var hub = await ConnectAsync(await SignInAsync(who));
            var snapshot = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
            hub.On<JsonElement>("Snapshot", s => snapshot.TrySetResult(s));
            await hub.InvokeAsync("Subscribe", group);
            var received = await snapshot.Task.WaitAsync(TimeSpan.FromSeconds(15));
            Assert.Equal(_w.S1, received.GetProperty("nip").GetString());
        }
        foreach (var who in new[] { "s2", "u", "o", "admin", "sdm", "pimpinan", null })
        {
            await using var hub = await ConnectAsync(who is null ? null : await SignInAsync(who));
            var ex = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync("Subscribe", group));
            Assert.Equal($"Akses ditolak untuk grup '{group}'.", Refusal(ex));
        }
    }

    [Fact]
    public async Task EmployeeGroup_OfASuperior_IsClosedToTheirReports()
    {
        await using var staff = await ConnectAsync(await SignInAsync("s1"));
        var ex = await Assert.ThrowsAsync<HubException>(() => staff.InvokeAsync("Subscribe", "employee:" + _w.B));
        Assert.Equal($"Akses ditolak untuk grup 'employee:{_w.B}'.", Refusal(ex));
        await Assert.ThrowsAsync<HubException>(() => staff.InvokeAsync("Subscribe", "employee:" + _w.K));
        await using var head = await ConnectAsync(await SignInAsync("k"));
        await head.InvokeAsync("Subscribe", "employee:" + _w.B);
        await head.InvokeAsync("Subscribe", "employee:" + _w.K);
    }

    [Fact]
    public async Task EmployeeGroup_RefusalOnTheBoardHub_IsTheSameAsForAnyForbiddenGroup()
    {
        await using var board = await ConnectAsync(await SignInAsync("pimpinan"), "/hubs/board");
        var region = await Assert.ThrowsAsync<HubException>(() => board.InvokeAsync("Subscribe", "region:" + _w.RegionB));
        var employee = await Assert.ThrowsAsync<HubException>(() => board.InvokeAsync("Subscribe", "employee:" + _w.S1));
        Assert.Equal($"Akses ditolak untuk grup 'region:{_w.RegionB}'.", Refusal(region));
        Assert.Equal($"Akses ditolak untuk grup 'employee:{_w.S1}'.", Refusal(employee));
        await using var staff = await ConnectAsync(await SignInAsync("s1"));
        var board2 = await Assert.ThrowsAsync<HubException>(() => staff.InvokeAsync("Subscribe", "unit:" + _w.UnitA));
        Assert.Equal($"Akses ditolak untuk grup 'unit:{_w.UnitA}'.", Refusal(board2));
    }

    /// <summary>The server's refusal as the client sees it (the hub method name, then the HubException's message).</summary>
    private static string Refusal(HubException ex)
    {
        const string marker = "HubException: ";
        var at = ex.Message.IndexOf(marker, StringComparison.Ordinal);
        return at < 0 ? ex.Message : ex.Message[(at + marker.Length)..];
    }

    private async Task<HubConnection> ConnectAsync(FormSignIn? signIn, string path = "/hubs/employee")
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(app.BaseUri, path), o =>
            {
                if (signIn is not null)
                {
                    o.Cookies = signIn.Cookies;
                }
            })
            .Build();
        await connection.StartAsync();
        return connection;
    }
}
