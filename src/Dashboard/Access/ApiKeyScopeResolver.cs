using Kinerja.Ingest;
using Kinerja.Ingest.Contracts;
using Kinerja.Ingest.Http;

namespace Kinerja.Dashboard.Access;

/// <summary>
/// The ingest scope of the calling source, from its API key's scope claims (<c>region:{id}</c>, <c>unit:{id}</c>):
/// items for employees or units outside it are rejected per item by the validators. A caller that is not an
/// authenticated source is refused with 401/403 (fail closed even if an endpoint lost its policy).
/// </summary>
internal sealed class ApiKeyScopeResolver : IIngestScopeResolver
{
    public async ValueTask<IngestScope?> ResolveAsync(HttpContext context, IngestStream stream, CancellationToken ct)
    {
        var user = context.User;
        if (!user.HasClaim(c => c.Type == AccessClaims.SourceId))
        {
            await AuthProblems.WriteAsync(context, user.Identity?.IsAuthenticated == true
                ? StatusCodes.Status403Forbidden
                : StatusCodes.Status401Unauthorized);
            return null;
        }
        var regions = new HashSet<string>(StringComparer.Ordinal);
        var units = new HashSet<string>(StringComparer.Ordinal);
        foreach (var claim in user.FindAll(AccessClaims.Scope))
        {
            if (SourceScopeEntry.TryParse(claim.Value, out var entry))
            {
                (entry.Kind == SourceScopeEntry.Region ? regions : units).Add(entry.Id);
            }
        }
        // Never null sets: an empty scope must allow nothing, not everything.
        return new IngestScope(regions, units);
    }
}
