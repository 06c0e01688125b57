using System.Net;
using System.Text;
using Kinerja.Core.Reference;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Kinerja.Dashboard.Apis;

/// <summary>The landing page: the regions and where to go next (Indonesian). Mapped by <see cref="PageEndpoints"/>.</summary>
public static class HomePage
{
    public static async Task<ContentHttpResult> GetAsync(ReferenceRepository repo, CancellationToken ct)
    {
        var regions = await repo.RegionsAsync(ct);
        var html = new StringBuilder("""
            <!doctype html><html lang="id"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Kinerja Analytics</title>
            <link rel="stylesheet" href="/css/beranda.css"></head><body>
            <h1>Kinerja Analytics</h1><p>Analitik kinerja ASN secara langsung untuk pemerintah daerah.</p>
            <h2>Wilayah</h2><ul>
            """);
        foreach (var r in regions)
        {
            var id = WebUtility.HtmlEncode(r.Id);
            html.Append($"<li><a href=\"/papan/{id}\">{WebUtility.HtmlEncode(r.Name)}</a> — ")
                .Append($"<a href=\"/publik/{id}\">tampilan publik</a> ({WebUtility.HtmlEncode(r.TimeZone)})</li>");
        }
        if (regions.Count == 0)
        {
            html.Append("<li>Belum ada data wilayah. Impor data referensi terlebih dahulu.</li>");
        }
        html.Append("</ul><p><a href=\"/aturan\">Konsol aturan (SDM)</a> · <a href=\"/scalar\">Dokumentasi API</a></p></body></html>");
        return TypedResults.Content(html.ToString(), "text/html; charset=utf-8");
    }
}
