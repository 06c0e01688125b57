using Kinerja.Core.Changes;
using Kinerja.Core.Regions;
using Kinerja.Dashboard.Board.Cluster;
using Kinerja.Dashboard.Charts;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Kinerja.Dashboard.Board;

/// <summary>Services of the live board (<c>AddKinerjaBoard</c>); its endpoints are mapped by <c>Apis/BoardEndpoints.cs</c>.</summary>
public static class BoardRegistration
{
    public const string HubPath = "/hubs/board";

    /// <summary>The board's services (needs <c>AddKinerjaPrivacy</c>); <c>Kinerja:Redis</c> adds the backplane and the publisher lease (several instances).</summary>
    public static IServiceCollection AddKinerjaBoard(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BoardOptions>().BindConfiguration(BoardOptions.Section)
            .Validate(o => o.IsValid(), "Kinerja:Board settings are out of range").ValidateOnStart();
        // Screens parse the messages with JSON.parse, never as HTML: the default encoder's \u003C for every '<' of a
        // chart's SVG would only make each Chart message about 10% larger and slower to parse.
        var signalR = services.AddSignalR().AddJsonProtocol(o =>
            o.PayloadSerializerOptions.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping);
        services.AddKinerjaBoardCluster(signalR, configuration);
        services.AddOptions<Microsoft.AspNetCore.SignalR.HubOptions>()
            .Configure<IHostEnvironment>((o, env) => o.EnableDetailedErrors = env.IsDevelopment());
        services.TryAddSingleton<RegionLookup>();
        services.AddSingleton<IBoardData, BoardData>();
        services.AddSingleton<ChartCache>();
        services.AddSingleton<BoardSubscriptions>();
        services.AddSingleton<Access.Live.ILiveGroupRevoked, BoardGroupRevocation>();
        services.AddSingleton<BoardTimings>();
        services.AddSingleton<ChartPacer>();
        services.AddSingleton<BoardServices>();
        services.AddSingleton<BoardRegistry>();
        services.AddSingleton<BoardChartSource>();
        services.AddSingleton<IChangeHandler, TriggerFeedHandler>();
        services.AddSingleton<IChangeHandler, Employees.EmployeeFeedHandler>();
        services.AddSingleton<IChangeHandler, Skp.SkpFeedHandler>();
        services.AddHostedService<BoardPushService>();
        services.AddHostedService<Employees.EmployeeIndicatorsPush>();
        return services;
    }
}
