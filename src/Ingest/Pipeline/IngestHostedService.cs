using Kinerja.Ingest.Reference;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Kinerja.Ingest.Pipeline;

/// <summary>Starts the writer with the host (preloading reference data) and lets it write what is queued when the host stops.</summary>
internal sealed class IngestHostedService(IngestWriter writer, ReferenceCache cache, ILogger<IngestHostedService> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        writer.EnsureStarted();
        try
        {
            await cache.ReloadAsync(TimeSpan.Zero, cancellationToken);
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or IOException)
        {
            // Not fatal: the first submission loads it (or answers 503 while the database is away).
            logger.LogWarning(ex, "Could not preload ingest reference data");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => writer.StopAsync(cancellationToken);
}
