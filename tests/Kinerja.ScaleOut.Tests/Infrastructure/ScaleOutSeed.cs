using System.Net.Http.Json;
using Kinerja.Dashboard.Access;
using Kinerja.Testing;
using Npgsql;

namespace Kinerja.ScaleOut.Tests.Infrastructure;

/// <summary>What the processes share: one region with a unit of staff, an administrator and an ingest key, all in the database.</summary>
public sealed record ScaleOutSeed(string RegionId, string UnitId, IReadOnlyList<string> Nips, string Admin, string SourceKey)
{
    /// <summary>The administrator's password (sign-in through <c>/masuk</c>).</summary>
    public const string Password = "rahasia-uji-123";

    public static async Task<ScaleOutSeed> CreateAsync(NpgsqlDataSource db, string regionId, int nipOffset)
    {
        var unitId = regionId + "-dinas";
        var nips = await TestData.SeedUnitWithStaffAsync(db, regionId, unitId, 6, nipOffset);
        const string admin = "so-admin";
        await new UserStore(db).AddAsync(admin, AccessRoles.Admin, "Admin Uji", Passwords.Hash(Password), "test");
        var key = (await new SourceStore(db).AddAsync("sumber-" + regionId, ["region:" + regionId], "test")).Key;
        return new ScaleOutSeed(regionId, unitId, nips, admin, key);
    }

    /// <summary>Posts one activity per employee through the ingest API and checks every item was accepted.</summary>
    public static async Task PostActivitiesAsync(HttpClient source, IEnumerable<string> nips, int minutes)
    {
        var items = nips.Select(nip => new
        {
            eventId = Guid.NewGuid(),
            nip,
            occurredAt = ClusterClock.Now.AddMinutes(-5),
            minutes,
            description = "Menyusun laporan pelayanan",
        }).ToArray();
        await PostAsync(source, "/api/v1/activities", items);
    }

    public static async Task PostAsync(HttpClient source, string path, object[] items)
    {
        using var response = await source.PostAsJsonAsync(path, items);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {body}");
        Assert.Contains($"\"accepted\":{items.Length}", body.Replace(" ", ""), StringComparison.OrdinalIgnoreCase);
    }
}
