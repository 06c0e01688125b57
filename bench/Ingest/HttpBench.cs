using Kinerja.Core.Clock;
using Microsoft.Extensions.Configuration;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Kinerja.Ingest.Bench;

/// <summary>(c): the HTTP endpoint on Kestrel (127.0.0.1), driven by a separate client process.</summary>
internal static class HttpBench
{
    public sealed record ClientReport(long Rows, double Seconds, long Accepted, long Retries, double P50, double P99, double Max,
        double CpuSeconds = 0);

    public static async Task<WebApplication> StartServerAsync(string connectionString, int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, port);
            k.Limits.MaxRequestBodySize = 64 * 1024 * 1024;
        });
        builder.Configuration.AddInMemoryCollection(Methods.SettingValues);
        builder.Services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));
        builder.Services.AddProblemDetails();
        builder.Services.AddKinerjaClock(builder.Configuration, builder.Environment.EnvironmentName);
        builder.Services.AddKinerjaIngest(builder.Configuration);
        var app = builder.Build();
        app.MapGroup("/api/v1").MapIngestEndpoints();
        await app.StartAsync();
        return app;
    }

    public static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    /// <summary>Runs this executable again in client mode and reads its one-line JSON report.</summary>
    public static async Task<ClientReport> RunClientAsync(string url, string file, string mode, BenchArgs args)
    {
        var exe = Environment.ProcessPath!;
        var psi = new ProcessStartInfo(exe) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (Path.GetFileNameWithoutExtension(exe) == "dotnet")
        {
            psi.ArgumentList.Add(typeof(HttpBench).Assembly.Location);
        }
        foreach (var a in new[]
                 {
                     "--client", "--url", url, "--file", file, "--mode", mode,
                     "--http-batch", args.HttpBatch.ToString(CultureInfo.InvariantCulture),
                     "--http-concurrency", args.HttpConcurrency.ToString(CultureInfo.InvariantCulture),
                     "--rate", args.Rate.ToString(CultureInfo.InvariantCulture),
                     "--latency-seconds", args.LatencySeconds.ToString(CultureInfo.InvariantCulture),
                 })
        {
            psi.ArgumentList.Add(a);
        }
        using var p = Process.Start(psi)!;
        var err = p.StandardError.ReadToEndAsync();
        var output = await p.StandardOutput.ReadToEndAsync();
        await p.WaitForExitAsync();
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"The HTTP client failed ({p.ExitCode}): {await err}\n{output}");
        }
        var last = output.Trim().Split('\n')[^1];
        return JsonSerializer.Deserialize<ClientReport>(last, new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
    }
}
