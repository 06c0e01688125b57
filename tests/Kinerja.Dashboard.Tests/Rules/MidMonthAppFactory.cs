using Kinerja.Dashboard.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Kinerja.Dashboard.Tests.Rules;

/// <summary>
/// The server with its clock (the <see cref="TimeProvider"/> every part of the product reads) fixed at 10:00 WIB on the
/// 18th of the current month: the month then always has the working days a TKS rule needs, whatever today's date.
/// </summary>
public sealed class MidMonthAppFactory : KinerjaAppFactory
{
    /// <summary>The fixed "now" of the server.</summary>
    public static readonly DateTimeOffset Now = MidMonth(DateTimeOffset.UtcNow);

    private static DateTimeOffset MidMonth(DateTimeOffset utc)
    {
        var wib = utc.ToOffset(TimeSpan.FromHours(7));
        return new DateTimeOffset(wib.Year, wib.Month, 18, 10, 0, 0, TimeSpan.FromHours(7));
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(new FixedClock(Now)));
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
