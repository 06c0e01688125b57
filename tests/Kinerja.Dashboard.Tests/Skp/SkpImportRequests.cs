using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dapper;
using Kinerja.Testing;
using Npgsql;

namespace Kinerja.Dashboard.Tests.Skp;

/// <summary>Import calls as a region's HR makes them (CSV or JSON bodies) and readers of the per-row answer.</summary>
internal static class SkpImportRequests
{
    public const string PlanHeader = "externalId,nip,year,rhkCode,rhkKind,rhkText,parentRhk,parentIku,aspect,indicatorText,targetValue,targetUnit,targetText";

    public static async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(HttpClient client, string url, string body, string contentType)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        // a body the server refuses unread (413) may leave the connection unusable: never reuse it
        request.Headers.ConnectionClose = true;
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    /// <summary>
    /// The status line of a POST that declares a body of <paramref name="bytes"/> bytes, sent over a raw socket with the
    /// session cookie: the server must answer before reading such a body, and a client that kept writing 10 MB to a server
    /// that answered early would fail on a broken pipe instead of seeing the answer.
    /// </summary>
    public static async Task<string> DeclaredBodyStatusAsync(FormSignIn session, Uri baseUri, string path, long bytes, string contentType)
    {
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(baseUri.Host, baseUri.Port);
        await using var stream = tcp.GetStream();
        var head = $"POST /{path} HTTP/1.1\r\nHost: {baseUri.Authority}\r\nCookie: {session.Cookies.GetCookieHeader(baseUri)}\r\n" +
                   $"Content-Type: {contentType}\r\nContent-Length: {bytes}\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        await stream.WriteAsync(Encoding.ASCII.GetBytes("externalId,nip,year\r\n"));
        using var reader = new StreamReader(stream, Encoding.ASCII);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return (await reader.ReadLineAsync(timeout.Token))!;
    }

    /// <summary>A plan of a JSON import body; <paramref name="externalId"/> left out when null.</summary>
    public static JsonObject ImportPlan(string? externalId, string nip, int year, params JsonObject[] rhk)
    {
        var plan = new JsonObject { ["nip"] = nip, ["year"] = year, ["rhk"] = new JsonArray(rhk.Select(r => (JsonNode)r).ToArray()) };
        if (externalId is not null)
        {
            plan["externalId"] = externalId;
        }
        return plan;
    }

    /// <summary>An RHK utama of an imported plan that cascades from the superior's RHK <paramref name="parent"/> by its code.</summary>
    public static JsonObject ByCode(string code, string parent) => new()
    {
        ["code"] = code, ["kind"] = "utama", ["text"] = "RHK " + code, ["parentRhk"] = parent, ["indicators"] = new JsonArray(SkpRequests.Numeric()),
    };

    /// <summary>A CSV body: the lines joined with CRLF, with a UTF-8 byte order mark in front when asked.</summary>
    public static string Csv(bool bom, params string[] lines) => (bom ? "\uFEFF" : "") + string.Join("\r\n", lines) + "\r\n";

    /// <summary>The answer for CSV line (or JSON position) <paramref name="row"/>.</summary>
    public static JsonElement Row(JsonElement answer, int row) =>
        answer.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("row").GetInt32() == row);

    public static string StatusAt(JsonElement answer, int row) => Row(answer, row).GetProperty("status").GetString()!;

    /// <summary>The errors of a row as "field: message", joined.</summary>
    public static string ErrorsAt(JsonElement answer, int row) => string.Join(" | ", Row(answer, row).GetProperty("errors").EnumerateArray()
        .Select(e => e.GetProperty("field").GetString() + ": " + e.GetProperty("message").GetString()));

    public static async Task<T> ScalarAsync<T>(NpgsqlDataSource db, string sql, object args)
    {
        await using var conn = await db.OpenConnectionAsync();
        return (await conn.ExecuteScalarAsync<T>(sql, args))!;
    }
}
