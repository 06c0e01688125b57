using System.Diagnostics.Metrics;
using Kinerja.Ingest.Http;
using Kinerja.Ingest.Partitions;
using Kinerja.Ingest.Pipeline;
using Kinerja.Ingest.Reference;
using Kinerja.Ingest.Streams;
using Kinerja.Ingest.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Kinerja.Ingest;

public static class IngestServiceCollectionExtensions
{
    /// <summary>
    /// Registers the ingest pipeline (<see cref="IIngestPipeline"/>), its writer (a hosted service: started with the
    /// host, drained on stop), the ingest meter (<see cref="IngestMetrics"/>), the reference cache, options from
    /// <c>Kinerja:Ingest</c> (validated at start), the streams of <c>IngestStreams.All</c> (more may be added with
    /// <c>AddIngestStream</c>), and the
    /// stream partition maintenance (<c>Kinerja:Partitions</c>, <c>Kinerja:Retention</c>).
    /// Needs a singleton <see cref="Npgsql.NpgsqlDataSource"/> (registered by Core or the host) and the product's clock
    /// (<c>AddKinerjaClock</c>, registered once by the host).
    /// </summary>
    public static IServiceCollection AddKinerjaIngest(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<IngestOptions>()
            .Bind(configuration.GetSection(IngestOptions.Section))
            .ValidateOnStart();
        services.TryAddSingleton<IValidateOptions<IngestOptions>, IngestOptionsValidator>();
        foreach (var stream in IngestStreams.All)
        {
            services.AddIngestStream(stream);
        }
        services.TryAddSingleton<IngestStreamRegistry>();
        services.TryAddSingleton<ReferenceCache>();
        services.TryAddSingleton(sp => new IngestQueue(sp.GetRequiredService<IOptions<IngestOptions>>().Value.QueueCapacity));
        services.AddMetrics();
        services.TryAddSingleton(sp => new IngestMetrics(sp.GetRequiredService<IMeterFactory>(), sp.GetRequiredService<IngestQueue>()));
        services.TryAddSingleton<IngestWriter>();
        services.TryAddSingleton<IngestPipeline>();
        services.TryAddSingleton<IIngestPipeline>(sp => sp.GetRequiredService<IngestPipeline>());
        services.TryAddSingleton<IIngestScopeResolver, UnrestrictedScopeResolver>();
        services.AddHostedService(sp => sp.GetRequiredService<IngestWriter>());
        services.AddOptions<PartitionOptions>()
            .Bind(configuration.GetSection(PartitionOptions.Section))
            .Validate(o => !o.Problems().Any(), "Invalid Kinerja:Partitions settings.")
            .ValidateOnStart();
        services.AddOptions<RetentionOptions>()
            .Bind(configuration.GetSection(RetentionOptions.Section))
            .Validate(o => !o.Problems().Any(), "Invalid Kinerja:Retention settings (Months: 1 to 1200, or unset).")
            .ValidateOnStart();
        services.TryAddSingleton(sp => new PartitionMaintenance(sp.GetRequiredService<Npgsql.NpgsqlDataSource>(),
            sp.GetRequiredService<IngestStreamRegistry>(), sp.GetRequiredService<IOptions<PartitionOptions>>(),
            sp.GetRequiredService<IOptions<RetentionOptions>>(), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<PartitionMaintenance>>()));
        services.AddHostedService<PartitionMaintenanceService>();
        return services;
    }

    private sealed class IngestOptionsValidator : IValidateOptions<IngestOptions>
    {
        public ValidateOptionsResult Validate(string? name, IngestOptions options)
        {
            var problems = options.Problems().ToList();
            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
        }
    }
}
