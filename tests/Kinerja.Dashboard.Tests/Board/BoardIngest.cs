using System.Net.Http.Json;

namespace Kinerja.Dashboard.Tests.Board;

/// <summary>Posts events through the ingest HTTP API, as source systems do.</summary>
public static class BoardIngest
{
    public static async Task ActivitiesAsync(HttpClient client, IEnumerable<string> nips, int minutes = 120,
        DateTimeOffset? at = null)
    {
        var when = at ?? DateTimeOffset.UtcNow.AddMinutes(-5);
        var items = nips.Select(nip => new
        {
            eventId = Guid.NewGuid(),
            nip,
            occurredAt = when,
            minutes,
            description = "Menyusun laporan pelayanan",
        }).ToArray();
        await PostAsync(client, "/api/v1/activities", items, items.Length);
    }

    public static async Task AttendanceAsync(HttpClient client, IEnumerable<string> nips, DateOnly day, string status = "hadir")
    {
        var items = nips.Select(nip => new { eventId = Guid.NewGuid(), nip, day, status }).ToArray();
        await PostAsync(client, "/api/v1/attendance", items, items.Length);
    }

    public static async Task PostAsync(HttpClient client, string path, object[] items, int expectAccepted)
    {
        using var response = await client.PostAsJsonAsync(path, items);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {body}");
        Assert.Contains($"\"accepted\":{expectAccepted}", body.Replace(" ", ""), StringComparison.OrdinalIgnoreCase);
    }
}
