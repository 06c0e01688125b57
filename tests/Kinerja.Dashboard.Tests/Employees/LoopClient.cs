using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dapper;
using Kinerja.Testing;
using Npgsql;

namespace Kinerja.Dashboard.Tests.Employees;

/// <summary>Requests of the issue 16 loop API as a signed-in screen makes them (JSON bodies, the session cookie).</summary>
internal static class LoopClient
{
    /// <summary>An activity item of the ingest contract, an hour ago (today or yesterday in the region), with a fresh eventId.</summary>
    public static JsonObject Activity(string nip, int minutes = 5, string description = "Menyusun laporan") => new()
    {
        ["eventId"] = Guid.NewGuid().ToString(), ["nip"] = nip, ["occurredAt"] = DateTimeOffset.UtcNow.AddHours(-1).ToString("O"),
        ["minutes"] = minutes, ["description"] = description,
    };

    public static JsonObject Review(Guid activity, bool approved, string? note, Guid? eventId = null) => new()
    {
        ["eventId"] = (eventId ?? Guid.NewGuid()).ToString(), ["activityEventId"] = activity.ToString(), ["approved"] = approved,
        ["note"] = note,
    };

    public static async Task<T> ScalarAsync<T>(NpgsqlDataSource db, string sql, object args)
    {
        await using var conn = await db.OpenConnectionAsync();
        return (await conn.ExecuteScalarAsync<T>(sql, args))!;
    }

    public static Guid IdOf(JsonObject item) => Guid.Parse(item["eventId"]!.GetValue<string>());

    public static async Task<(HttpResponseMessage Response, JsonElement Body)> PostAsync(HttpClient client, string url, JsonNode body,
        string contentType = "application/json")
    {
        var response = await client.PostAsync(url, new StringContent(body.ToJsonString(), Encoding.UTF8, contentType));
        var text = await response.Content.ReadAsStringAsync();
        return (response, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    public static async Task<(HttpResponseMessage Response, string Text)> PostRawAsync(HttpClient client, string url, string body,
        string contentType = "application/json")
    {
        // A body the server stops reading may leave the connection unusable: it closes it, so the next request must not reuse it.
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, contentType) };
        request.Headers.ConnectionClose = true;
        var response = await client.SendAsync(request);
        return (response, await response.Content.ReadAsStringAsync());
    }

    /// <summary>
    /// Sends a body the server refuses by its declared length the way a careful client sends a large upload: with
    /// <c>Expect: 100-continue</c>, so the refusal arrives before the body is written. Without it the client may still be
    /// writing when the server answers and closes the connection, and sees a reset instead of the answer.
    /// </summary>
    public static async Task<(HttpResponseMessage Response, string Text)> PostOversizedAsync(FormSignIn signIn, string url,
        string body, string contentType = "application/json")
    {
        using var client = new HttpClient(new SocketsHttpHandler
        {
            CookieContainer = signIn.Cookies, AllowAutoRedirect = false, Expect100ContinueTimeout = TimeSpan.FromSeconds(60),
        }) { BaseAddress = signIn.Client.BaseAddress, Timeout = TimeSpan.FromSeconds(90) };
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, contentType) };
        request.Headers.ExpectContinue = true;
        request.Headers.ConnectionClose = true;
        var response = await client.SendAsync(request);
        return (response, await response.Content.ReadAsStringAsync());
    }

    public static string StatusAt(JsonElement result, int index) => result.GetProperty("items")[index].GetProperty("status").GetString()!;

    /// <summary>The (field, message) errors of item <paramref name="index"/>.</summary>
    public static List<(string Field, string Message)> ErrorsAt(JsonElement result, int index) =>
        result.GetProperty("items")[index].GetProperty("errors").EnumerateArray()
            .Select(e => (e.GetProperty("field").GetString()!, e.GetProperty("message").GetString()!)).ToList();

    /// <summary>The activities of <c>GET /api/v1/me/activities</c> (current month) by eventId.</summary>
    public static async Task<Dictionary<Guid, JsonElement>> MyActivitiesAsync(HttpClient client, string? period = null)
    {
        var body = await client.GetFromJsonAsync<JsonElement>("api/v1/me/activities" + (period is null ? "" : "?period=" + period));
        return body.GetProperty("activities").EnumerateArray().ToDictionary(a => a.GetProperty("eventId").GetGuid());
    }
}
