using System.Net;

namespace Kinerja.Dashboard.Access.Pages;

/// <summary>The sign-in and sign-out pages (Indonesian), plain HTML with no script.</summary>
internal static class LoginHtml
{
    private const string Head = """
        <!doctype html><html lang="id"><head><meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{0} · Kinerja Analytics</title>
        <link rel="stylesheet" href="/css/masuk.css"></head><body>
        """;

    public static string Login(string token, string returnUrl, string? error, string username = "") =>
        string.Format(System.Globalization.CultureInfo.InvariantCulture, Head, "Masuk") + $"""
        <form method="post" action="/masuk">
        <h1>Masuk</h1>
        {(error is null ? "" : $"<p class=\"galat\" role=\"alert\">{Enc(error)}</p>")}
        <input type="hidden" name="__af" value="{Enc(token)}">
        <input type="hidden" name="returnUrl" value="{Enc(returnUrl)}">
        <label for="username">Nama pengguna</label>
        <input id="username" name="username" autocomplete="username" required maxlength="63" value="{Enc(username)}">
        <label for="password">Kata sandi</label>
        <input id="password" name="password" type="password" autocomplete="current-password" required maxlength="200">
        <button type="submit">Masuk</button>
        </form></body></html>
        """;

    public static string Logout(string token, string? name) =>
        string.Format(System.Globalization.CultureInfo.InvariantCulture, Head, "Keluar") + $"""
        <form method="post" action="/keluar">
        <h1>Keluar</h1>
        <p>{(name is null ? "Anda belum masuk." : $"Masuk sebagai <strong>{Enc(name)}</strong>.")}</p>
        <input type="hidden" name="__af" value="{Enc(token)}">
        <button type="submit">Keluar</button>
        </form></body></html>
        """;

    public static string Denied() =>
        string.Format(System.Globalization.CultureInfo.InvariantCulture, Head, "Akses ditolak") + """
        <main><h1>Akses ditolak</h1>
        <p>Peran atau wilayah akun Anda tidak mengizinkan halaman ini.</p>
        <p><a href="/">Beranda</a> · <a href="/keluar">Masuk dengan akun lain</a></p></main></body></html>
        """;

    /// <summary>True for the pages of employees (<c>/saya</c>, <c>/tim</c>): a refusal there means the account has no NIP.</summary>
    public static bool IsEmployeePage(string? returnUrl) =>
        returnUrl is not null && (returnUrl == "/saya" || returnUrl.StartsWith("/saya/", StringComparison.Ordinal)
            || returnUrl.StartsWith("/saya?", StringComparison.Ordinal) || returnUrl == "/tim"
            || returnUrl.StartsWith("/tim/", StringComparison.Ordinal) || returnUrl.StartsWith("/tim?", StringComparison.Ordinal));

    public static string DeniedNoNip() =>
        string.Format(System.Globalization.CultureInfo.InvariantCulture, Head, "Akun tanpa NIP") + """
        <main><h1>Akun ini tidak terhubung dengan pegawai</h1>
        <p>Halaman ini hanya untuk akun pegawai yang terhubung dengan satu NIP. Akun Anda tidak memiliki NIP.
        Bila Anda pegawai, masuklah dengan akun pegawai Anda atau hubungi BKD/BKPSDM.</p>
        <p><a href="/">Beranda</a> · <a href="/keluar">Masuk dengan akun lain</a></p></main></body></html>
        """;

    private static string Enc(string s) => WebUtility.HtmlEncode(s);
}
