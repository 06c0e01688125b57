using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Kinerja.Bench.Reports;
using Kinerja.Bench.Soak;
using Npgsql;

// Report documents (issue 19): a whole region's TPP recap in one background job, from POST to downloaded XLSX.
// Starts the Release server on a fresh embedded PostgreSQL with the demo seed (five regions, 1,489 employees), folds
// every demo unit into the first region so one job covers all 1,489, fills a month of attendance and activity, then
// times the job and a batch of evaluation PDFs. Usage: dotnet bench/Reports/bin/Release/net10.0/Reports.dll
//   [--server path/to/Kinerja.Dashboard.dll] [--month 2026-10] [--evaluations 20]
var options = BenchArgs.Parse(args);
using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(10));
await using var server = await SoakServer.StartAsync(options.Server, [], stop.Token);
try
{
    await using var db = NpgsqlDataSource.Create(server.ConnectionString());
    var (region, employees) = await BenchData.FoldAndFillAsync(db, options.Month);
    Console.WriteLine($"Server up (pid {server.Process.Pid}); region {region}: {employees} employees, {options.Month} filled");
    using var sdm = await SignIn.AsAsync(server.Process.BaseUri, "demo-sdm", server.SdmPassword, stop.Token);

    var clock = Stopwatch.StartNew();
    var job = await Jobs.RunAsync(sdm.Client, new { kind = "tpp", regionId = region, period = options.Month }, stop.Token);
    var total = clock.Elapsed;
    var bytes = await sdm.Client.GetByteArrayAsync(job.GetProperty("file").GetProperty("url").GetString(), stop.Token);
    var started = job.GetProperty("startedAt").GetDateTimeOffset();
    var finished = job.GetProperty("finishedAt").GetDateTimeOffset();
    Console.WriteLine($"TPP recap, {employees} employees, one job: POST to done {total.TotalSeconds:F2} s " +
                      $"(worker {(finished - started).TotalSeconds:F2} s, {employees / (finished - started).TotalSeconds:F0} employees/s); " +
                      $"XLSX {bytes.Length / 1024.0:F0} KiB");

    var nips = await BenchData.SomeNipsAsync(db, options.Evaluations);
    clock.Restart();
    var times = new List<double>();
    foreach (var nip in nips)
    {
        var one = Stopwatch.StartNew();
        await Jobs.RunAsync(sdm.Client, new { kind = "evaluation", nip, period = options.Month }, stop.Token);
        times.Add(one.Elapsed.TotalMilliseconds);
    }
    times.Sort();
    Console.WriteLine($"Evaluation PDFs, {nips.Count} one after another: total {clock.Elapsed.TotalSeconds:F2} s, " +
                      $"p50 {times[times.Count / 2]:F0} ms, max {times[^1]:F0} ms (POST to done, polling every 50 ms)");
    Console.WriteLine($"Server process: {server.Process.Stats.CpuSeconds():F1} CPU s in all, RSS {server.Process.Stats.RssMb():F0} MB");
}
catch (Exception ex)
{
    Console.Error.WriteLine(ex.Message);
    Console.Error.WriteLine(server.Process.Log());
    return 1;
}
return 0;

namespace Kinerja.Bench.Reports
{
    internal sealed record BenchArgs(string Server, string Month, int Evaluations)
    {
        public static BenchArgs Parse(string[] args)
        {
            string? Get(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
            var repo = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../.."));
            var lastMonth = DateTime.UtcNow.AddMonths(-1).ToString("yyyy-MM");
            return new BenchArgs(Get("--server") ?? Path.Combine(repo, "src/Dashboard/bin/Release/net10.0/Kinerja.Dashboard.dll"),
                Get("--month") ?? lastMonth, int.Parse(Get("--evaluations") ?? "20"));
        }
    }

    internal static class Jobs
    {
        /// <summary>Posts a report request and polls it every 50 ms until it is done; the finished job.</summary>
        public static async Task<JsonElement> RunAsync(HttpClient client, object body, CancellationToken ct)
        {
            using var posted = await client.PostAsJsonAsync("/api/v1/reports", body, ct);
            if (!posted.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"POST /api/v1/reports: {(int)posted.StatusCode} {await posted.Content.ReadAsStringAsync(ct)}");
            }
            var id = (await posted.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetGuid();
            while (true)
            {
                var job = await client.GetFromJsonAsync<JsonElement>($"/api/v1/reports/{id}", ct);
                switch (job.GetProperty("state").GetString())
                {
                    case "selesai": return job;
                    case "gagal": throw new InvalidOperationException("Report failed: " + job.GetProperty("error"));
                }
                await Task.Delay(50, ct);
            }
        }
    }

    internal static class BenchData
    {
        /// <summary>Moves every unit into the first region and writes a month of days for every employee.</summary>
        public static async Task<(string Region, int Employees)> FoldAndFillAsync(NpgsqlDataSource db, string month)
        {
            await using var conn = await db.OpenConnectionAsync();
            await using (var fold = new NpgsqlCommand("""
                update unit set region_id = (select min(id) from region) returning region_id
                """, conn))
            {
                await fold.ExecuteNonQueryAsync();
            }
            // Working days of the month: hadir with 360 approved minutes, a lateness every 7th, a TKS day every 23rd.
            await using (var fill = new NpgsqlCommand("""
                insert into employee_day (nip, day, activity_count, minutes_approved, attendance_status, late_minutes)
                select e.nip, d::date, 1, 360,
                       case when (abs(hashtext(e.nip || d::text)) % 23) = 0 then 'tanpa_keterangan'
                            when (abs(hashtext(e.nip || d::text)) % 7) = 0 then 'terlambat' else 'hadir' end,
                       case when (abs(hashtext(e.nip || d::text)) % 7) = 0 then 12 else 0 end
                from employee e
                cross join generate_series(($1 || '-01')::date, ($1 || '-01')::date + interval '1 month' - interval '1 day', interval '1 day') d
                where extract(isodow from d) < 6
                on conflict do nothing
                """, conn))
            {
                fill.Parameters.AddWithValue(month);
                await fill.ExecuteNonQueryAsync();
            }
            await using var read = new NpgsqlCommand("select min(id), (select count(*) from employee where active)::int from region", conn);
            await using var reader = await read.ExecuteReaderAsync();
            await reader.ReadAsync();
            return (reader.GetString(0), reader.GetInt32(1));
        }

        public static async Task<List<string>> SomeNipsAsync(NpgsqlDataSource db, int count)
        {
            await using var conn = await db.OpenConnectionAsync();
            await using var cmd = new NpgsqlCommand("select trim(nip) from employee where active order by nip limit $1", conn);
            cmd.Parameters.AddWithValue(count);
            var nips = new List<string>();
            await using var reader = await cmd.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                nips.Add(reader.GetString(0));
            }
            return nips;
        }
    }
}
