using Kinerja.Ingest.Contracts;
using Microsoft.AspNetCore.Http;

namespace Kinerja.Ingest.Http;

/// <summary>
/// Seam for source authorization (API keys and scopes come in a later issue): resolves what the
/// calling source may write. The default allows everything. Return null to refuse the request (the
/// resolver then has written the response, e.g. 401/403).
/// </summary>
public interface IIngestScopeResolver
{
    ValueTask<IngestScope?> ResolveAsync(HttpContext context, IngestStream stream, CancellationToken ct);
}

internal sealed class UnrestrictedScopeResolver : IIngestScopeResolver
{
    public ValueTask<IngestScope?> ResolveAsync(HttpContext context, IngestStream stream, CancellationToken ct) =>
        ValueTask.FromResult<IngestScope?>(IngestScope.Unrestricted);
}
