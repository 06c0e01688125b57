using Kinerja.Dashboard.Telemetry;
using Microsoft.Extensions.Options;

namespace Kinerja.Dashboard.Apis;

/// <summary>
/// <c>GET /metrics</c>: the Prometheus scrape endpoint (OpenTelemetry's exporter). Anonymous, as Prometheus expects,
/// but only for the networks of <c>Kinerja:Metrics:AllowedNetworks</c> (loopback by default); any other address gets
/// the same 404 as an unknown path. The series carry no personal data (docs/METRICS.md).
/// </summary>
public static class MetricsEndpoints
{
    public const string Path = "/metrics";

    public static IEndpointRouteBuilder MapMetricsEndpoints(this IEndpointRouteBuilder app)
    {
        var options = app.ServiceProvider.GetRequiredService<IOptions<MetricsOptions>>().Value;
        MetricsNetworks.TryParse(options.AllowedNetworks, out var networks, out _); // validated at start
        var logger = app.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(MetricsEndpoints));
        app.MapPrometheusScrapingEndpoint(Path, meterProvider: null, configureBranchedPipeline: branch => branch.Use(next => context =>
            {
                if (networks.Allows(context.Connection.RemoteIpAddress))
                {
                    return next(context);
                }
                logger.LogDebug("Refused a metrics scrape from {Address}: not in {Section}:AllowedNetworks",
                    context.Connection.RemoteIpAddress, MetricsOptions.Section);
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }), optionsName: null)
            .WithMetadata(new HttpMethodMetadata([HttpMethods.Get]))
            .AllowAnonymous()
            .WithDisplayName("Prometheus scrape");
        return app;
    }
}
