namespace Kinerja.Dashboard.Skp;

/// <summary>Services of the SKP plans (issue 17): reads and the lifecycle writes, both straight on PostgreSQL.</summary>
public static class SkpServices
{
    public static IServiceCollection AddSkpPlans(this IServiceCollection services)
    {
        services.AddSingleton<SkpPlanReads>();
        services.AddSingleton<SkpPlanWrites>();
        services.AddSingleton<SkpRealisationWrites>();
        services.AddSingleton<SkpAssessmentWrites>();
        services.AddSingleton<SkpEvidenceStore>();
        services.AddSingleton<SkpProgressReads>();
        services.AddSingleton<Import.SkpPlanImporter>();
        services.AddSingleton<Import.SkpRealisationImporter>();
        services.AddSingleton<UnitIkuRealisations>();
        services.AddSingleton<UnitIkuReads>();
        services.AddSingleton<UnitIkuTargets>();
        services.AddSingleton<Import.UnitIkuTargetImporter>();
        services.AddOptions<SkpOptions>().BindConfiguration(SkpOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        return services;
    }
}
