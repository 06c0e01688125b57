namespace Kinerja.Dashboard.Employees;

/// <summary>Services of the 360 ratings and feedback notes in the application (issue 16).</summary>
public static class EmployeeLoopServices
{
    /// <summary>Rating plan, rater pseudonyms, received ratings with the privacy floor (<c>Kinerja:Ratings</c>), feedback notes.</summary>
    public static IServiceCollection AddEmployeeRatingsAndFeedback(this IServiceCollection services)
    {
        services.AddOptions<RatingsOptions>().BindConfiguration(RatingsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<RaterPseudonyms>();
        services.AddSingleton<RatingPlan>();
        services.AddSingleton<ReceivedRatings>();
        services.AddSingleton<FeedbackNotes>();
        services.AddSingleton<SnapshotPrivacy>();
        return services;
    }
}
