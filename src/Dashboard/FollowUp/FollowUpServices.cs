namespace Kinerja.Dashboard.FollowUp;

/// <summary>Services of the follow-up items (issue 19): reads, transitions and counts, straight on PostgreSQL.</summary>
public static class FollowUpServices
{
    public static IServiceCollection AddFollowUps(this IServiceCollection services)
    {
        services.AddSingleton<FollowUpReads>();
        services.AddSingleton<FollowUpTransitions>();
        services.AddSingleton<FollowUpCounts>();
        return services;
    }
}
