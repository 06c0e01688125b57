using Kinerja.Core.Clock;
using Kinerja.Ingest.Pipeline;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Kinerja.Ingest.Tests.Support;

/// <summary>A minimal in-test host: <c>AddKinerjaIngest</c> + <c>MapIngestEndpoints</c> on a TestServer over a real database.</summary>
internal sealed class IngestHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private IngestHost(WebApplication app)
    {
        _app = app;
        Client = app.GetTestClient();
    }

    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    public IIngestPipeline Pipeline => Services.GetRequiredService<IIngestPipeline>();

    internal IngestWriter Writer => Services.GetRequiredService<IngestWriter>();

    public static async Task<IngestHost> StartAsync(NpgsqlDataSource db, IDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
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
        return new IngestHost(app);
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
