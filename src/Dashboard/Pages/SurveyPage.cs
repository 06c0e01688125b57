using System.Text;
using Kinerja.Core.Reference;
using Kinerja.Core.Survey;
using Kinerja.Dashboard.Survey;
using Microsoft.AspNetCore.Http.HttpResults;
using static Kinerja.Dashboard.Pages.Html;

namespace Kinerja.Dashboard.Pages;

/// <summary>
/// <c>/survei/{unitId}</c> (and <c>/survei/{unitId}/{serviceId}</c>): the citizen satisfaction survey, anonymous and
/// phone-first: the nine elements with their official names on the 1-4 scale as large touch targets, the optional
/// profile and complaint or suggestion, posted to <c>POST /api/v1/survey/{unitId}</c> by <c>/js/survei.js</c>.
/// <c>?kiosk=1</c> (a touch screen at the counter) clears the form a few seconds after each answer.
/// </summary>
public static class SurveyPage
{
    public static async Task<ContentHttpResult> GetAsync(string unitId, string? serviceId, HttpRequest request,
        ReferenceRepository reference, CancellationToken ct)
    {
        var unit = (await reference.UnitsAsync(null, ct)).FirstOrDefault(u => u.Id == unitId);
        if (unit is null)
        {
            return BoardPage.NotFound("Unit tidak ditemukan", $"Tidak ada unit layanan dengan kode '{unitId}'.");
        }
        var kiosk = request.Query["kiosk"] == "1";
        var html = new StringBuilder(8192);
        html.Append("<link rel=\"stylesheet\" href=\"/css/survei.css\">")
            .Append("<main class=\"survei\"><h1>Survei Kepuasan Masyarakat</h1>")
            .Append("<p class=\"unit\">").Append(E(unit.Name)).Append("</p>")
            .Append("<p class=\"petunjuk\">Pilih satu jawaban untuk setiap pertanyaan: 1 tidak baik, 2 kurang baik, 3 baik, 4 sangat baik. ")
            .Append("Survei ini tanpa nama.</p>")
            .Append("<form id=\"survei\" novalidate>");
        for (var i = 0; i < SurveyElements.Count; i++)
        {
            var code = SurveyElements.Codes[i];
            html.Append("<fieldset class=\"unsur\" id=\"unsur-").Append(code).Append("\"><legend><span class=\"kode\">U")
                .Append(i + 1).Append("</span> ").Append(E(SurveyElements.OfficialNames[i])).Append("</legend><div class=\"skala\">");
            for (var v = SurveyElements.MinAnswer; v <= SurveyElements.MaxAnswer; v++)
            {
                var id = $"{code}-{v}";
                html.Append("<input type=\"radio\" name=\"").Append(code).Append("\" id=\"").Append(id).Append("\" value=\"").Append(v)
                    .Append("\"><label for=\"").Append(id).Append("\"><b>").Append(v).Append("</b><span>")
                    .Append(E(SurveyElements.AnswerLabels[v - 1])).Append("</span></label>");
            }
            html.Append("</div></fieldset>");
        }
        html.Append("<details class=\"profil\"><summary>Data responden (tidak wajib)</summary>")
            .Append(Select("ageBand", "Usia", SurveyElements.AgeBands, v => v + " tahun"))
            .Append(Select("sex", "Jenis kelamin", SurveyElements.Sexes, v => v == "L" ? "Laki-laki" : "Perempuan"))
            .Append(Select("education", "Pendidikan terakhir", SurveyElements.Educations, v => v))
            .Append(Select("occupation", "Pekerjaan", SurveyElements.Occupations, Occupation))
            .Append("</details>")
            .Append("<label class=\"saran\" for=\"comment\">Pengaduan, saran, atau masukan (tidak wajib)</label>")
            .Append("<textarea id=\"comment\" name=\"comment\" rows=\"4\" maxlength=\"2000\"></textarea>")
            // The honeypot: hidden from people (and from screen readers), filled only by robots.
            .Append("<div class=\"hp\" aria-hidden=\"true\"><label for=\"").Append(SurveyRequestReader.Honeypot)
            .Append("\">Situs web</label><input type=\"text\" id=\"").Append(SurveyRequestReader.Honeypot).Append("\" name=\"")
            .Append(SurveyRequestReader.Honeypot).Append("\" tabindex=\"-1\" autocomplete=\"off\"></div>")
            .Append("<p id=\"pesan\" class=\"pesan\" role=\"status\" aria-live=\"polite\"></p>")
            .Append("<button type=\"submit\" id=\"kirim\">Kirim jawaban</button></form></main>");
        var data = new Dictionary<string, string> { ["unit"] = unit.Id, ["kiosk"] = kiosk ? "1" : "0" };
        if (!string.IsNullOrEmpty(serviceId))
        {
            data["service"] = serviceId;
        }
        return Result(Page("Survei Kepuasan Masyarakat", kiosk ? "survei kiosk" : "survei", data, html.ToString(), "/js/survei.js"));
    }

    private static string Select(string name, string label, IReadOnlyList<string> values, Func<string, string> text)
    {
        var sb = new StringBuilder();
        sb.Append("<label for=\"").Append(name).Append("\">").Append(E(label)).Append("</label><select id=\"").Append(name)
            .Append("\" name=\"").Append(name).Append("\"><option value=\"\">—</option>");
        foreach (var v in values)
        {
            sb.Append("<option value=\"").Append(E(v)).Append("\">").Append(E(text(v))).Append("</option>");
        }
        return sb.Append("</select>").ToString();
    }

    private static string Occupation(string code) => code switch
    {
        "PNS" => "PNS",
        "TNI" => "TNI",
        "POLRI" => "POLRI",
        "SWASTA" => "Pegawai swasta",
        "WIRAUSAHA" => "Wirausaha",
        "PELAJAR" => "Pelajar/mahasiswa",
        _ => "Lainnya",
    };
}
