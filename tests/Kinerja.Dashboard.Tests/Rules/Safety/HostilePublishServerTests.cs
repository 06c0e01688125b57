using Kinerja.Rules.Tests.Safety;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Kinerja.Dashboard.Access;
using Kinerja.Testing;

namespace Kinerja.Dashboard.Tests.Rules.Safety;

/// <summary>
/// A real server process (Kinerja.Dashboard, rules role) over the test database receives each hostile workflow
/// through <c>POST /api/v1/rules/publish</c> and through a file saved into its watched rules folder. It must answer
/// with a problem naming the limit, keep the active versions, stay responsive and keep its memory bounded.
/// </summary>
public sealed class HostilePublishServerTests(HostileServer server) : IClassFixture<HostileServer>
{
    private const long MaxRssMb = 1_000;
    private readonly ChildProcess _server = server.Process;
    private readonly HttpClient _http = server.Http;
    private readonly string _rules = server.RulesFolder;

    public static TheoryData<string> Classes() => new(HostileRules.Names);

    [Theory]
    [MemberData(nameof(Classes))]
    public async Task Publish_HostileWorkflow_ProblemNamingTheLimitAndServerUnharmed(string hostile)
    {
        var (json, limit) = HostileRules.Get(hostile);
        var before = await ActiveAsync();

        var res = await _http.PostAsJsonAsync("/api/v1/rules/publish",
            new { files = new Dictionary<string, string> { ["jahat.json"] = json }, author = "uji", note = hostile });

        Assert.False(_server.HasExited, $"the server died on {hostile}: {_server.Stderr}");
        Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
        Assert.Equal("application/problem+json", res.Content.Headers.ContentType?.MediaType);
        var problem = await res.Content.ReadAsStringAsync();
        Assert.Contains("jahat.json / jahat", problem);
        Assert.Matches($"Kinerja:Rules:Limits:({limit})", problem);
        await AssertUnharmedAsync(before, hostile);
    }

    [Fact]
    public async Task SavedFile_HostileWorkflowInRulesFolder_LastErrorNamesTheLimitAndServerUnharmed()
    {
        var before = await ActiveAsync();
        var (json, _) = HostileRules.Get("nested_parentheses_under_length_limit");

        await File.WriteAllTextAsync(Path.Combine(_rules, "jahat.json"), json);

        var deadline = DateTime.UtcNow.AddSeconds(60);
        string? lastError = null;
        while (lastError?.Contains("jahat.json") != true)
        {
            Assert.False(_server.HasExited, $"the server died on the saved file: {_server.Stderr}");
            Assert.True(DateTime.UtcNow < deadline, "the saved file was not reported within 60 s");
            await Task.Delay(200);
            var overview = await _http.GetFromJsonAsync<JsonElement>("/api/v1/rules");
            lastError = overview.GetProperty("lastError").GetString();
        }
        Assert.Contains("Kinerja:Rules:Limits:MaxNestingDepth", lastError);
        await AssertUnharmedAsync(before, "saved file");
    }

    private async Task AssertUnharmedAsync(string before, string hostile)
    {
        var watch = Stopwatch.StartNew();
        var health = await _http.GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(before, await ActiveAsync());
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"the server answered in {watch.Elapsed} after {hostile}");
        Assert.False(_server.HasExited, $"the server died on {hostile}: {_server.Stderr}");
        Assert.True(_server.PeakRssMb < MaxRssMb, $"peak RSS {_server.PeakRssMb} MB after {hostile}");
    }

    private async Task<string> ActiveAsync()
    {
        var overview = await _http.GetFromJsonAsync<JsonElement>("/api/v1/rules");
        var active = overview.GetProperty("active");
        Assert.Equal(7, active.EnumerateObject().Count());
        return active.GetRawText();
    }
}

/// <summary>One server process (rules role) for the class, over its own test database and a copy of the rules folder.</summary>
public sealed class HostileServer : IAsyncLifetime
{
    private const string Password = "rahasia-uji-123";

    private readonly TestDatabase _db = new();
    private FormSignIn? _signIn;

    public ChildProcess Process { get; private set; } = null!;

    /// <summary>Signed in as HR (sdm) through <c>/masuk</c>.</summary>
    public HttpClient Http { get; private set; } = null!;
    public string RulesFolder { get; } = Directory.CreateTempSubdirectory("kinerja-hostile-server-").FullName;

    public async Task InitializeAsync()
    {
        await _db.InitializeAsync();
        foreach (var f in Directory.EnumerateFiles(BuiltDashboard.RulesFolder, "*.json", SearchOption.AllDirectories))
        {
            var target = Path.Combine(RulesFolder, Path.GetRelativePath(BuiltDashboard.RulesFolder, f));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(f, target);
        }
        await new UserStore(_db.DataSource).AddAsync("uji-sdm", AccessRoles.Sdm, "Uji SDM", Passwords.Hash(Password), "test");
        var port = FreePort();
        Process = ChildProcess.Start(
            "--environment=Development", $"--ConnectionStrings:Kinerja={_db.ConnectionString}", "--Kinerja:Roles=rules",
            $"--Urls=http://127.0.0.1:{port}", "--Kinerja:Demo:Seed=false", "--Kinerja:Demo:Simulate=false",
            $"--Kinerja:RulesPath={RulesFolder}", "--Kinerja:Rules:WatchFolder=true",
            "--Kinerja:Rules:WatchDebounceMs=200", "--Logging:LogLevel:Default=Warning");
        var baseUri = new Uri($"http://127.0.0.1:{port}/");
        using var probe = new HttpClient { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(120) };
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (true)
        {
            Assert.False(Process.HasExited, $"the server exited during start-up: {Process.Stderr}");
            try
            {
                if ((await probe.GetAsync("/health/ready")).IsSuccessStatusCode)
                {
                    // Signed in as HR through the real form: the server has no test sign-in.
                    _signIn = await FormSignIn.SignInAsync(baseUri, "uji-sdm", Password, TimeSpan.FromSeconds(120));
                    Http = _signIn.Client;
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
            }
            Assert.True(DateTime.UtcNow < deadline, "the server did not become ready");
            await Task.Delay(200);
        }
    }

    public async Task DisposeAsync()
    {
        _signIn?.Dispose();
        Process.Dispose();
        Directory.Delete(RulesFolder, recursive: true);
        await _db.DisposeAsync();
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}
