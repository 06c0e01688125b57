using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kinerja.Ingest.Tests.Support;

/// <summary>JSON items and HTTP helpers for the ingest endpoints.</summary>
internal static class Items
{
    public static JsonObject Activity(string nip, DateTimeOffset at, int minutes = 60, Guid? id = null) => new()
    {
        ["eventId"] = (id ?? Guid.NewGuid()).ToString(),
        ["nip"] = nip,
        ["occurredAt"] = at.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
        ["minutes"] = minutes,
        ["volume"] = 1,
        ["output"] = "dokumen",
        ["description"] = "Menyusun laporan",
    };

    public static JsonObject Attendance(string nip, DateOnly day, string status = "hadir", int? late = null, Guid? id = null)
    {
        var o = new JsonObject
        {
            ["eventId"] = (id ?? Guid.NewGuid()).ToString(),
            ["nip"] = nip,
            ["day"] = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["status"] = status,
        };
        if (late is not null)
        {
            o["lateMinutes"] = late;
        }
        return o;
    }

    public static JsonObject Rating(string? nip, string? unitId, int score = 4, string role = "atasan",
        string aspect = "kompeten", string period = "2025-06", Guid? id = null)
    {
        var o = new JsonObject
        {
            ["eventId"] = (id ?? Guid.NewGuid()).ToString(),
            ["raterRole"] = role,
            ["aspect"] = aspect,
            ["score"] = score,
            ["period"] = period,
            ["occurredAt"] = "2025-06-30T10:00:00+07:00",
        };
        if (nip is not null)
        {
            o["nip"] = nip;
        }
        if (unitId is not null)
        {
            o["unitId"] = unitId;
        }
        return o;
    }

    public static JsonObject Review(Guid activity, string reviewer, bool approved, DateTimeOffset at, Guid? id = null) => new()
    {
        ["eventId"] = (id ?? Guid.NewGuid()).ToString(),
        ["activityEventId"] = activity.ToString(),
        ["approved"] = approved,
        ["reviewerNip"] = reviewer,
        ["at"] = at.ToString("O", CultureInfo.InvariantCulture),
    };

    public static JsonObject Feedback(string nip, string author, string note, DateTimeOffset at, Guid? id = null) => new()
    {
        ["eventId"] = (id ?? Guid.NewGuid()).ToString(),
        ["nip"] = nip,
        ["authorNip"] = author,
        ["note"] = note,
        ["occurredAt"] = at.ToString("O", CultureInfo.InvariantCulture),
    };

    public static JsonObject Withdrawal(Guid activity, string nip, DateTimeOffset at, Guid? replacedBy = null, Guid? id = null)
    {
        var o = new JsonObject
        {
            ["eventId"] = (id ?? Guid.NewGuid()).ToString(),
            ["activityEventId"] = activity.ToString(),
            ["nip"] = nip,
            ["occurredAt"] = at.ToString("O", CultureInfo.InvariantCulture),
        };
        if (replacedBy is not null)
        {
            o["replacedBy"] = replacedBy.ToString();
        }
        return o;
    }

    public static Guid IdOf(JsonObject item) => Guid.Parse((string)item["eventId"]!);

    public static async Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string stream, params JsonNode[] items)
    {
        var body = new JsonArray(items.Select(i => i.DeepClone()).ToArray()).ToJsonString();
        return await client.PostRawAsync(stream, body, "application/json");
    }

    public static async Task<HttpResponseMessage> PostNdjsonAsync(this HttpClient client, string stream, params JsonNode[] items)
    {
        var body = string.Join('\n', items.Select(i => i.ToJsonString())) + "\n";
        return await client.PostRawAsync(stream, body, "application/x-ndjson");
    }

    public static async Task<HttpResponseMessage> PostRawAsync(this HttpClient client, string stream, string body, string? contentType)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        if (contentType is not null)
        {
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }
        return await client.PostAsync($"/api/v1/{stream}", content);
    }

    /// <summary>Reads a 200 ingest response.</summary>
    public static async Task<JsonObject> ResultAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"HTTP {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    public static string StatusAt(this JsonObject result, int index) => (string)result["items"]![index]!["status"]!;

    /// <summary>The single error of an item as "field: message".</summary>
    public static (string Field, string Message) ErrorAt(this JsonObject result, int index, string? field = null)
    {
        var errors = result["items"]![index]!["errors"]!.AsArray();
        Assert.NotEmpty(errors);
        var e = field is null ? errors[0]! : errors.FirstOrDefault(x => (string)x!["field"]! == field)
            ?? throw new Xunit.Sdk.XunitException($"No error for field '{field}' in {errors.ToJsonString()}");
        return ((string)e["field"]!, (string)e["message"]!);
    }

    public static int Count(this JsonObject result, string key) => (int)result[key]!;

    public static JsonSerializerOptions Web { get; } = new(JsonSerializerDefaults.Web);
}
