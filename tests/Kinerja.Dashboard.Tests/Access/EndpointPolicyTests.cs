using System.Net;
using System.Text;
using Kinerja.Dashboard.Access;
using Kinerja.Dashboard.Tests.Infrastructure;
using Kinerja.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Kinerja.Dashboard.Tests.Access;

/// <summary>
/// Every endpoint declares who may use it, and is refused without credentials (401), with the wrong role (403) and,
/// for region-scoped ones, with the wrong region (403). Endpoints are enumerated from the app's EndpointDataSource,
/// so a new endpoint without a policy fails here.
/// </summary>
public sealed class EndpointPolicyTests(KinerjaAppFactory app) : IClassFixture<KinerjaAppFactory>, IAsyncLifetime
{
    /// <summary>The only routes that may be anonymous. Public pages/charts carry aggregates only; the board hub checks each group;
    /// <c>/metrics</c> answers only the networks of <c>Kinerja:Metrics:AllowedNetworks</c> (MetricsEndpointTests).</summary>
    private static readonly string[] AllowedAnonymous =
    [
        "/", "/health/live", "/health/ready", "/openapi/{documentname}.json", "/scalar/**",
        "/masuk", "/keluar", "/akses-ditolak", "/aktivasi", "/publik/**", "/hubs/board/**", "/hubs/employee/**", "/metrics",
        "/api/v1/survey/{unitid}", "/survei/**", "/api/v1/public/{regionid}/followups",
        "/api/v1/public/{regionid}/iku",
    ];

    private static readonly string[] KnownPolicies =
        [Policies.IngestWrite, Policies.SignedIn, Policies.ReadRegion, Policies.RulesRead, Policies.RulesAdmin, Policies.Admin,
            Policies.Charts, Policies.Employee, Policies.Hr, Policies.EmployeeOrHr, Policies.Person, Policies.Complaints];

    private IReadOnlyList<string> _nipsA = [];
    private IReadOnlyList<string> _nipsB = [];

