namespace Kinerja.Dashboard.Survey;

/// <summary>
/// Registration of the citizen survey's services: options <c>Kinerja:Survey</c> and the complaints queue in every process
/// (its API and page are mapped wherever the dashboard or rules role runs), the intake (limits, hashes, responses) only
/// where the ingest role takes answers.
/// </summary>
public static class SurveyServices
{
    public static IServiceCollection AddKinerjaSurvey(this IServiceCollection services, bool intake)
    {
        services.AddOptions<SurveyOptions>().BindConfiguration(SurveyOptions.Section)
            .Validate(o => o.PerDevicePerDay >= 0, "Kinerja:Survey:PerDevicePerDay must be 0 (off) or more.")
            .Validate(o => o.PerAddressPerMinute >= 0, "Kinerja:Survey:PerAddressPerMinute must be 0 (off) or more.")
            .Validate(o => o.MaxBodyBytes is >= 1024 and <= 1 << 20, "Kinerja:Survey:MaxBodyBytes must be from 1024 to 1048576.")
            .Validate(o => o.ComplaintAnswerDays is >= 1 and <= 365, "Kinerja:Survey:ComplaintAnswerDays must be from 1 to 365.")
            .ValidateOnStart();
        services.AddSingleton<ComplaintStore>();
        services.AddSingleton<ComplaintAccess>();
        if (intake)
        {
            services.AddSingleton<SurveyLimiter>();
            services.AddSingleton<SurveyClientKeys>();
            services.AddSingleton<SurveyResponses>();
        }
        return services;
    }
}
