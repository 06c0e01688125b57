using Kinerja.Dashboard.Access;
using Kinerja.Dashboard.Access.Pages;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Kinerja.Dashboard.Apis;

/// <summary>
/// <c>GET/POST /masuk</c> (sign in; rate-limited per address; lockout per user; a provisioned account typing its
/// activation code gets the activation form of <see cref="ActivationPages"/>, no session), <c>GET/POST /keluar</c>
/// (sign out), <c>GET /akses-ditolak</c>. Forms carry an antiforgery token; the session cookie is HttpOnly, SameSite=Strict.
/// </summary>
public static class LoginPages
{
    /// <summary>Maps the sign-in pages relative to <paramref name="group"/> (the host maps them at the root).</summary>
    public static RouteGroupBuilder MapLoginPages(this RouteGroupBuilder group)
    {
        group.MapGet("/masuk", ShowLogin);
        group.MapPost("/masuk", SignInAsync).RequireRateLimiting(RateLimits.Login);
        group.MapGet("/keluar", ShowLogout);
        group.MapPost("/keluar", SignOutAsync);
        group.MapGet("/akses-ditolak", ([FromQuery(Name = "ReturnUrl")] string? returnUrl) =>
            Html(LoginHtml.IsEmployeePage(returnUrl) ? LoginHtml.DeniedNoNip() : LoginHtml.Denied(), StatusCodes.Status403Forbidden));
        return group;
    }

    private static ContentHttpResult ShowLogin(HttpContext ctx, IAntiforgery af, [FromQuery] string? returnUrl) =>
        Html(LoginHtml.Login(af.GetAndStoreTokens(ctx).RequestToken!, LocalOrRoot(returnUrl), null));

    private static async Task<Results<ContentHttpResult, ProblemHttpResult, RedirectHttpResult>> SignInAsync(HttpContext ctx,
        IAntiforgery af, LoginService login)
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
            return TypedResults.Problem(title: "Invalid form", detail: ex.Message, statusCode: StatusCodes.Status400BadRequest);
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
        if (result.Status == LoginStatus.ActivationRequired)
        {
            // No session before a password is chosen: the activation form, with the code just typed carried hidden.
            return Html(ActivationHtml.Form(af.GetAndStoreTokens(ctx).RequestToken!,
                "Akun Anda belum aktif. Pilih kata sandi baru untuk melanjutkan.", false, name, password));
        }
        if (result.Status != LoginStatus.Success)
        {
            var message = result.Status switch
            {
                LoginStatus.Locked =>
                    $"Akun dikunci sementara karena terlalu banyak percobaan gagal. Coba lagi setelah pukul {result.LockedUntil:HH:mm} UTC.",
                LoginStatus.ActivationExpired => "Kode aktivasi sudah kedaluwarsa. Minta kode baru ke BKPSDM.",
                _ => "Nama pengguna atau kata sandi salah.",
            };
            return Html(LoginHtml.Login(af.GetAndStoreTokens(ctx).RequestToken!, target, message, name),
                StatusCodes.Status401Unauthorized);
        }
        await ctx.SignInAsync(AccessClaims.CookieScheme, UserPrincipal.Create(result.User!, AccessClaims.CookieScheme),
            new AuthenticationProperties { IsPersistent = false });
        return TypedResults.Redirect(target);
    }

    private static ContentHttpResult ShowLogout(HttpContext ctx, IAntiforgery af) =>
        Html(LoginHtml.Logout(af.GetAndStoreTokens(ctx).RequestToken!,
            ctx.User.Identity?.IsAuthenticated == true ? ctx.User.Identity.Name : null));

    private static async Task<Results<ProblemHttpResult, RedirectHttpResult>> SignOutAsync(HttpContext ctx, IAntiforgery af, AuditLog audit)
    {
        if (!await af.IsRequestValidAsync(ctx))
        {
            return TypedResults.Problem(title: "Invalid form", detail: "The sign-out form expired; open /keluar again.",
                statusCode: StatusCodes.Status400BadRequest);
        }
        if (ctx.User.Identity?.IsAuthenticated == true)
        {
            await audit.WriteAsync(UserPrincipal.Actor(ctx.User), AuditActions.Logout, UserPrincipal.Actor(ctx.User), null,
                ctx.RequestAborted);
        }
        await ctx.SignOutAsync(AccessClaims.CookieScheme);
        return TypedResults.Redirect("/masuk");
    }

    /// <summary>Only local paths are followed after sign-in (no open redirect).</summary>
    internal static string LocalOrRoot(string? url) =>
        url is { Length: > 0 and < 2000 } && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))
        && !url.Contains('\r') && !url.Contains('\n')
            ? url
            : "/";

    private static ContentHttpResult Html(string html, int status = StatusCodes.Status200OK) =>
        TypedResults.Content(html, "text/html; charset=utf-8", statusCode: status);
}
