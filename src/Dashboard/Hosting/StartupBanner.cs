using Kinerja.Core.Clock;
using Kinerja.Core.Database;
using Kinerja.Embedded;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Kinerja.Dashboard.Hosting;

/// <summary>Prints the URL to open once the server listens.</summary>
internal static class StartupBanner
{
    public static void PrintWhenStarted(WebApplication app, ProcessRoles roles)
    {
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
            var url = addresses?.FirstOrDefault()?.Replace("0.0.0.0", "127.0.0.1").Replace("[::]", "127.0.0.1")
                      ?? "(test server)";
            var db = app.Services.GetRequiredService<DatabaseInfo>();
            Console.WriteLine();
            Console.WriteLine($"Kinerja Analytics is running (roles: {roles}).");
            Console.WriteLine($"  Open:       {url}/");
            Console.WriteLine($"  Health:     {url}/health/ready");
            Console.WriteLine($"  API docs:   {url}/scalar");
            Console.WriteLine($"  PostgreSQL: {(db.Embedded ? "embedded, " : "")}{db.Display}");
            if (app.Services.GetService<EmbeddedPostgres>() is { } pg)
            {
                Console.WriteLine($"  psql:       PGPASSWORD=$(cat {pg.PasswordFile}) psql -h 127.0.0.1 -p {pg.Port} -U kinerja kinerja");
            }
            if (app.Services.GetRequiredService<KinerjaClock>().Shifted is { } shifted)
            {
                Console.WriteLine($"  Clock:      SHIFTED, {shifted}; not the machine's time");
            }
            Console.WriteLine("  Stop with Ctrl+C.");
            Console.WriteLine();
        });
    }
}
