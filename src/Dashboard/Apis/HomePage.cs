using System.Net;
using System.Text;
using Kinerja.Core.Reference;

namespace Kinerja.Dashboard.Apis;

/// <summary>The landing page: the regions and where to go next (Indonesian).</summary>
public static class HomePage
{
    public static IEndpointRouteBuilder MapHomePage(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", async (ReferenceRepository repo, CancellationToken ct) =>
        {
            var regions = await repo.RegionsAsync(ct);
            var html = new StringBuilder("""
                <!doctype html><html lang="id"><head><meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>Kinerja Analytics</title>
                <style>body{font-family:system-ui,sans-serif;margin:3rem;background:#0f172a;color:#e2e8f0}
                a{color:#7dd3fc}li{margin:.4rem 0}</style></head><body>
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
            return Results.Content(html.ToString(), "text/html; charset=utf-8");
        }).ExcludeFromDescription();
        return app;
    }
}
