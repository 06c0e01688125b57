using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Kinerja.Dashboard.Access;

/// <summary>
/// Rate-limit policies (ASP.NET Core rate limiter): <see cref="Ingest"/> per source key (token bucket) and
/// <see cref="Login"/> per remote address (fixed window), <see cref="AccountWrite"/> per signed-in account (fixed window). Rejections are 429 problem details with Retry-After.
/// </summary>
public static class RateLimits
{
    public const string Ingest = "ingest";
    public const string Login = "login";

    /// <summary>Writes of a signed-in person (activities, reviews, ratings, feedback notes), per account (fixed window, <see cref="AccessOptions.AccountWritesPerMinute"/>).</summary>
    public const string AccountWrite = "account-write";

    internal static IServiceCollection AddKinerjaRateLimits(this IServiceCollection services, AccessOptions options) =>
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(Ingest, ctx => RateLimitPartition.GetTokenBucketLimiter(
                ctx.User.FindFirst(AccessClaims.SourceId)?.Value ?? "none:" + ctx.Connection.RemoteIpAddress,
                _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = Math.Max(1, options.IngestBurst),
                    TokensPerPeriod = Math.Max(1, options.IngestRequestsPerSecond),
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                }));
            o.AddPolicy(Login, ctx => RateLimitPartition.GetFixedWindowLimiter(
                ctx.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = Math.Max(1, options.LoginAttemptsPerMinute),
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                }));
            o.AddPolicy(AccountWrite, ctx => RateLimitPartition.GetFixedWindowLimiter(
                ctx.User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value is { } id
                    ? "user:" + id : "none:" + ctx.Connection.RemoteIpAddress,
                _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = Math.Max(1, options.AccountWritesPerMinute),
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                }));
            o.OnRejected = async (context, ct) =>
            {
                var http = context.HttpContext;
                var retry = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromSeconds(1);
                http.Response.Headers.RetryAfter = Math.Max(1, Math.Ceiling(retry.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                await TypedResults.Problem(title: "Too many requests",
                    detail: "Rate limit reached; retry after the number of seconds in Retry-After.",
                    statusCode: StatusCodes.Status429TooManyRequests).ExecuteAsync(http);
            };
        });
}
