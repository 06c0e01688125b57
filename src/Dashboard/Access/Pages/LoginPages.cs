using Kinerja.Core.Access;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;

namespace Kinerja.Dashboard.Access.Pages;

/// <summary>
/// <c>GET/POST /masuk</c> (sign in; rate-limited per address; lockout per user), <c>GET/POST /keluar</c>
/// (sign out), <c>GET /akses-ditolak</c>. Forms carry an antiforgery token; the session cookie is HttpOnly, SameSite=Strict.
/// </summary>
internal static class LoginPages
{
    public static IEndpointRouteBuilder MapLoginPages(this IEndpointRouteBuilder app)
    {
        app.MapGet("/masuk", ShowLogin).AllowAnonymous().ExcludeFromDescription();
        app.MapPost("/masuk", SignInAsync).AllowAnonymous().RequireRateLimiting(RateLimits.Login).ExcludeFromDescription();
        app.MapGet("/keluar", ShowLogout).AllowAnonymous().ExcludeFromDescription();
        app.MapPost("/keluar", SignOutAsync).AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/akses-ditolak", () => Html(LoginHtml.Denied(), StatusCodes.Status403Forbidden))
            .AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    private static IResult ShowLogin(HttpContext ctx, IAntiforgery af, [FromQuery] string? returnUrl) =>
        Html(LoginHtml.Login(af.GetAndStoreTokens(ctx).RequestToken!, LocalOrRoot(returnUrl), null));

    private static async Task<IResult> SignInAsync(HttpContext ctx, IAntiforgery af, LoginService login)
    {
        if (!ctx.Request.HasFormContentType || !await af.IsRequestValidAsync(ctx))
        {
            return Html(LoginHtml.Login(af.GetAndStoreTokens(ctx).RequestToken!, "/",
                "Formulir kedaluwarsa. Silakan coba lagi."), StatusCodes.Status400BadRequest);
        }
        IFormCollection form;
        try
        {
            form = await ctx.Request.ReadFormAsync(ctx.RequestAborted);
        }
        catch (Exception ex) when (ex is InvalidDataException or BadHttpRequestException)
        {
            return Results.Problem(title: "Invalid form", detail: ex.Message, statusCode: StatusCodes.Status400BadRequest);
        }
        string? username = form["username"], password = form["password"];
        var target = LocalOrRoot(form["returnUrl"]);
        var name = (username ?? "").Trim().ToLowerInvariant();
        if (name.Length == 0 || string.IsNullOrEmpty(password) || name.Length > 63 || password.Length > 200)
        {
            return Html(LoginHtml.Login(af.GetAndStoreTokens(ctx).RequestToken!, target,
                "Isi nama pengguna dan kata sandi."), StatusCodes.Status400BadRequest);
        }
        var remote = ctx.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var result = await login.CheckAsync(name, password, remote, ctx.RequestAborted);
        if (result.Status != LoginStatus.Success)
        {
            var message = result.Status == LoginStatus.Locked
                ? $"Akun dikunci sementara karena terlalu banyak percobaan gagal. Coba lagi setelah pukul {result.LockedUntil:HH:mm} UTC."
                : "Nama pengguna atau kata sandi salah.";
            return Html(LoginHtml.Login(af.GetAndStoreTokens(ctx).RequestToken!, target, message, name),
                StatusCodes.Status401Unauthorized);
        }
        await ctx.SignInAsync(AccessClaims.CookieScheme, UserPrincipal.Create(result.User!, AccessClaims.CookieScheme),
            new AuthenticationProperties { IsPersistent = false });
        return Results.Redirect(target);
    }

    private static IResult ShowLogout(HttpContext ctx, IAntiforgery af) =>
        Html(LoginHtml.Logout(af.GetAndStoreTokens(ctx).RequestToken!,
            ctx.User.Identity?.IsAuthenticated == true ? ctx.User.Identity.Name : null));

    private static async Task<IResult> SignOutAsync(HttpContext ctx, IAntiforgery af, AuditLog audit)
    {
        if (!await af.IsRequestValidAsync(ctx))
        {
            return Results.Problem(title: "Invalid form", detail: "The sign-out form expired; open /keluar again.",
                statusCode: StatusCodes.Status400BadRequest);
        }
        if (ctx.User.Identity?.IsAuthenticated == true)
        {
            await audit.WriteAsync(UserPrincipal.Actor(ctx.User), AuditActions.Logout, UserPrincipal.Actor(ctx.User), null,
                ctx.RequestAborted);
        }
        await ctx.SignOutAsync(AccessClaims.CookieScheme);
        return Results.Redirect("/masuk");
    }

    /// <summary>Only local paths are followed after sign-in (no open redirect).</summary>
    internal static string LocalOrRoot(string? url) =>
        url is { Length: > 0 and < 2000 } && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))
        && !url.Contains('\r') && !url.Contains('\n')
            ? url
            : "/";

    private static IResult Html(string html, int status = StatusCodes.Status200OK) =>
        Results.Content(html, "text/html; charset=utf-8", statusCode: status);
}
