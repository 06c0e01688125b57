using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Kinerja.Dashboard.Pages;

/// <summary>Small helpers for server-rendered pages: encoding and the shared document shell.</summary>
public static class Html
{
    public static string E(string? s) => WebUtility.HtmlEncode(s ?? "");

    /// <summary>The document shell: head with the stylesheet, body attributes, content, scripts (no inline script or style).</summary>
    public static string Page(string title, string bodyClass, IReadOnlyDictionary<string, string> data, string content,
        params string[] scripts)
    {
        var sb = new StringBuilder(4096);
        sb.Append("<!doctype html><html lang=\"id\"><head><meta charset=\"utf-8\">")
          .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
          .Append("<title>").Append(E(title)).Append(" · Kinerja Analytics</title>")
          .Append("<link rel=\"icon\" href=\"/favicon.svg\" type=\"image/svg+xml\">")
          .Append("<link rel=\"stylesheet\" href=\"/css/kinerja.css\"></head>")
          .Append("<body class=\"").Append(E(bodyClass)).Append('"');
        foreach (var (key, value) in data)
        {
            sb.Append(" data-").Append(key).Append("=\"").Append(E(value)).Append('"');
        }
        sb.Append('>').Append(content);
        foreach (var script in scripts)
        {
            sb.Append("<script src=\"").Append(E(script)).Append("\"></script>");
        }
        sb.Append("</body></html>");
        return sb.ToString();
    }

    public static ContentHttpResult Result(string html) => TypedResults.Content(html, "text/html; charset=utf-8");
}
