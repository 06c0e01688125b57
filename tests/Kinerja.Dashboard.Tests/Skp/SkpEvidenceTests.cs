using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Kinerja.Dashboard.Tests.Access;
using Kinerja.Dashboard.Tests.Employees;
using Microsoft.AspNetCore.SignalR.Client;
using static Kinerja.Dashboard.Tests.Skp.SkpProgressRequests;
using static Kinerja.Dashboard.Tests.Skp.SkpRequests;

namespace Kinerja.Dashboard.Tests.Skp;

/// <summary>
/// Evidence files of realisations (issue 17): the type is judged by the content (a PNG named .pdf is a PNG, an HTML
/// file named .png is refused 415), an oversized body is 413, an empty file 400, a path-traversal name is never used;
/// downloads only for the employee, the direct superior and HR, as an attachment with nosniff.
/// </summary>
public sealed class SkpEvidenceTests(LoopServerFactory app) : ApprovedPlanTests(app, "sev", 7880)
{
    private static readonly byte[] PdfBytes = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n");
    private static readonly byte[] PngBytes = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];

    private async Task<string> RealisedAsync(string eventId)
    {
        var answer = await RealiseAsync(await As.ClientAsync("s1"), Realisation(eventId, Plan.Numeric, $"{PastYear}-0{eventId.Length % 9 + 1}", 1));
        Assert.Contains(StatusOf(answer.Body), new[] { "accepted", "duplicate" });
        return eventId;
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string eventId, byte[] content, string fileName, string claimed)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue(claimed);
        form.Add(file, "file", fileName);
        return await client.PostAsync($"api/v1/me/skp/realisations/{Uri.EscapeDataString(eventId)}/evidence", form);
    }

    [Fact]
    public async Task Evidence_Stored_PushesSkpChangedToTheDirectSuperior()
    {
        var eventId = await RealisedAsync("ev-push");
        var superior = await As.AsAsync("b");
        await using var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(App.BaseUri, "/hubs/employee"), o => o.Cookies = superior.Cookies).Build();
        var pushed = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.On<System.Text.Json.JsonElement>("SkpChanged", c => pushed.TrySetResult(c.GetProperty("nip").GetString() ?? ""));
        await hub.StartAsync();
        await hub.InvokeAsync("Subscribe", "employee:" + W.B);

        using var upload = await UploadAsync(await As.ClientAsync("s1"), eventId, PdfBytes, "laporan.pdf", "application/pdf");
        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        Assert.Equal(W.S1, await pushed.Task.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Evidence_Pdf_IsStoredWithItsHash_AndDownloadableOnlyBySelfSuperiorAndHr()
    {
        var eventId = await RealisedAsync("ev-pdf");
        using var upload = await UploadAsync(await As.ClientAsync("s1"), eventId, PdfBytes, "laporan.pdf", "application/pdf");
        var body = await upload.Content.ReadAsStringAsync();
        Assert.True(upload.StatusCode == HttpStatusCode.Created, body);
        using var json = System.Text.Json.JsonDocument.Parse(body);
        var id = json.RootElement.GetProperty("id").GetInt64();
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(PdfBytes)), json.RootElement.GetProperty("sha256").GetString());

        foreach (var who in new[] { "s1", "b", "sdm", "admin" })
        {
            using var get = await (await As.ClientAsync(who)).GetAsync($"api/v1/skp/evidence/{id}");
            Assert.True(get.StatusCode == HttpStatusCode.OK, who);
            Assert.Equal(PdfBytes, await get.Content.ReadAsByteArrayAsync());
            Assert.Equal("attachment", get.Content.Headers.ContentDisposition!.DispositionType);
            Assert.Equal($"bukti-{id}.pdf", get.Content.Headers.ContentDisposition.FileName?.Trim('"'));
            Assert.Equal("nosniff", get.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("application/pdf", get.Content.Headers.ContentType!.MediaType);
        }
        using (var leader = await (await As.ClientAsync("pimpinan")).GetAsync($"api/v1/skp/evidence/{id}"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, leader.StatusCode);
        }
        foreach (var who in new[] { "s2", "k", "u", "o" })
        {
            using var get = await (await As.ClientAsync(who)).GetAsync($"api/v1/skp/evidence/{id}");
            Assert.True(get.StatusCode == HttpStatusCode.NotFound, $"{who} got {get.StatusCode}");
        }
        using var anonymous = new HttpClient { BaseAddress = App.BaseUri };
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"api/v1/skp/evidence/{id}")).StatusCode);
    }

    [Fact]
    public async Task Evidence_TypeIsJudgedByContent_NotByNameOrClaimedType()
    {
        var eventId = await RealisedAsync("ev-types");
        var s1 = await As.ClientAsync("s1");
        using var png = await UploadAsync(s1, eventId, PngBytes, "bukan-png.pdf", "application/pdf");
        Assert.Equal(HttpStatusCode.Created, png.StatusCode);
        Assert.Contains("\"contentType\":\"image/png\"", await png.Content.ReadAsStringAsync());

        using var html = await UploadAsync(s1, eventId, Encoding.UTF8.GetBytes("<html><script>alert(1)</script></html>"), "gambar.png", "image/png");
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, html.StatusCode);
        Assert.Contains("not a recognised type", await html.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Evidence_Oversized413_Empty400_TraversalNameIgnored_OtherPersonsRealisation404()
    {
        var eventId = await RealisedAsync("ev-hostile");
        var s1 = await As.ClientAsync("s1");
        var big = new byte[5 * 1024 * 1024 + 1];
        PdfBytes.CopyTo(big, 0);
        using var tooBig = await UploadAsync(s1, eventId, big, "besar.pdf", "application/pdf");
        var tooBigText = await tooBig.Content.ReadAsStringAsync();
        Assert.True(tooBig.StatusCode == HttpStatusCode.RequestEntityTooLarge, $"{tooBig.StatusCode}: {tooBigText}");
        Assert.Contains("at most 5242880 bytes", tooBigText);

        using var empty = await UploadAsync(s1, eventId, [], "kosong.pdf", "application/pdf");
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("empty", await empty.Content.ReadAsStringAsync());

        using var traversal = await UploadAsync(s1, eventId, PdfBytes, "../../../../etc/passwd.pdf", "application/pdf");
        var stored = await traversal.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.Created, traversal.StatusCode);
        Assert.DoesNotContain("passwd", stored);
        using var doc = System.Text.Json.JsonDocument.Parse(stored);
        using var back = await s1.GetAsync($"api/v1/skp/evidence/{doc.RootElement.GetProperty("id").GetInt64()}");
        Assert.DoesNotContain("passwd", back.Content.Headers.ContentDisposition!.ToString());

        using var notMine = await UploadAsync(await As.ClientAsync("s2"), eventId, PdfBytes, "x.pdf", "application/pdf");
        Assert.Equal(HttpStatusCode.NotFound, notMine.StatusCode);
    }
}
