using System.Text.Encodings.Web;
using Kinerja.Core.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Kinerja.Dashboard.Access;

/// <summary>
/// Test-only scheme (<c>Kinerja:Access:TestAuthentication=true</c>, Development only): <c>X-Kinerja-Test-User: username</c>
/// signs in as that existing user with exactly the claims a cookie sign-in would carry (role, stamp), so grants,
/// stamps and policies are the real ones.
/// </summary>
internal sealed class TestUserHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger,
    UrlEncoder encoder, UserStore users) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var name = Request.Headers[AccessClaims.TestHeader].ToString();
        if (string.IsNullOrEmpty(name))
        {
            return AuthenticateResult.NoResult();
        }
        var user = UserStore.IsValidUsername(name) ? await users.FindAsync(name, Context.RequestAborted) : null;
        if (user is null)
        {
            return AuthenticateResult.Fail("No such test user.");
        }
        return AuthenticateResult.Success(new AuthenticationTicket(UserPrincipal.Create(user, Scheme.Name), Scheme.Name));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        AuthProblems.WriteAsync(Context, StatusCodes.Status401Unauthorized);

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        AuthProblems.WriteAsync(Context, StatusCodes.Status403Forbidden);
}
