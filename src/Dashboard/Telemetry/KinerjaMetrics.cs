using Kinerja.Core.Telemetry;
using Kinerja.Dashboard.Board;
using Kinerja.Dashboard.Charts;
using Kinerja.Rules.Telemetry;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace Kinerja.Dashboard.Telemetry;

/// <summary>
/// The product's meters (one per module) exported with OpenTelemetry, with ASP.NET Core's and the runtime's own, to
/// the Prometheus exporter behind <c>/metrics</c> (<see cref="Apis.MetricsEndpoints"/>). Names and labels: docs/METRICS.md.
/// </summary>
public static class KinerjaMetrics
{
    /// <summary>Meter of the ingest pipeline (its instruments live in Kinerja.Ingest).</summary>
    public const string IngestMeter = "Kinerja.Ingest";

    /// <summary>Every meter of the product, exported whichever roles this process runs (a meter not used stays empty).</summary>
    public static readonly IReadOnlyList<string> Meters =
        [IngestMeter, IndicatorMetrics.MeterName, RulesMetrics.MeterName, BoardMetrics.MeterName, ChartMetrics.MeterName,
         Notifications.NotificationMetrics.MeterName];

    public static WebApplicationBuilder AddKinerjaMetrics(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<MetricsOptions>().BindConfiguration(MetricsOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<MetricsOptions>, MetricsOptionsValidation>();
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("kinerja-analytics"))
            .WithMetrics(metrics => metrics
                .AddMeter([.. Meters])
                .AddAspNetCoreInstrumentation()
                .AddRuntimeInstrumentation()
                .AddPrometheusExporter());
        return builder;
    }
}
