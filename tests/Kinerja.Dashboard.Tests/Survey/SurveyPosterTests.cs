using System.Diagnostics;
using System.Net;
using Kinerja.Dashboard.Tests.Board;

namespace Kinerja.Dashboard.Tests.Survey;

/// <summary>
/// <c>/survei/{unitId}[/{serviceId}]/poster.pdf</c>: an A4 PDF whose text (read back with poppler's <c>pdftotext</c>)
/// names the unit, the service and the survey address the QR code encodes.
/// </summary>
public sealed class SurveyPosterTests(SurveyAppFactory app) : IClassFixture<SurveyAppFactory>
{
    private const string Unit = BoardAppFactory.BigUnit;

    [Fact]
    public async Task Unit_poster_is_an_A4_pdf_with_the_unit_name_and_the_survey_address()
    {
        var response = await app.CreateClient().GetAsync($"/survei/{Unit}/poster.pdf");
        var pdf = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        var text = Normalise(await PdfToTextAsync(pdf));
        Assert.Contains("Survei Kepuasan Masyarakat", text);
        Assert.Contains(await UnitNameAsync(), text);
        Assert.Contains($"http://localhost/survei/{Unit}", text);
        Assert.Contains("Pindai kode QR", text);
        Assert.Contains("595 x 842", await PdfInfoAsync(pdf)); // A4 in points
    }

    [Fact]
    public async Task Service_poster_names_the_service_and_its_address_and_bad_names_are_404()
    {
        var client = app.CreateClient();

        var pdf = await client.GetByteArrayAsync($"/survei/{Unit}/kartu-keluarga/poster.pdf");
        var unknownUnit = await client.GetAsync("/survei/tidak-ada/poster.pdf");
        var badService = await client.GetAsync($"/survei/{Unit}/Kartu%20Keluarga/poster.pdf");

        var text = Normalise(await PdfToTextAsync(pdf));
        Assert.Contains("Layanan: kartu-keluarga", text);
        Assert.Contains($"http://localhost/survei/{Unit}/kartu-keluarga", text);
        Assert.Equal(HttpStatusCode.NotFound, unknownUnit.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, badService.StatusCode);
    }

    private async Task<string> UnitNameAsync()
    {
        await using var conn = await app.DataSource.OpenConnectionAsync();
        await using var cmd = new Npgsql.NpgsqlCommand("select name from unit where id = $1", conn);
        cmd.Parameters.AddWithValue(Unit);
        return (string)(await cmd.ExecuteScalarAsync())!;
    }

    private static string Normalise(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static Task<string> PdfToTextAsync(byte[] pdf) => PopplerAsync("pdftotext", pdf, "-");

    private static Task<string> PdfInfoAsync(byte[] pdf) => PopplerAsync("pdfinfo", pdf);

    private static async Task<string> PopplerAsync(string tool, byte[] pdf, params string[] after)
    {
        var path = Path.Combine(Path.GetTempPath(), $"poster-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(path, pdf);
        try
        {
            var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add(path);
            foreach (var a in after)
            {
                start.ArgumentList.Add(a);
            }
            using var process = Process.Start(start)!;
            var output = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, $"{tool} failed: {await process.StandardError.ReadToEndAsync()}");
            return output;
        }
        finally
        {
            File.Delete(path);
        }
    }
}
