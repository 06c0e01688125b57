using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Connections;

namespace Kinerja.Dashboard.Hosting;

/// <summary>
/// A listening address another process holds: <see cref="StartupGuard"/> reports it as one line naming the address
/// and the setting that moves it. The generic host logs every start failure with its stack trace before rethrowing it;
/// <see cref="AddQuietHostStart"/> drops that error log while the host starts (the guard's line replaces it, and
/// <c>--Logging:LogLevel:Default=Debug</c> still prints the trace).
/// </summary>
internal static partial class ListenFailure
{
    private const string HostCategory = "Microsoft.Extensions.Hosting.Internal.Host";

    /// <summary>The one line for a bind failure inside <paramref name="exception"/>, or null when it is not one.</summary>
    public static string? Describe(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is AddressInUseException)
            {
                var address = BindMessage().Match(exception.ToString()) is { Success: true } m ? m.Groups[1].Value : "the configured address";
                return $"cannot listen on {address}: the address is already in use (another process listens there); "
                       + "choose another with the Urls setting, e.g. --urls=http://127.0.0.1:5081 or the environment "
                       + "variable ASPNETCORE_URLS";
            }
        }
        return null;
    }

    /// <summary>While the host starts, its "Hosting failed to start" error (with the trace) is not logged.</summary>
    public static void AddQuietHostStart(this WebApplicationBuilder builder)
    {
        var window = new StartWindow();
        builder.Services.AddSingleton(window);
        var minimum = StartupGuard.IsVerbose(builder.Configuration) ? LogLevel.Debug : LogLevel.Information;
        builder.Logging.AddFilter(HostCategory, level => level >= minimum && !(level == LogLevel.Error && window.Open));
    }

    /// <summary>Closes the window once the host has started (its later errors, e.g. a failed background service, are logged).</summary>
    public static void EndQuietHostStart(this WebApplication app)
    {
        var window = app.Services.GetRequiredService<StartWindow>();
        app.Lifetime.ApplicationStarted.Register(() => window.Open = false);
    }

    private sealed class StartWindow
    {
        public volatile bool Open = true;
    }

    [GeneratedRegex(@"Failed to bind to address (\S+?): address already in use")]
    private static partial Regex BindMessage();
}
