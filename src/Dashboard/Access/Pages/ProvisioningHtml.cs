using System.Net;
using System.Text;

namespace Kinerja.Dashboard.Access.Pages;

/// <summary>A unit or a whole region HR may provision, as the console's picker lists it.</summary>
/// <param name="Value"><c>unit:{id}</c> or <c>region:{id}</c>.</param>
public sealed record ProvisioningScope(string Value, string Label, string RegionName);

/// <summary>The console page "Buat akun pegawai" (<c>/akun-pegawai</c>, Indonesian), plain HTML with no script.</summary>
internal static class ProvisioningHtml
{
    public static string Form(string token, IReadOnlyList<ProvisioningScope> scopes, string? message, bool isError, string? selected = null,
        bool reissue = false)
    {
        var options = new StringBuilder();
        foreach (var region in scopes.GroupBy(s => s.RegionName))
        {
            options.Append($"<optgroup label=\"{Enc(region.Key)}\">");
            foreach (var s in region)
            {
                options.Append($"<option value=\"{Enc(s.Value)}\"{(s.Value == selected ? " selected" : "")}>{Enc(s.Label)}</option>");
            }
            options.Append("</optgroup>");
        }
        return $"""
            <!doctype html><html lang="id"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Buat akun pegawai · Kinerja Analytics</title>
            <link rel="stylesheet" href="/css/masuk.css"></head><body>
            <form method="post" action="/akun-pegawai">
            <h1>Buat akun pegawai</h1>
            {(message is null
                ? "<p>Pilih unit atau wilayah. Setiap pegawai aktif yang belum memiliki akun mendapat akun (nama pengguna = NIP) dan kode aktivasi sekali pakai; kode diunduh sebagai berkas CSV untuk dibagikan.</p>"
                : isError ? $"<p class=\"galat\" role=\"alert\">{Enc(message)}</p>" : $"<p role=\"status\">{Enc(message)}</p>")}
            <input type="hidden" name="__af" value="{Enc(token)}">
            <label for="scope">Unit atau wilayah</label>
            <select id="scope" name="scope" required>{options}</select>
            <label><input type="checkbox" name="reissue" value="true"{(reissue ? " checked" : "")}> Terbitkan ulang kode untuk akun yang belum diaktifkan (kode lama tidak berlaku lagi)</label>
            <button type="submit">Buat akun pegawai</button>
            </form></body></html>
            """;
    }

    private static string Enc(string s) => WebUtility.HtmlEncode(s);
}
