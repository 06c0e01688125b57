namespace Kinerja.Dashboard.SkpMonitoring;

/// <summary>Services of the SKP monitoring and the board's SKP, IKU and follow-up panels (issues 17, 19).</summary>
public static class SkpMonitoringServices
{
    public static IServiceCollection AddSkpMonitoring(this IServiceCollection services)
    {
        services.AddSingleton<SkpMonitoringReads>();
        services.AddSingleton<IkuAttainmentReads>();
        services.AddSingleton<SkpMonitoringService>();
        services.AddOptions<SkpDueOptions>().BindConfiguration(SkpDueOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        return services;
    }
}
