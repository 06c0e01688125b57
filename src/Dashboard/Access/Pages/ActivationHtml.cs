using System.Net;

namespace Kinerja.Dashboard.Access.Pages;

/// <summary>The activation page of provisioned pegawai accounts (Indonesian), plain HTML with no script.</summary>
internal static class ActivationHtml
{
    /// <summary>
    /// The form: user name, activation code, new password twice. When the code was just typed on <c>/masuk</c>
    /// (<paramref name="knownCode"/>), it is carried in a hidden field so it need not be typed again.
    /// </summary>
    public static string Form(string token, string? message, bool isError, string username = "", string? knownCode = null) => $"""
        <!doctype html><html lang="id"><head><meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Aktivasi akun · Kinerja Analytics</title>
        <link rel="stylesheet" href="/css/masuk.css"></head><body>
        <form method="post" action="/aktivasi">
        <h1>Aktivasi akun</h1>
        {(message is null ? "<p>Masukkan kode aktivasi dari BKPSDM, lalu pilih kata sandi Anda.</p>"
            : isError ? $"<p class=\"galat\" role=\"alert\">{Enc(message)}</p>" : $"<p role=\"status\">{Enc(message)}</p>")}
        <input type="hidden" name="__af" value="{Enc(token)}">
        <label for="username">Nama pengguna (NIP)</label>
        <input id="username" name="username" autocomplete="username" required maxlength="63" value="{Enc(username)}">
        {(knownCode is null
            ? """<label for="code">Kode aktivasi</label><input id="code" name="code" autocomplete="one-time-code" required maxlength="64">"""
            : $"<input type=\"hidden\" name=\"code\" value=\"{Enc(knownCode)}\">")}
        <label for="password">Kata sandi baru (minimal {Passwords.MinLength} karakter)</label>
        <input id="password" name="password" type="password" autocomplete="new-password" required minlength="{Passwords.MinLength}" maxlength="200">
        <label for="repeat">Ulangi kata sandi baru</label>
        <input id="repeat" name="repeat" type="password" autocomplete="new-password" required minlength="{Passwords.MinLength}" maxlength="200">
        <button type="submit">Aktifkan dan masuk</button>
        </form></body></html>
        """;

    private static string Enc(string s) => WebUtility.HtmlEncode(s);
}
