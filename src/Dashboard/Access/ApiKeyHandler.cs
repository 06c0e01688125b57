using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Kinerja.Dashboard.Access;

/// <summary>
/// Authenticates ingest sources by API key: <c>Authorization: Bearer kin_...</c> or <c>X-Api-Key: kin_...</c>.
/// The principal carries <see cref="AccessClaims.SourceId"/> and one <see cref="AccessClaims.Scope"/> per scope entry.
/// </summary>
internal sealed class ApiKeyHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger,
    UrlEncoder encoder, AccessCache cache) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public static string? KeyOf(HttpRequest request)
    {
        if (request.Headers.TryGetValue(AccessClaims.ApiKeyHeader, out var header) && header.Count > 0)
        {
            return header[0]?.Trim();
        }
        var auth = request.Headers.Authorization.ToString();
        return auth.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? auth["Bearer ".Length..].Trim() : null;
    }

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var key = KeyOf(Request);
        if (string.IsNullOrEmpty(key))
        {
            return AuthenticateResult.NoResult();
        }
        var source = await cache.SourceByKeyAsync(key, Context.RequestAborted);
        if (source is null)
        {
            Logger.LogInformation("Refused an unknown or revoked API key {Prefix}",
                key.Length >= 12 ? key[..12] : "(short)");
            return AuthenticateResult.Fail("Unknown or revoked API key.");
        }
        var claims = new List<Claim>
        {
            new(AccessClaims.SourceId, source.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new(ClaimTypes.Name, "source:" + source.Name),
        };
        claims.AddRange(source.Scope.Select(s => new Claim(AccessClaims.Scope, s)));
        var identity = new ClaimsIdentity(claims, Scheme.Name, ClaimTypes.Name, ClaimTypes.Role);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer";
        return AuthProblems.WriteAsync(Context, StatusCodes.Status401Unauthorized);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        AuthProblems.WriteAsync(Context, StatusCodes.Status403Forbidden);
}
