using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Kinerja.Core.Privacy;

public static class PrivacyServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="PrivacyOptions"/> to <c>Kinerja:Privacy</c> (validated at start) and registers
    /// <see cref="SmallGroups"/>. Registered once by the host; every screen and API takes <see cref="SmallGroups"/>.
    /// </summary>
    public static IServiceCollection AddKinerjaPrivacy(this IServiceCollection services)
    {
        services.AddOptions<PrivacyOptions>().BindConfiguration(PrivacyOptions.Section)
            .Validate(o => o.MinGroupSize >= 1, "Kinerja:Privacy:MinGroupSize must be at least 1")
            .ValidateOnStart();
        services.TryAddSingleton<SmallGroups>();
        return services;
    }
}
