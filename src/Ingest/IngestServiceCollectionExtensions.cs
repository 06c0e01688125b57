using Kinerja.Ingest.Http;
using Kinerja.Ingest.Pipeline;
using Kinerja.Ingest.Reference;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Kinerja.Ingest;

public static class IngestServiceCollectionExtensions
{
    /// <summary>
    /// Registers the ingest pipeline (<see cref="IIngestPipeline"/>), its writer (started with the host,
    /// drained on stop), the reference cache, and options from <c>Kinerja:Ingest</c> (validated at start).
    /// Needs a singleton <see cref="Npgsql.NpgsqlDataSource"/> (registered by Core or the host).
    /// </summary>
    public static IServiceCollection AddKinerjaIngest(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<IngestOptions>()
            .Bind(configuration.GetSection(IngestOptions.Section))
            .ValidateOnStart();
        services.TryAddSingleton<IValidateOptions<IngestOptions>, IngestOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ReferenceCache>();
        services.TryAddSingleton(sp => new IngestQueue(sp.GetRequiredService<IOptions<IngestOptions>>().Value.QueueCapacity));
        services.TryAddSingleton<IngestWriter>();
        services.TryAddSingleton<IngestPipeline>();
        services.TryAddSingleton<IIngestPipeline>(sp => sp.GetRequiredService<IngestPipeline>());
        services.TryAddSingleton<IIngestScopeResolver, UnrestrictedScopeResolver>();
        services.AddHostedService<IngestHostedService>();
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
