using Kinerja.Dashboard.Access;
using Kinerja.Dashboard.Tests.Board;
using Kinerja.Dashboard.Tests.Infrastructure;
using Kinerja.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Kinerja.Dashboard.Tests.Survey;

/// <summary>
/// The survey server whose region <see cref="BoardAppFactory.RegionId"/> lets its units' staff answer complaints, plus a
/// region <see cref="OtherRegion"/> that does not, with pegawai accounts: <c>c-besar</c> (a staff member of the big unit),
/// <c>c-kecil</c> (of the small unit), <c>c-lain</c> (of <see cref="OtherUnit"/>).
/// </summary>
public sealed class ComplaintAppFactory : SurveyAppFactory
{
    public const string OtherRegion = "kota-tanpa-staf";
    public const string OtherUnit = "dinas-tanpa-staf";

    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var s = base.Settings;
            s["Kinerja:Survey:ComplaintStaffRegions:0"] = RegionId;
            s["Kinerja:Survey:ComplaintAnswerDays"] = "5";
            return s;
        }
    }

    /// <summary>Seeds the other region and the pegawai accounts once (after the board seed).</summary>
    public async Task<ComplaintAppFactory> ReadyAsync()
    {
        await _seed.WaitAsync();
        try
        {
            if (!_seeded)
            {
                var other = await TestData.SeedUnitWithStaffAsync(DataSource, OtherRegion, OtherUnit, 1, nipOffset: 300);
                var accounts = Services.GetRequiredService<EmployeeAccountStore>();
                var hash = Passwords.Hash("rahasia-uji-123");
                await accounts.AddAsync("c-besar", BigUnitNips[1], hash, "test");
                await accounts.AddAsync("c-kecil", SmallUnitNips[1], hash, "test");
                await accounts.AddAsync("c-lain", other[0], hash, "test");
                // The ingest reference data reloads on a miss at most once a second (see EmployeeWorld).
                await Task.Delay(TimeSpan.FromSeconds(1.1));
                _seeded = true;
            }
            return this;
        }
        finally
        {
            _seed.Release();
        }
    }

    /// <summary>A client signed in as an existing account (test header sign-in).</summary>
    public HttpClient As(string username)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add(TestUserHandler.Header, username);
        return client;
    }

    private readonly SemaphoreSlim _seed = new(1);
    private bool _seeded;
}
