using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dapper;
using Kinerja.Dashboard.Tests.Access;
using Npgsql;

namespace Kinerja.Dashboard.Tests.Skp;

/// <summary>Bodies and calls of the SKP plan API as a screen makes them (JSON, the session cookie), and the IKU seed.</summary>
internal static class SkpRequests
{
    public static int Year => DateTime.UtcNow.Year;

    public static JsonObject Numeric(string text = "Jumlah laporan tersusun", decimal value = 12, string unit = "laporan") => new()
    {
        ["aspect"] = "kuantitas", ["text"] = text, ["target"] = new JsonObject { ["value"] = value, ["unit"] = unit },
    };

    public static JsonObject Quality(string target = "Diterima tanpa revisi") => new()
    {
        ["aspect"] = "kualitas", ["text"] = "Kualitas laporan", ["target"] = target,
    };

    public static JsonObject Rhk(string code, long? parentRhkId, string? parentIku = null, string kind = "utama", params JsonObject[] indicators)
    {
        var rhk = new JsonObject
        {
            ["code"] = code, ["kind"] = kind, ["text"] = "RHK " + code,
            ["indicators"] = new JsonArray(indicators.Length == 0 ? [Numeric()] : indicators.Select(i => (JsonNode)i).ToArray()),
        };
        if (parentRhkId is { } id)
        {
            rhk["parentRhkId"] = id;
        }
        if (parentIku is not null)
        {
            rhk["parentIku"] = parentIku;
        }
        return rhk;
    }

    public static JsonObject Plan(int version, params JsonObject[] rhk) =>
        new() { ["version"] = version, ["rhk"] = new JsonArray(rhk.Select(r => (JsonNode)r).ToArray()) };

    public static async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(HttpClient client, HttpMethod method, string url, JsonNode? body = null)
    {
        using var request = new HttpRequestMessage(method, url);
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    public static Task<(HttpStatusCode Status, JsonElement Body)> SaveAsync(HttpClient client, JsonNode plan, int? year = null) =>
        SendAsync(client, HttpMethod.Post, $"api/v1/me/skp?year={year ?? Year}", plan);

    public static Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(HttpClient client, int? year = null) =>
        SendAsync(client, HttpMethod.Get, $"api/v1/me/skp?year={year ?? Year}");

    public static Task<(HttpStatusCode Status, JsonElement Body)> SubmitAsync(HttpClient client, int? year = null) =>
        SendAsync(client, HttpMethod.Post, "api/v1/me/skp/submit", new JsonObject { ["year"] = year ?? Year });

    public static Task<(HttpStatusCode Status, JsonElement Body)> DecideAsync(HttpClient client, string nip, bool approve, string? note = null,
        int? year = null)
    {
        var body = new JsonObject { ["approve"] = approve, ["note"] = note };
        if (year is not null)
        {
            body["year"] = year;
        }
        return SendAsync(client, HttpMethod.Post, $"api/v1/team/skp/{nip}/decision", body);
    }

    /// <summary>The id of the RHK <paramref name="code"/> in a plan answer.</summary>
    public static long RhkId(JsonElement plan, string code) =>
        plan.GetProperty("rhk").EnumerateArray().Single(r => r.GetProperty("code").GetString() == code).GetProperty("id").GetInt64();

    /// <summary>The messages of a validation problem at <paramref name="field"/> (fails listing all fields when there is none).</summary>
    public static string ErrorAt(JsonElement problem, string field)
    {
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out var messages),
            $"no error at {field}; got {string.Join(", ", errors.EnumerateObject().Select(p => p.Name + ": " + p.Value))}");
        return string.Join(" | ", messages.EnumerateArray().Select(m => m.GetString()));
    }

    /// <summary>IKU-1 and IKU-2 of every unit of <paramref name="world"/> for every year a plan may have.</summary>
    public static async Task SeedIkuAsync(NpgsqlDataSource db, EmployeeWorld world)
    {
        await using var conn = await db.OpenConnectionAsync();
        await conn.ExecuteAsync("""
            insert into unit_iku (unit_id, year, code, name, target_value, target_unit)
            select u, y, c, 'Indikator ' || c, 100, 'persen'
            from unnest(@units) u cross join generate_series(@from, @to) y cross join unnest(array['IKU-1', 'IKU-2']) c
            on conflict do nothing
            """, new { units = new[] { world.UnitA, world.Prefix + "-a-lain", world.Prefix + "-b-dinas" }, from = Year - 5, to = Year + 1 });
    }
}
