using Kinerja.Dashboard.Tests.Infrastructure;

namespace Kinerja.Dashboard.Tests.Access;

/// <summary>Login tests: many attempts from the one test address, so the per-address limit is out of the way.</summary>
public sealed class LoginAppFactory : KinerjaAppFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Kinerja:Access:LoginAttemptsPerMinute"] = "1000",
        ["Kinerja:Access:Lockout:MaxFailures"] = "5",
        ["Kinerja:Access:Lockout:Duration"] = "00:15:00",
    };
}

/// <summary>Rate-limit tests: tiny limits so a handful of requests reach them.</summary>
public sealed class TightLimitsAppFactory : KinerjaAppFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Kinerja:Access:LoginAttemptsPerMinute"] = "3",
        ["Kinerja:Access:IngestRequestsPerSecond"] = "1",
        ["Kinerja:Access:IngestBurst"] = "2",
        ["Kinerja:Access:MaxRequestBodyBytes"] = "4096",
    };
}

/// <summary>Demo mode on (seed, no simulation): demo users and the demo source are created at start.</summary>
public sealed class DemoAppFactory : KinerjaAppFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Kinerja:Demo:Seed"] = "true",
    };
}
