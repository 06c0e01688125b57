using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kinerja.Dashboard.Tests.Infrastructure;

namespace Kinerja.Dashboard.Tests.Skp;

/// <summary>Calls of the unit annual plan API (<c>PUT|DELETE /api/v1/units/{unitId}/iku</c>) as HR makes them.</summary>
internal static class UnitIkuTargetRequests
{
    public static JsonObject Iku(int year, string code, string name = "Persentase layanan tepat waktu", decimal value = 90, string unit = "persen",
        JsonNode? periodTargets = null)
    {
        var iku = new JsonObject { ["year"] = year, ["code"] = code, ["name"] = name, ["targetValue"] = value, ["targetUnit"] = unit };
        if (periodTargets is not null)
        {
            iku["periodTargets"] = periodTargets;
        }
        return iku;
    }

    public static Task<(HttpStatusCode Status, JsonElement Body)> PutAsync(HttpClient client, string unitId, JsonNode body) =>
        RawAsync(client, HttpMethod.Put, $"/api/v1/units/{Uri.EscapeDataString(unitId)}/iku", body.ToJsonString(), "application/json");

    public static Task<(HttpStatusCode Status, JsonElement Body)> DeleteAsync(HttpClient client, string unitId, string code, int? year) =>
        RawAsync(client, HttpMethod.Delete, $"/api/v1/units/{Uri.EscapeDataString(unitId)}/iku/{Uri.EscapeDataString(code)}"
                                           + (year is null ? "" : $"?year={year}"), null, null);

    public static async Task<(HttpStatusCode Status, JsonElement Body)> RawAsync(HttpClient client, HttpMethod method, string url, string? body,
        string? contentType)
    {
        using var request = new HttpRequestMessage(method, url);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
            request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    /// <summary>The object after <paramref name="change"/> (e.g. an IKU with its <c>unitId</c> for an import row).</summary>
    public static JsonObject Also(this JsonObject o, Action<JsonObject> change)
    {
        change(o);
        return o;
    }

    /// <summary>A client signed in as <paramref name="account"/> (anonymous when null) that reports redirects instead of following them.</summary>
    public static HttpClient As(KinerjaAppFactory app, string? account)
    {
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        if (account is not null)
        {
            client.DefaultRequestHeaders.Add(TestUserHandler.Header, account);
        }
        return client;
    }
}
