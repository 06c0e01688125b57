using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;

namespace Kinerja.Bench.Soak;

/// <summary>A region as <c>GET /api/v1/regions</c> answers it (the reference data the import writes).</summary>
public sealed record RegionRow(string Id, string Name, string TimeZone, int MonthlyTargetMinutes, int DailyMinMinutes, int DailyMaxMinutes);

/// <summary>
/// Sets every region's <c>dailyMaxMinutes</c> as an operator would: the regions as the API lists them, written to a
/// reference CSV with the new maximum, imported with the server's own CLI verb (<c>import reference</c>) against the
/// running server's cluster, then read back through the API. The ingest re-reads reference data once its snapshot is
/// older than <c>Kinerja:Ingest:ReferenceRefresh</c> (30 s by default), in the background on the first batch after that:
/// the caller starts the load no sooner, so at most the first moment's batches see the old maximum, when no
/// employee-day is anywhere near either.
/// </summary>
public static class RegionLimits
{
    /// <summary>How old the ingest's reference snapshot may get (its default) before a batch triggers a reload.</summary>
    public static readonly TimeSpan IngestRefresh = TimeSpan.FromSeconds(30);

    public static async Task<RegionRow[]> ReadAsync(HttpClient admin, CancellationToken ct) =>
        (await admin.GetFromJsonAsync<RegionRow[]>("/api/v1/regions", ct))!.OrderBy(r => r.Id, StringComparer.Ordinal).ToArray();

    public static async Task<RegionRow[]> SetDailyMaxAsync(SoakServer server, string dll, HttpClient admin, int dailyMax, CancellationToken ct)
    {
        var regions = await ReadAsync(admin, ct);
        var csv = new StringBuilder("id,name,timeZone,monthlyTargetMinutes,dailyMinMinutes,dailyMaxMinutes\n");
        foreach (var r in regions)
        {
            csv.Append(CultureInfo.InvariantCulture,
                $"{r.Id},\"{r.Name.Replace("\"", "\"\"", StringComparison.Ordinal)}\",{r.TimeZone},{r.MonthlyTargetMinutes},{Math.Min(r.DailyMinMinutes, dailyMax)},{dailyMax}\n");
        }
        var file = server.DataDir + "-regions.csv";
        await File.WriteAllTextAsync(file, csv.ToString(), ct);
        try
        {
            var start = new ProcessStartInfo("dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = Path.GetDirectoryName(dll)!,
            };
            foreach (var a in (string[])[dll, "import", "reference", file, .. server.PostgresArgs])
            {
                start.ArgumentList.Add(a);
            }
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync(ct);
            var error = process.StandardError.ReadToEndAsync(ct);
            await process.WaitForExitAsync(ct);
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException(
                    $"import reference exited with {process.ExitCode}: {(await output).Trim()} {(await error).Trim()}");
            }
            Console.WriteLine($"Reference import (import reference, as an operator): {(await output).Trim()}");
        }
        finally
        {
            File.Delete(file);
        }
        var after = await ReadAsync(admin, ct);
        if (after.Any(r => r.DailyMaxMinutes != dailyMax))
        {
            throw new InvalidOperationException("After the import the regions' dailyMaxMinutes are "
                + string.Join(", ", after.Select(r => $"{r.Id} {r.DailyMaxMinutes}")) + $", not {dailyMax}.");
        }
        return after;
    }
}