    public async Task InitializeAsync()
    {
        _nipsA = await TestData.SeedUnitWithStaffAsync(app.DataSource, "wil-a", "wil-a-dinas", 2);
        _nipsB = await TestData.SeedUnitWithStaffAsync(app.DataSource, "wil-b", "wil-b-dinas", 2, nipOffset: 100);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private IReadOnlyList<EndpointCase> Endpoints => EndpointCatalog.All(app.Services);

    private IReadOnlyList<EndpointCase> Protected => Endpoints.Where(e => !e.Anonymous).ToList();

    private Dictionary<string, string> ValuesOf(char which) => new(StringComparer.OrdinalIgnoreCase)
    {
        ["region"] = $"wil-{which}", ["regionId"] = $"wil-{which}",
        ["unit"] = $"wil-{which}-dinas", ["unitId"] = $"wil-{which}-dinas",
        ["nip"] = which == 'a' ? _nipsA[1] : _nipsB[1],
    };

    [Fact]
    public void EveryEndpoint_DeclaresANamedPolicyOrAnonymous()
    {
        Assert.NotEmpty(Endpoints);
        var undeclared = Endpoints.Where(e => !e.Anonymous && e.Policy is null).Select(e => e.ToString()).ToList();
        Assert.True(undeclared.Count == 0, "Endpoints without a policy (map them in a group of src/Dashboard/Apis with "
                                           + ".RequireAuthorization(Policies.X) or .AllowAnonymous()): " + string.Join(", ", undeclared));
        var unknown = Protected.Where(e => !KnownPolicies.Contains(e.Policy)).Select(e => $"{e} -> {e.Policy}").ToList();
        Assert.Empty(unknown);
    }

    [Fact]
    public void EveryNamedPolicy_IsDeclaredByAnEndpoint()
    {
        // A policy no endpoint declares is either dead or a second way of saying something (e.g. "public" besides
        // AllowAnonymous) that this test and the OpenAPI transformer would not recognise.
        var named = typeof(Policies).GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string)).Select(f => (string)f.GetRawConstantValue()!).ToList();
        Assert.Equal(KnownPolicies.Order(), named.Order());
        var unused = named.Where(p => !Endpoints.Any(e => e.Policy == p)).ToList();
        Assert.True(unused.Count == 0, "Policies no endpoint declares: " + string.Join(", ", unused));
    }

    [Fact]
    public void NoEndpoint_IsBothAnonymousAndProtected_OrCarriesTwoPolicies()
    {
        // AllowAnonymous silently wins over any policy, and two policies must both pass: either is a mapping mistake
        // (a group's policy and an endpoint's own), so each endpoint carries exactly one declaration.
        var ambiguous = Endpoints.Where(e => e.Anonymous ? e.AuthorizationDeclarations > 0 : e.AuthorizationDeclarations != 1)
            .Select(e => $"{e} (anonymous: {e.Anonymous}, policies: {e.AuthorizationDeclarations})").ToList();
        Assert.True(ambiguous.Count == 0, string.Join(", ", ambiguous));
    }

    [Fact]
    public void AnonymousEndpoints_AreOnlyTheListedOnes()
    {
        var unexpected = Endpoints.Where(e => e.Anonymous)
            .Where(e => !AllowedAnonymous.Any(e.Matches))
            .Select(e => e.ToString()).ToList();
        Assert.True(unexpected.Count == 0, "Unexpected anonymous endpoints: " + string.Join(", ", unexpected));
    }

    [Fact]
    public void KnownRoutes_HaveTheExpectedPolicies()
    {
        string? PolicyOf(string method, string pattern) =>
            Endpoints.Single(e => e.Method == method && e.Pattern == pattern).Policy;
        Assert.Equal(Policies.IngestWrite, PolicyOf("POST", "/api/v1/activities"));
        Assert.Equal(Policies.SignedIn, PolicyOf("GET", "/api/v1/regions"));
        Assert.Equal(Policies.ReadRegion, PolicyOf("GET", "/api/v1/employees"));
        Assert.Equal(Policies.Admin, PolicyOf("GET", "/api/v1/audit"));
        Assert.Equal(Policies.Employee, PolicyOf("GET", "/api/v1/me"));
        var ingest = Endpoints.Single(e => e.Method == "POST" && e.Pattern == "/api/v1/reviews").Endpoint;
        Assert.NotNull(ingest.Metadata.GetMetadata<Microsoft.AspNetCore.RateLimiting.EnableRateLimitingAttribute>());
    }

    [Fact]
    public async Task EveryProtectedEndpoint_WithoutCredentials_Is401Problem()
    {
        var client = app.CreateClient();
        var failures = new List<string>();
        foreach (var e in Protected)
        {
            using var response = await client.SendAsync(Request(e, e.Url(ValuesOf('a'))));
            if (response.StatusCode != HttpStatusCode.Unauthorized
                || response.Content.Headers.ContentType?.MediaType != "application/problem+json")
            {
                failures.Add($"{e}: {(int)response.StatusCode} {response.Content.Headers.ContentType?.MediaType}");
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.NotEmpty(Protected);
    }

    [Fact]
    public async Task EveryProtectedEndpoint_WithTheWrongRole_Is403()
    {
        var key = await app.SourceKeyAsync("policy-probe", "region:wil-a");
        var clients = new Dictionary<string, HttpClient>
        {
            [Policies.IngestWrite] = await app.ClientAsAsync(AccessRoles.Admin),
            [Policies.SignedIn] = app.ClientWithKey(key),
            [Policies.ReadRegion] = app.ClientWithKey(key),
            [Policies.RulesRead] = await app.ClientAsAsync(AccessRoles.Pimpinan, "wil-a"),
            [Policies.RulesAdmin] = await app.ClientAsAsync(AccessRoles.Admin),
            [Policies.Admin] = await app.ClientAsAsync(AccessRoles.Sdm),
            [Policies.Charts] = app.ClientWithKey(key),
            [Policies.Employee] = await app.ClientAsAsync(AccessRoles.Admin),
            [Policies.Hr] = await app.ClientAsAsync(AccessRoles.Pimpinan, "wil-a"),
            [Policies.EmployeeOrHr] = await app.ClientAsAsync(AccessRoles.Pimpinan, "wil-a"),
            [Policies.Person] = app.ClientWithKey(key),
            [Policies.Complaints] = await app.ClientAsAsync(AccessRoles.Admin),
        };
        var failures = new List<string>();
        foreach (var e in Protected.Where(e => e.Policy is not null))
        {
            using var response = await clients[e.Policy!].SendAsync(Request(e, e.Url(ValuesOf('a'))));
            if (response.StatusCode != HttpStatusCode.Forbidden)
            {
                failures.Add($"{e} ({e.Policy}): {(int)response.StatusCode}");
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task EveryRegionScopedEndpoint_ForAnotherRegion_Is403_AndForTheirOwnIsNot()
    {
        var pimpinanA = await app.ClientAsAsync(AccessRoles.Pimpinan, "wil-a");
        var scoped = Protected.Where(e => e.Policy == Policies.ReadRegion).ToList();
        Assert.NotEmpty(scoped);
        var failures = new List<string>();
        foreach (var e in scoped)
        {
            foreach (var (which, expectDenied) in new[] { ('b', true), ('a', false) })
            {
                var url = e.Url(ValuesOf(which));
                if (!e.HasParameter("region", "regionId", "unit", "unitId", "nip"))
                {
                    url += $"?unit=wil-{which}-dinas";
                }
                using var response = await pimpinanA.SendAsync(Request(e, url));
                var denied = response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized;
                if (denied != expectDenied)
                {
                    failures.Add($"{e} as pimpinan of wil-a at {url}: {(int)response.StatusCode}");
                }
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Theory]
    [InlineData("/api/v1/employees?region=wil-a&unit=wil-b-dinas")]
    [InlineData("/api/v1/employees?unit=wil-a-dinas&unit=wil-b-dinas")]
    [InlineData("/api/v1/employees")]
    [InlineData("/api/v1/employees?unit=nowhere")]
    public async Task Pimpinan_NamingAnotherOrNoRegion_IsForbidden(string url)
    {
        var pimpinanA = await app.ClientAsAsync(AccessRoles.Pimpinan, "wil-a");
        using var response = await pimpinanA.GetAsync(url);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Pimpinan_AfterTheGrantIsRevoked_IsForbidden()
    {
        var name = await app.UserAsync(AccessRoles.Pimpinan, "wil-a", "wil-b");
        var client = await app.ClientAsAsync(AccessRoles.Pimpinan, "wil-a", "wil-b");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/employees?unit=wil-b-dinas")).StatusCode);
        await app.Services.GetRequiredService<UserStore>().RevokeAsync(name, ["wil-b"], "test");
        await WaitUntilAsync(async () => (await client.GetAsync("/api/v1/employees?unit=wil-b-dinas")).StatusCode == HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/employees?unit=wil-a-dinas")).StatusCode);
    }

    [Theory]
    [InlineData(null, "/charts/p.wil-b.aktivitas.svg", false)]
    [InlineData(null, "/charts/r.wil-a.aktivitas.svg", true)]
    [InlineData(null, "/charts/u.wil-a-dinas.aktivitas.svg", true)]
    [InlineData("wil-a", "/charts/r.wil-a.aktivitas.svg", false)]
    [InlineData("wil-a", "/charts/u.wil-a-dinas.aktivitas.svg", false)]
    [InlineData("wil-a", "/charts/r.wil-b.aktivitas.svg", true)]
    [InlineData("wil-a", "/charts/u.wil-b-dinas.aktivitas.svg", true)]
    [InlineData("wil-a", "/charts/x.svg", true)]
    public async Task Charts_PublicForAnyone_RegionAndUnitOnlyForReaders(string? pimpinanOf, string url, bool denied)
    {
        var client = pimpinanOf is null ? app.CreateClient() : await app.ClientAsAsync(AccessRoles.Pimpinan, pimpinanOf);
        using var response = await client.GetAsync(url);
        Assert.Equal(denied, response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("/js/papan.js", HttpStatusCode.OK)]
    [InlineData("/lib/signalr/signalr.min.js", HttpStatusCode.OK)]
    [InlineData("/tidak-ada", HttpStatusCode.NotFound)]
    public async Task StaticFilesAndUnknownPaths_NeedNoSignIn(string url, HttpStatusCode expected)
    {
        Assert.Equal(expected, (await app.CreateClient().GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task ApiRequest_AskingForHtml_StillGetsA401ProblemNotARedirect()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/regions");
        request.Headers.Accept.ParseAdd("text/html");
        using var response = await app.CreateClient(new() { AllowAutoRedirect = false }).SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    internal static Task WaitUntilAsync(Func<Task<bool>> condition) =>
        Eventually.TrueAsync(condition, "the access change to take effect", TimeSpan.FromSeconds(5));

    private static HttpRequestMessage Request(EndpointCase e, string url)
    {
        var request = new HttpRequestMessage(new HttpMethod(e.Method), url);
        if (e.Method is "POST" or "PUT" or "PATCH")
        {
            request.Content = new StringContent("[]", Encoding.UTF8, "application/json");
        }
        return request;
    }
}
