using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Kinerja.Dashboard.Tests.Reports;

/// <summary>Requests a document through <c>POST /api/v1/reports</c>, polls <c>GET /api/v1/reports/{id}</c> and downloads it.</summary>
internal static class ReportClient
{
    public static async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(HttpClient client, object body)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/reports", body);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    /// <summary>Queues a document and returns its job id (asserting 202 and the Location).</summary>
    public static async Task<Guid> RequestAsync(HttpClient client, object body)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/reports", body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{(int)response.StatusCode}: {text}");
        var id = JsonDocument.Parse(text).RootElement.GetProperty("id").GetGuid();
        Assert.Equal($"/api/v1/reports/{id}", response.Headers.Location?.ToString());
        return id;
    }

    /// <summary>Polls the job until it is done or failed (60 s at most); the job as last read.</summary>
    public static async Task<JsonElement> WaitAsync(HttpClient client, Guid id)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var job = await client.GetFromJsonAsync<JsonElement>($"/api/v1/reports/{id}");
            var state = job.GetProperty("state").GetString();
            if (state is "selesai" or "gagal" || clock.Elapsed > TimeSpan.FromSeconds(60))
            {
                return job;
            }
            await Task.Delay(200);
        }
    }

    /// <summary>Waits for the job to be done and downloads its file.</summary>
    public static async Task<(byte[] Bytes, string? FileName, string? ContentType)> DownloadAsync(HttpClient client, Guid id)
    {
        var job = await WaitAsync(client, id);
        Assert.True(job.GetProperty("state").GetString() == "selesai", job.ToString());
        using var response = await client.GetAsync(job.GetProperty("file").GetProperty("url").GetString());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        return (await response.Content.ReadAsByteArrayAsync(), response.Content.Headers.ContentDisposition?.FileName?.Trim('"'),
            response.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>The text of a PDF as poppler's <c>pdftotext</c> extracts it (an independent reader).</summary>
    public static async Task<string> PdfTextAsync(byte[] pdf)
    {
        var path = Path.Combine(Path.GetTempPath(), $"kinerja-report-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(path, pdf);
        try
        {
            using var process = Process.Start(new ProcessStartInfo("pdftotext", ["-layout", path, "-"])
            {
                RedirectStandardOutput = true, RedirectStandardError = true,
            })!;
            var text = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, await process.StandardError.ReadToEndAsync());
            return text;
        }
        finally
        {
            File.Delete(path);
        }
    }
}
