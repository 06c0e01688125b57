using System.Globalization;
using System.Security.Claims;
using Dapper;
using Kinerja.Dashboard.Access;
using Kinerja.Dashboard.Access.Pages;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace Kinerja.Dashboard.Apis;

/// <summary>
/// <c>GET/POST /akun-pegawai</c>: HR's console action "Buat akun pegawai" (issue 16), under <see cref="Policies.Hr"/>.
/// HR picks a unit or a whole region they read; every active employee without an account gets a pegawai account and a
/// one-time activation code through <see cref="EmployeeProvisioning"/> (the CLI's <c>users provision</c>; audited there
/// as <c>user.provision</c>), and the codes come back as a CSV download with the CLI file's columns
/// (<see cref="CodesFile"/>). A re-run creates only what is missing; with "terbitkan ulang" accounts not activated yet
/// get new codes. The form carries an antiforgery token.
/// </summary>
public static class ProvisioningPages
{
    public const string Path = "/akun-pegawai";

    public static RouteGroupBuilder MapProvisioningPages(this RouteGroupBuilder group)
    {
        group.MapGet(Path, ShowAsync);
        group.MapPost(Path, ProvisionAsync).RequireRateLimiting(RateLimits.AccountWrite);
        return group;
    }

    private static async Task<ContentHttpResult> ShowAsync(HttpContext ctx, IAntiforgery af, RegionAccess regions, NpgsqlDataSource db) =>
        Html(ProvisioningHtml.Form(Token(ctx, af), await ScopesAsync(ctx.User, regions, db, ctx.RequestAborted), null, false));

    private static async Task<IResult> ProvisionAsync(HttpContext ctx, IAntiforgery af, RegionAccess regions, NpgsqlDataSource db,
        EmployeeProvisioning provisioning, TimeProvider time)
    {
        var ct = ctx.RequestAborted;
        var scopes = await ScopesAsync(ctx.User, regions, db, ct);
        if (!ctx.Request.HasFormContentType || !await af.IsRequestValidAsync(ctx))
        {
            return Html(ProvisioningHtml.Form(Token(ctx, af), scopes, "Formulir kedaluwarsa. Silakan coba lagi.", true), StatusCodes.Status400BadRequest);
        }
        var form = await ctx.Request.ReadFormAsync(ct);
        var scope = form["scope"].ToString();
        var reissue = form["reissue"].ToString() == "true";
        IResult Error(string message, int status) => Html(ProvisioningHtml.Form(Token(ctx, af), scopes, message, true, scope, reissue), status);
        var (kind, id) = scope.Split(':', 2) is [var k, var v] && v.Length > 0 ? (k, v) : ("", "");
        if (kind is not ("unit" or "region"))
        {
            return Error("Pilih unit atau wilayah yang akan dibuatkan akun.", StatusCodes.Status400BadRequest);
        }
        if (!await ExistsAsync(db, kind, id, ct))
        {
            return Error(kind == "unit" ? $"Unit '{id}' tidak dikenal." : $"Wilayah '{id}' tidak dikenal.", StatusCodes.Status400BadRequest);
        }
        if (!(kind == "unit" ? await regions.CanReadUnitAsync(ctx.User, id, ct) : await regions.CanReadRegionAsync(ctx.User, id, ct)))
        {
            return Error("Unit atau wilayah ini di luar wilayah kewenangan Anda.", StatusCodes.Status403Forbidden);
        }
        ProvisioningResult result;
        try
        {
            var actor = UserPrincipal.Actor(ctx.User);
            result = kind == "unit"
                ? await provisioning.ForUnitAsync(id, actor, reissue, ct)
                : await provisioning.ForRegionAsync(id, actor, reissue, ct);
        }
        catch (AccessException ex)
        {
            return Error("Akun tidak dapat dibuat: " + ex.Message, StatusCodes.Status400BadRequest);
        }
        if (result.Codes.Count == 0)
        {
            return Html(ProvisioningHtml.Form(Token(ctx, af), scopes,
                $"Tidak ada kode baru: {result.AlreadyHadAccount} pegawai aktif di sini sudah memiliki akun" +
                (reissue ? " yang sudah diaktifkan." : ". Centang \"terbitkan ulang\" untuk kode baru bagi akun yang belum diaktifkan."),
                false, scope, reissue));
        }
        using var csv = new MemoryStream();
        await CodesFile.WriteAsync(csv, result.Codes, ct);
        ctx.Response.Headers.CacheControl = "no-store";
        var stamp = time.GetUtcNow().ToString("yyyyMMdd-HHmm", CultureInfo.InvariantCulture);
        return TypedResults.File(csv.ToArray(), "text/csv; charset=utf-8", $"kode-aktivasi-{kind}-{id}-{stamp}.csv");
    }

    /// <summary>The units and regions <paramref name="user"/> reads, by region then unit name.</summary>
    private static async Task<IReadOnlyList<ProvisioningScope>> ScopesAsync(ClaimsPrincipal user, RegionAccess regions, NpgsqlDataSource db,
        CancellationToken ct)
    {
        var readable = await regions.ReadableRegionsAsync(user, ct);
        await using var conn = await db.OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<(string RegionId, string RegionName, string? UnitId, string? UnitName)>(new CommandDefinition("""
            select r.id, r.name, u.id, u.name from region r left join unit u on u.region_id = r.id
            order by r.name, r.id, u.name nulls first, u.id
            """, cancellationToken: ct));
        var scopes = new List<ProvisioningScope>();
        foreach (var region in rows.Where(r => readable is null || readable.Contains(r.RegionId)).GroupBy(r => (r.RegionId, r.RegionName)))
        {
            scopes.Add(new ProvisioningScope("region:" + region.Key.RegionId, "Seluruh wilayah " + region.Key.RegionName, region.Key.RegionName));
            scopes.AddRange(region.Where(r => r.UnitId is not null)
                .Select(r => new ProvisioningScope("unit:" + r.UnitId, r.UnitName!, region.Key.RegionName)));
        }
        return scopes;
    }

    private static async Task<bool> ExistsAsync(NpgsqlDataSource db, string kind, string id, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.ExecuteScalarAsync<bool>(new CommandDefinition(kind == "unit"
            ? "select exists(select 1 from unit where id = @id)"
            : "select exists(select 1 from region where id = @id)", new { id }, cancellationToken: ct));
    }

    private static string Token(HttpContext ctx, IAntiforgery af) => af.GetAndStoreTokens(ctx).RequestToken!;

    private static ContentHttpResult Html(string html, int status = StatusCodes.Status200OK) =>
        TypedResults.Content(html, "text/html; charset=utf-8", statusCode: status);
}
