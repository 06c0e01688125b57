namespace Kinerja.Dashboard.Employees;

/// <summary>Services of the employee and superior loop in the application (issue 16): activities, reviews, 360 ratings, feedback notes.</summary>
public static class EmployeeLoopServices
{
    /// <summary>
    /// Activity reads, rating plan, rater pseudonyms, received ratings with the privacy floor (<c>Kinerja:Ratings</c>),
    /// feedback notes; with <paramref name="ingest"/> also the review writer, which submits through the ingest pipeline
    /// (a process without the ingest role maps no write endpoint and has no pipeline).
    /// </summary>
    public static IServiceCollection AddEmployeeLoop(this IServiceCollection services, bool ingest)
    {
        services.AddSingleton<EmployeeActivities>();
        if (ingest)
        {
            services.AddSingleton<TeamReviews>();
        }
        services.AddOptions<RatingsOptions>().BindConfiguration(RatingsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<RaterPseudonyms>();
        services.AddSingleton<RatingPlan>();
        services.AddSingleton<RatingPlanAmendments>();
        services.AddSingleton<ReceivedRatings>();
        services.AddSingleton<FeedbackNotes>();
        services.AddSingleton<SnapshotPrivacy>();
        return services;
    }
}
