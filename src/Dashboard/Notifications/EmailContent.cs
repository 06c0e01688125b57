using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

namespace Kinerja.Dashboard.Notifications;

/// <summary>An e-mail's Indonesian subject, plain text and HTML (every value from the payload HTML-escaped).</summary>
public sealed record EmailContent(string Subject, string Text, string Html)
{
    private static readonly CultureInfo Id = CultureInfo.GetCultureInfo("id-ID");

    /// <summary>The content of a message of <paramref name="kind"/> with <paramref name="payload"/>; <paramref name="siteUrl"/> optional.</summary>
    public static EmailContent For(string kind, string payload, string siteUrl)
    {
        using var doc = JsonDocument.Parse(payload);
        var d = doc.RootElement;
        string S(string name) => d.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "";
        var site = siteUrl.TrimEnd('/');
        switch (kind)
        {
            case NotificationKinds.FollowUpCreated:
            case NotificationKinds.FollowUpDueSoon:
            {
                var due = Day(S("dueDate"));
                var subject = kind == NotificationKinds.FollowUpCreated
                    ? $"Tindak lanjut baru: {S("title")}"
                    : $"Tindak lanjut jatuh tempo {due}: {S("title")}";
                var lead = kind == NotificationKinds.FollowUpCreated
                    ? "Ada tindak lanjut baru yang perlu Anda tangani."
                    : "Tindak lanjut berikut segera jatuh tempo dan belum selesai.";
                var lines = new (string Label, string Value)[]
                {
                    ("Tindak lanjut", S("title")), ("Jenis", S("kind")), ("Pegawai", Who(S("employeeName"), S("nip"))),
                    ("Unit", S("unitName")), ("Periode", S("period")), ("Status", S("state")), ("Jatuh tempo", due),
                };
                return Build(subject, lead, lines, [], site.Length > 0 ? site + "/tindak-lanjut" : "");
            }
            case NotificationKinds.ReviewPending:
            {
                var count = d.TryGetProperty("pendingCount", out var c) ? c.GetInt32() : 0;
                var days = d.TryGetProperty("pendingDays", out var n) ? n.GetInt32() : 0;
                var people = d.TryGetProperty("employees", out var e)
                    ? e.EnumerateArray().Select(x => $"{x.GetProperty("name").GetString()} ({x.GetProperty("nip").GetString()?.Trim()}): {x.GetProperty("count").GetInt32()} kegiatan").ToList()
                    : [];
                var subject = $"{count} kegiatan bawahan menunggu persetujuan Anda";
                var lead = $"Kegiatan berikut sudah lebih dari {days} hari menunggu persetujuan Anda (terlama sejak {Day(S("oldestDay"))}).";
                return Build(subject, lead, [("Atasan", Who(S("superiorName"), S("superiorNip"))), ("Tanggal", Day(S("day")))], people,
                    site.Length > 0 ? site + "/tim" : "");
            }
            default:
                throw new ArgumentException($"Unknown notification kind '{kind}'.", nameof(kind));
        }
    }

    private static string Who(string name, string nip) => nip.Trim().Length == 0 ? name : $"{name} (NIP {nip.Trim()})";

    private static string Day(string iso) =>
        DateOnly.TryParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day.ToString("d MMMM yyyy", Id) : iso;

    private static EmailContent Build(string subject, string lead, IReadOnlyList<(string Label, string Value)> lines,
        IReadOnlyList<string> items, string link)
    {
        var text = new StringBuilder().Append(lead).Append("\n\n");
        var html = new StringBuilder("<!doctype html><html lang=\"id\"><body><p>").Append(E(lead)).Append("</p><table>");
        foreach (var (label, value) in lines)
        {
            text.Append(label).Append(": ").Append(value).Append('\n');
            html.Append("<tr><th align=\"left\">").Append(E(label)).Append("</th><td>").Append(E(value)).Append("</td></tr>");
        }
        html.Append("</table>");
        if (items.Count > 0)
        {
            text.Append('\n');
            html.Append("<ul>");
            foreach (var item in items)
            {
                text.Append("- ").Append(item).Append('\n');
                html.Append("<li>").Append(E(item)).Append("</li>");
            }
            html.Append("</ul>");
        }
        if (link.Length > 0)
        {
            text.Append("\nBuka: ").Append(link).Append('\n');
            html.Append("<p><a href=\"").Append(E(link)).Append("\">Buka di Kinerja</a></p>");
        }
        const string footer = "Pesan ini dikirim otomatis oleh Kinerja. Atur pemberitahuan di halaman Kinerja Saya.";
        text.Append('\n').Append(footer).Append('\n');
        html.Append("<p><small>").Append(E(footer)).Append("</small></p></body></html>");
        return new EmailContent(subject, text.ToString(), html.ToString());
    }

    private static string E(string value) => WebUtility.HtmlEncode(value);
}
