using Kinerja.Core.Clock;
using Kinerja.Ingest.Pipeline;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Kinerja.Ingest.Tests.Support;

/// <summary>A minimal in-test host: <c>AddKinerjaIngest</c> + <c>MapIngestEndpoints</c> on a TestServer (or Kestrel) over a real database.</summary>
internal sealed class IngestHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private IngestHost(WebApplication app, Uri? address)
    {
        _app = app;
        Address = address;
        Client = address is null ? app.GetTestClient() : new HttpClient { BaseAddress = address };
    }

    public HttpClient Client { get; }

    /// <summary>The server's address when started on Kestrel (<c>kestrel: true</c>); null on the TestServer.</summary>
    public Uri? Address { get; }

    public IServiceProvider Services => _app.Services;

    public IIngestPipeline Pipeline => Services.GetRequiredService<IIngestPipeline>();

    internal IngestWriter Writer => Services.GetRequiredService<IngestWriter>();

    public static async Task<IngestHost> StartAsync(NpgsqlDataSource db, IDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? configure = null, bool kestrel = false)
    {
        var builder = WebApplication.CreateSlimBuilder();
        if (kestrel)
        {
            // a real socket server: connection handling (keep-alive) is Kestrel's, which the TestServer does not have
            builder.WebHost.UseUrls("http://127.0.0.1:0");
        }
        else
        {
            builder.WebHost.UseTestServer();
        }
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        builder.Services.AddSingleton(db);
        builder.Services.AddProblemDetails();
        builder.Services.AddKinerjaClock(builder.Configuration, builder.Environment.EnvironmentName);
        builder.Services.AddKinerjaIngest(builder.Configuration);
        configure?.Invoke(builder.Services);
        var app = builder.Build();
        app.MapGroup("/api/v1").MapIngestEndpoints();
        await app.StartAsync();
        Uri? address = null;
        if (kestrel)
        {
            var bound = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
            address = new Uri(bound.EndsWith('/') ? bound : bound + "/");
        }
        return new IngestHost(app, address);
    }

    /// <summary>Stops the host (as a shutdown does); <see cref="DisposeAsync"/> may follow.</summary>
    public Task StopAsync(CancellationToken ct = default) => _app.StopAsync(ct);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
