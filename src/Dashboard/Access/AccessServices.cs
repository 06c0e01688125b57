using System.Net;
using Kinerja.Core.Changes;
using Kinerja.Dashboard.Access.Live;
using Kinerja.Core.Regions;
using Kinerja.Core.Startup;
using Kinerja.Ingest.Http;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Kinerja.Dashboard.Access;

/// <summary>Registration of the access module: schemes, policies, rate limits, stores, audit.</summary>
public static class AccessServices
{
    /// <summary>The former test-only switch under <c>Kinerja:Access</c>; the server refuses to start when it is on.</summary>
    internal const string RemovedTestSwitch = "TestAuthentication";

    /// <summary>
    /// Adds cookie sign-in (<c>/masuk</c>), API keys for ingest sources, the named <see cref="Policies"/>, the
    /// region-scope check, rate limits, audit (<see cref="AuditLog"/>) and the
    /// key-scoped <see cref="IIngestScopeResolver"/>. Call from the host builder (any order with ingest).
    /// </summary>
    public static WebApplicationBuilder AddKinerjaAccess(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var section = builder.Configuration.GetSection(AccessOptions.Section);
        var options = section.Get<AccessOptions>() ?? new AccessOptions();
        if (section.GetValue<bool>(RemovedTestSwitch))
        {
            // The test sign-in lives in the test projects only; a configuration still asking for it is a mistake to
            // name, not to ignore.
            throw new StartupFailedException(
                $"{AccessOptions.Section}:{RemovedTestSwitch} is not a setting of the server: the test sign-in exists only in the test projects. Remove it from the configuration.",
                StartupExitCodes.Configuration);
        }
        services.AddOptions<AccessOptions>().Bind(section)
            .Validate(o => o.LiveRecheckInterval > TimeSpan.Zero, "Kinerja:Access:LiveRecheckInterval must be positive")
            .ValidateOnStart();
        services.AddOptions<LockoutOptions>().BindConfiguration(LockoutOptions.Section)
            .Validate(o => o.MaxFailures > 0 && o.Duration > TimeSpan.Zero, "Kinerja:Access:Lockout needs MaxFailures > 0 and a positive Duration")
            .ValidateOnStart();

        services.AddSingleton<UserStore>();
        services.AddSingleton<EmployeeDirectory>();
        services.AddSingleton<EmployeeAccountStore>();
        services.AddSingleton<EmployeeProvisioning>();
        services.AddSingleton<EmployeeActivation>();
        services.AddSingleton<TeamScope>();
        services.AddSingleton<SourceStore>();
        services.TryAddSingleton<RegionLookup>();
        services.AddSingleton<AuditLog>();
        services.AddSingleton<AuditReader>();
        services.AddSingleton<LoginService>();
        services.AddSingleton<AccessCache>();
        services.AddSingleton<IChangeHandler>(sp => sp.GetRequiredService<AccessCache>());
        services.AddSingleton<RegionAccess>();
        services.AddSingleton<BoardGroupAccess>();
        // Open hub connections follow access changes (after AccessCache above has cleared: handlers run in order).
        services.AddSingleton<LiveConnections>();
        services.AddSingleton<LiveAccessRechecks>();
        services.AddSingleton<IChangeHandler>(sp => sp.GetRequiredService<LiveAccessRechecks>());
        services.AddHostedService<LiveAccessRecheckService>();
        services.AddSingleton<IAuthorizationHandler, RegionScopeHandler>();
        services.AddSingleton<IAuthorizationHandler, ChartAccessHandler>();
        services.Replace(ServiceDescriptor.Singleton<IIngestScopeResolver, ApiKeyScopeResolver>());
        services.AddScoped<CookieEvents>();
        // Every hub method with a `group`/`groups` parameter is checked (public:* anyone, region/unit: readers), and what
        // each connection joined is remembered for the re-checks (outermost, so it wraps the check).
        services.Configure<HubOptions>(o =>
        {
            o.AddFilter<LiveConnectionFilter>();
            o.AddFilter<BoardGroupHubFilter>();
        });

        services.AddAuthentication(AccessClaims.SelectorScheme)
            .AddPolicyScheme(AccessClaims.SelectorScheme, "API key or cookie", o =>
                o.ForwardDefaultSelector = ctx =>
                    ApiKeyHandler.KeyOf(ctx.Request) is not null ? AccessClaims.ApiKeyScheme : AccessClaims.CookieScheme)
            .AddCookie(AccessClaims.CookieScheme, o =>
            {
                o.LoginPath = "/masuk";
                o.LogoutPath = "/keluar";
                o.AccessDeniedPath = "/akses-ditolak";
                o.Cookie.Name = "kinerja.sesi";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = options.SessionLifetime;
                o.SlidingExpiration = true;
                o.EventsType = typeof(CookieEvents);
            })
            .AddScheme<AuthenticationSchemeOptions, ApiKeyHandler>(AccessClaims.ApiKeyScheme, null);
        services.AddAuthorization(Policies.Add);
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "kinerja.af";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.FormFieldName = "__af";
        });
        services.AddKinerjaRateLimits(options);
        // Malformed requests the framework refuses while binding are 4xx, not 500 (UseExceptionHandler would say 500).
        services.Configure<ExceptionHandlerOptions>(o => o.StatusCodeSelector ??= ex =>
            ex is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError);
        ConfigureForwardedHeaders(services, options);
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes);
        services.Configure<Microsoft.AspNetCore.Http.Features.FormOptions>(f =>
        {
            f.ValueLengthLimit = 4096;
            f.KeyLengthLimit = 256;
            f.ValueCountLimit = 64;
            f.MultipartBodyLengthLimit = options.MaxRequestBodyBytes;
        });
        return builder;
    }

    private static void ConfigureForwardedHeaders(IServiceCollection services, AccessOptions options) =>
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.ForwardLimit = 1;
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var proxy in options.KnownProxies)
            {
                o.KnownProxies.Add(IPAddress.Parse(proxy));
            }
            foreach (var network in options.KnownNetworks)
            {
                o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });
}
