using Kinerja.Dashboard.Tests.Infrastructure;
using Kinerja.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Npgsql;

namespace Kinerja.EndToEnd.Tests;

/// <summary>
/// The real server on Kestrel (127.0.0.1, a free port) over a database of its own, seeded with a
/// realistic region (<see cref="ShowcaseData"/>), plus Debian's Chromium driven by Playwright
/// (never a downloaded browser). One per test class.
/// </summary>
public class LiveServer : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    public string ConnectionString { get; private set; } = "";
    public NpgsqlDataSource DataSource { get; private set; } = null!;
    public Uri BaseUri { get; private set; } = null!;
    public ShowcaseData Data { get; private set; } = null!;
    public IPlaywright Playwright { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Where screenshots go: <c>bin/.../screenshots/</c>.</summary>
    public static string ScreenshotDir { get; } = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots")).FullName;

    protected virtual IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Kinerja:Board:IndicatorsIntervalMs"] = "150",
        ["Kinerja:Board:ChartIntervalMs"] = "300",
        ["Kinerja:Board:RefreshSeconds"] = "2",
        ["Kinerja:Board:StaleSeconds"] = "4",
    };

    public async Task InitializeAsync()
    {
        ConnectionString = await TestCluster.CreateDatabaseAsync(GetType().Name);
        DataSource = NpgsqlDataSource.Create(ConnectionString);
        Data = await ShowcaseData.SeedReferenceAsync(DataSource);
        await Data.SeedRuleOutputAsync(DataSource);
        UseKestrel(0);
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
        BaseUri = new Uri(addresses.Addresses.First().Replace("[::]", "127.0.0.1").Replace("localhost", "127.0.0.1"));
        // Access control: pages and hub as an administrator (test-only header scheme, Development),
        // events through an ingest source with an API key scoped to the region.
        var users = Services.GetRequiredService<Kinerja.Dashboard.Access.UserStore>();
        await users.AddAsync(User, Kinerja.Dashboard.Access.AccessRoles.Admin, "Admin Uji",
            Kinerja.Dashboard.Access.Passwords.Hash("rahasia-uji-123"), "test");
        await users.AddAsync(HrUser, Kinerja.Dashboard.Access.AccessRoles.Sdm, "SDM Uji",
            Kinerja.Dashboard.Access.Passwords.Hash("rahasia-uji-123"), "test");
        // Without a region grant the sdm user is refused the static files (/css, /js): see the report.
        await users.GrantAsync(HrUser, [ShowcaseData.RegionId], "test");
        _sourceKey = (await Services.GetRequiredService<Kinerja.Dashboard.Access.SourceStore>()
            .AddAsync("sumber-e2e", ["region:" + ShowcaseData.RegionId], "test")).Key;
        await Data.SeedHistoryAsync(Client());
        // The first state of a board renders its charts (ScottPlot warms up): allow for a busy machine.
        Assertions.SetDefaultExpectTimeout(15_000);
        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"],
        });
    }

    public const string User = "e2e-admin";
    public const string HrUser = "e2e-sdm";
    private string _sourceKey = "";

    /// <summary>An HTTP client to the Kestrel server (a real socket) holding the ingest source's API key.</summary>
    public HttpClient Client()
    {
        var client = new HttpClient { BaseAddress = BaseUri, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", _sourceKey);
        return client;
    }

    /// <summary>
    /// A <c>pegawai</c> account bound to <paramref name="nip"/> (its superior rights follow from the reference data); pages
    /// sign in as it through <see cref="NewPageAsync"/>'s user header, so its password is never typed.
    /// </summary>
    public Task AddEmployeeAccountAsync(string username, string nip) =>
        Services.GetRequiredService<Kinerja.Dashboard.Access.EmployeeAccountStore>()
            .AddAsync(username, nip, Kinerja.Dashboard.Access.Passwords.Hash("rahasia-uji-123"), "test");

    /// <summary>A wall-screen sized page (1920×1080) with the Indonesian locale.</summary>
    public async Task<IPage> NewPageAsync(int width = 1920, int height = 1080, string user = User)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "id-ID",
            TimezoneId = "Asia/Jakarta",
            BaseURL = BaseUri.ToString(),
            ExtraHTTPHeaders = new Dictionary<string, string> { [TestUserHandler.Header] = user },
        });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(10_000);
        // CI runs the test assemblies side by side on two cores while this server is still deriving the seeded
        // history (rules, first chart renders): a first navigation once took longer than 10 s there. Navigation
        // gets the same allowance as expectations; a page that never loads still fails.
        page.SetDefaultNavigationTimeout(30_000);
        return page;
    }

    public static async Task<string> ScreenshotAsync(IPage page, string name)
    {
        var path = Path.Combine(ScreenshotDir, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = false });
        return path;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:Kinerja", ConnectionString);
        builder.UseSetting("Kinerja:Demo:Seed", "false");
        builder.UseSetting("Kinerja:Demo:Simulate", "false");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureTestServices(services => services.AddTestUserSignIn());
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }
        Playwright?.Dispose();
        await base.DisposeAsync();
        await DataSource.DisposeAsync();
        await TestCluster.DropDatabaseAsync(ConnectionString);
    }
}
