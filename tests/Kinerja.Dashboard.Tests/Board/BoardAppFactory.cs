using Kinerja.Dashboard.Tests.Infrastructure;
using Kinerja.Testing;

namespace Kinerja.Dashboard.Tests.Board;

/// <summary>
/// The server with fast board timings, on a database seeded with one region: a unit of
/// <see cref="BigUnitStaff"/> + 1 employees and a unit of 3 (below the public minimum of 5).
/// </summary>
public class BoardAppFactory : KinerjaAppFactory, IAsyncLifetime
{
    public const string RegionId = "kota-uji";
    public const string BigUnit = "dinas-besar";
    public const string SmallUnit = "dinas-kecil";
    public const int BigUnitStaff = 8;

    public IReadOnlyList<string> BigUnitNips { get; private set; } = [];
    public IReadOnlyList<string> SmallUnitNips { get; private set; } = [];

    /// <summary>A client signed in as an administrator (user <c>t-admin</c>): ingest, pages.</summary>
    public HttpClient Admin { get; private set; } = null!;

    /// <summary>An ingest source with an API key scoped to the region.</summary>
    public HttpClient Source { get; private set; } = null!;

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Kinerja:Board:IndicatorsIntervalMs"] = "100",
        ["Kinerja:Board:ChartIntervalMs"] = "200",
        ["Kinerja:Board:RefreshSeconds"] = RefreshSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Kinerja:Board:StaleSeconds"] = (RefreshSeconds + 3).ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>The refresh tick (every push to every group); the stale limit follows it by 3 s.</summary>
    protected virtual int RefreshSeconds => 2;

    async Task IAsyncLifetime.InitializeAsync()
    {
        await InitializeAsync();
        BigUnitNips = await TestData.SeedUnitWithStaffAsync(DataSource, RegionId, BigUnit, BigUnitStaff, nipOffset: 100);
        SmallUnitNips = await TestData.SeedUnitWithStaffAsync(DataSource, RegionId, SmallUnit, 2, nipOffset: 200);
        _ = Server; // start the host after seeding
        Admin = await Access.AccessClients.ClientAsAsync(this, "admin");
        Source = Access.AccessClients.ClientWithKey(this,
            await Access.AccessClients.SourceKeyAsync(this, "sumber-papan", "region:" + RegionId));
    }
}
