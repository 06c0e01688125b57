using System.Text.Encodings.Web;
using Kinerja.Dashboard.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Kinerja.Dashboard.Tests.Infrastructure;

/// <summary>
/// Test-only sign-in, added by the in-process test hosts only (<see cref="TestUserSignIn.AddTestUserSignIn"/>); the
/// production host has no way to enable it. <c>X-Kinerja-Test-User: username</c> signs in as that existing user with
/// exactly the claims a cookie sign-in would carry (role, stamp), so grants, stamps and policies are the real ones.
/// Tests of separate server processes sign in through <c>/masuk</c> instead (Kinerja.Testing/FormSignIn).
/// </summary>
public sealed class TestUserHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger,
    UrlEncoder encoder, UserStore users) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "KinerjaTest";

    /// <summary>The request header naming the user to sign in as.</summary>
    public const string Header = "X-Kinerja-Test-User";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var name = Request.Headers[Header].ToString();
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

/// <summary>Adds the test-only header sign-in to a host that already has <c>AddKinerjaAccess</c>.</summary>
public static class TestUserSignIn
{
    /// <summary>
    /// Registers <see cref="TestUserHandler"/> and lets the host's scheme selector forward requests carrying
    /// <see cref="TestUserHandler.Header"/> to it (an API key still goes to the API-key scheme first).
    /// </summary>
    public static IServiceCollection AddTestUserSignIn(this IServiceCollection services)
    {
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, TestUserHandler>(TestUserHandler.SchemeName, null);
        services.PostConfigure<PolicySchemeOptions>(AccessClaims.SelectorScheme, o =>
        {
            var production = o.ForwardDefaultSelector;
            o.ForwardDefaultSelector = ctx =>
            {
                var scheme = production?.Invoke(ctx);
                return scheme != AccessClaims.ApiKeyScheme && ctx.Request.Headers.ContainsKey(TestUserHandler.Header)
                    ? TestUserHandler.SchemeName
                    : scheme;
            };
        });
        return services;
    }
}
