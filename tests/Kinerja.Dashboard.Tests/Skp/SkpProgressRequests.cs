using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dapper;
using Kinerja.Dashboard.Tests.Access;
using Kinerja.Dashboard.Tests.Employees;
using Npgsql;
using static Kinerja.Dashboard.Tests.Skp.SkpRequests;

namespace Kinerja.Dashboard.Tests.Skp;

/// <summary>An approved plan of S1 in <see cref="Year"/>: RHK S1 (utama: numeric N and qualitative Q) and S2 (tambahan: numeric T).</summary>
public sealed record ApprovedPlan(int Year, long RhkUtama, long RhkTambahan, long Numeric, long Qualitative, long TambahanNumeric, long SuperiorRhk);

/// <summary>Calls of the realisation, assessment and evidence endpoints, and the approved plan they need.</summary>
internal static class SkpProgressRequests
{
    /// <summary>A past year (never in the future, also at the CI's year-end clock) inside the plans' window.</summary>
    public static int PastYear => Year - 1;

    /// <summary>K (top, IKU) → B → S1, S1 submitted and approved by B, in <paramref name="year"/> (once per database: a later
    /// call reads the plan made by the first).</summary>
    public static async Task<ApprovedPlan> ApprovedPlanAsync(LoopSessions sessions, int year)
    {
        var existing = await GetAsync(await sessions.ClientAsync("s1"), year);
        if (existing.Status == HttpStatusCode.OK)
        {
            return Of(existing.Body, year);
        }
        var k = await SaveAsync(await sessions.ClientAsync("k"), Plan(0, Rhk("K1", null, "IKU-1")), year);
        Assert.True(k.Status == HttpStatusCode.OK, k.Body.ToString());
        var b = await SaveAsync(await sessions.ClientAsync("b"), Plan(0, Rhk("B1", RhkId(k.Body, "K1"))), year);
        Assert.True(b.Status == HttpStatusCode.OK, b.Body.ToString());
        var parent = RhkId(b.Body, "B1");
        var s1 = await sessions.ClientAsync("s1");
        var saved = await SaveAsync(s1, Plan(0, Rhk("S1", parent, null, "utama", Numeric(), Quality()), Rhk("S2", parent, null, "tambahan")), year);
        Assert.True(saved.Status == HttpStatusCode.OK, saved.Body.ToString());
        Assert.Equal(HttpStatusCode.OK, (await SubmitAsync(s1, year)).Status);
        var approved = await DecideAsync(await sessions.ClientAsync("b"), saved.Body.GetProperty("nip").GetString()!, true, null, year);
        Assert.True(approved.Status == HttpStatusCode.OK, approved.Body.ToString());
        return Of(approved.Body, year);
    }

    private static ApprovedPlan Of(JsonElement plan, int year)
    {
        Assert.Equal("disetujui", plan.GetProperty("status").GetString());
        var rhk = plan.GetProperty("rhk");
        long Indicator(int r, int i) => rhk[r].GetProperty("indicators")[i].GetProperty("id").GetInt64();
        return new ApprovedPlan(year, RhkId(plan, "S1"), RhkId(plan, "S2"), Indicator(0, 0), Indicator(0, 1), Indicator(1, 0),
            rhk[0].GetProperty("parentRhkId").GetInt64());
    }

    public static JsonObject Realisation(string eventId, long indicatorId, string period, decimal? value = null, string? text = null)
    {
        var item = new JsonObject { ["eventId"] = eventId, ["indicatorId"] = indicatorId, ["period"] = period };
        if (value is not null)
        {
            item["value"] = value;
        }
        if (text is not null)
        {
            item["text"] = text;
        }
        return item;
    }

    public static JsonObject Assessment(string eventId, string nip, long rhkId, string period, string level, string? feedback = null) => new()
    {
        ["eventId"] = eventId, ["nip"] = nip, ["rhkId"] = rhkId, ["period"] = period, ["level"] = level, ["feedback"] = feedback,
    };

    public static Task<(HttpStatusCode Status, JsonElement Body)> RealiseAsync(HttpClient client, params JsonObject[] items) =>
        SendAsync(client, HttpMethod.Post, "api/v1/me/skp/realisations", new JsonArray(items.Select(i => (JsonNode)i).ToArray()));

    public static Task<(HttpStatusCode Status, JsonElement Body)> AssessAsync(HttpClient client, params JsonObject[] items) =>
        SendAsync(client, HttpMethod.Post, "api/v1/team/skp/assessments", new JsonArray(items.Select(i => (JsonNode)i).ToArray()));

    /// <summary>The status of item <paramref name="index"/> of a per-item answer.</summary>
    public static string StatusOf(JsonElement answer, int index = 0) => answer.GetProperty("items")[index].GetProperty("status").GetString()!;

    /// <summary>The messages of item <paramref name="index"/>'s errors, field: message.</summary>
    public static string ErrorsOf(JsonElement answer, int index = 0) => string.Join(" | ", answer.GetProperty("items")[index].GetProperty("errors")
        .EnumerateArray().Select(e => e.GetProperty("field").GetString() + ": " + e.GetProperty("message").GetString()));

    /// <summary>Rows of a table for one key, oldest first: (current, the value column as text).</summary>
    public static async Task<List<(bool Current, string? Value)>> RowsAsync(NpgsqlDataSource db, string sql, object args)
    {
        await using var conn = await db.OpenConnectionAsync();
        return (await conn.QueryAsync<(bool, string?)>(sql, args)).ToList();
    }
}
