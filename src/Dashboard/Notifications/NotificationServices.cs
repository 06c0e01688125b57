using Kinerja.Rules.FollowUp;
using Microsoft.Extensions.Options;

namespace Kinerja.Dashboard.Notifications;

/// <summary>
/// Services of the notifications (issue 19). The writers, stores and the follow-up hook are registered in every process
/// (the hook runs where triggers are stored, the APIs where they are mapped); the delivery worker only where
/// <paramref name="worker"/> is true (the rules role) and <c>Kinerja:Notifications:Enabled</c> is on.
/// </summary>
public static class NotificationServices
{
    public static IServiceCollection AddNotifications(this IServiceCollection services, bool worker)
    {
        services.AddOptions<NotificationOptions>().BindConfiguration(NotificationOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<NotificationOptions>>().Value);
        services.AddHttpClient(WebhookSender.ClientName);
        services.AddSingleton<OutboxWriter>();
        services.AddSingleton<OutboxStore>();
        services.AddSingleton<FollowUpMessages>();
        services.AddSingleton<ReviewPendingMessages>();
        services.AddSingleton<NotificationPreferences>();
        services.AddSingleton<WebhookSender>();
        services.AddSingleton<EmailSender>();
        services.AddSingleton<IFollowUpHook, FollowUpOutboxHook>();
        if (worker)
        {
            services.AddSingleton<OutboxDeliveryService>();
            services.AddHostedService(sp => sp.GetRequiredService<OutboxDeliveryService>());
        }
        return services;
    }
}
