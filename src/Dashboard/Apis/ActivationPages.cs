using Kinerja.Dashboard.Access;
using Kinerja.Dashboard.Access.Pages;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Kinerja.Dashboard.Apis;

/// <summary>
/// <c>GET/POST /aktivasi</c>: the first sign-in of a provisioned pegawai account with its one-time activation code,
/// which forces choosing a password (<see cref="EmployeeActivation"/>). Antiforgery like <c>/masuk</c>, rate-limited
/// per address with the same policy; on success the person is signed in.
/// </summary>
public static class ActivationPages
{
    public static RouteGroupBuilder MapActivationPages(this RouteGroupBuilder group)
    {
        group.MapGet("/aktivasi", (HttpContext ctx, IAntiforgery af) => Html(ActivationHtml.Form(Token(ctx, af), null, false)));
        group.MapPost("/aktivasi", ActivateAsync).RequireRateLimiting(RateLimits.Login);
        return group;
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult, RedirectHttpResult>> ActivateAsync(HttpContext ctx,
        IAntiforgery af, EmployeeActivation activation)
    {
        if (!ctx.Request.HasFormContentType || !await af.IsRequestValidAsync(ctx))
        {
            return Html(ActivationHtml.Form(Token(ctx, af), "Formulir kedaluwarsa. Silakan coba lagi.", true),
                StatusCodes.Status400BadRequest);
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
        var username = ((string?)form["username"] ?? "").Trim().ToLowerInvariant();
        string code = form["code"].ToString(), password = form["password"].ToString(), repeat = form["repeat"].ToString();
        if (username.Length is 0 or > 63 || code.Length is 0 or > 64 || password.Length == 0 || password.Length > 200)
        {
            return Html(ActivationHtml.Form(Token(ctx, af), "Isi nama pengguna, kode aktivasi dan kata sandi baru.", true,
                username), StatusCodes.Status400BadRequest);
        }
        var remote = ctx.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var result = await activation.ActivateAsync(username, code, password, repeat, remote, ctx.RequestAborted);
        if (result.Status == ActivationStatus.Activated)
        {
            await ctx.SignInAsync(AccessClaims.CookieScheme, UserPrincipal.Create(result.User!, AccessClaims.CookieScheme),
                new AuthenticationProperties { IsPersistent = false });
            return TypedResults.Redirect("/");
        }
        var (message, status, keepCode) = result.Status switch
        {
            ActivationStatus.WeakPassword => ($"Kata sandi baru minimal {Passwords.MinLength} karakter.", StatusCodes.Status400BadRequest, true),
            ActivationStatus.Mismatch => ("Kedua kata sandi baru tidak sama.", StatusCodes.Status400BadRequest, true),
            ActivationStatus.Expired => ("Kode aktivasi sudah kedaluwarsa. Minta kode baru ke BKPSDM.", StatusCodes.Status401Unauthorized, false),
            ActivationStatus.Locked => ($"Akun dikunci sementara karena terlalu banyak percobaan gagal. Coba lagi setelah pukul {result.LockedUntil:HH:mm} UTC.",
                StatusCodes.Status401Unauthorized, false),
            _ => ("Nama pengguna atau kode aktivasi salah, atau kode sudah dipakai.", StatusCodes.Status401Unauthorized, false),
        };
        // A code already proven right is carried (hidden) so only the passwords are typed again.
        return Html(ActivationHtml.Form(Token(ctx, af), message, true, username, keepCode ? code : null), status);
    }

    private static string Token(HttpContext ctx, IAntiforgery af) => af.GetAndStoreTokens(ctx).RequestToken!;

    private static ContentHttpResult Html(string html, int status = StatusCodes.Status200OK) =>
        TypedResults.Content(html, "text/html; charset=utf-8", statusCode: status);
}
