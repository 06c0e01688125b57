namespace Kinerja.Dashboard.Reports;

/// <summary>
/// Services of the report documents (issue 19): the job store and reads wherever <c>/api/v1/reports</c> is mapped
/// (dashboard or rules role); the generator and its worker only where the rules are loaded (the rules role).
/// </summary>
public static class ReportServices
{
    public static IServiceCollection AddReports(this IServiceCollection services, bool worker)
    {
        services.AddOptions<ReportOptions>().BindConfiguration(ReportOptions.Section)
            .Validate(o => o.Lease > TimeSpan.Zero && o.PollInterval > TimeSpan.Zero && o.MaxAttempts >= 1,
                "Kinerja:Reports needs a positive Lease and PollInterval and MaxAttempts of at least 1.")
            .ValidateOnStart();
        services.AddSingleton<ReportJobStore>();
        services.AddSingleton<ReportReads>();
        services.AddSingleton<ReportSignal>();
        if (worker)
        {
            services.AddSingleton<ReportGenerator>();
            services.AddHostedService<ReportWorker>();
        }
        return services;
    }
}
