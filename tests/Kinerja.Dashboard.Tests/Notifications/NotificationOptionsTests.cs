using System.ComponentModel.DataAnnotations;
using Kinerja.Dashboard.Notifications;

namespace Kinerja.Dashboard.Tests.Notifications;

/// <summary>Bad notification settings are refused at start with a message naming the key; the back-off doubles and caps.</summary>
public sealed class NotificationOptionsTests
{
    private static List<string> Errors(NotificationOptions o) =>
        o.Validate(new ValidationContext(o)).Select(r => r.ErrorMessage!).ToList();

    [Fact]
    public void Validate_BadWebhookAndSmtpSettings_OneSpecificMessageEach()
    {
        var o = new NotificationOptions
        {
            LeaseSeconds = 10,
            TimeoutSeconds = 10,
            Webhooks = [new WebhookEndpoint { Url = "ftp://wa.example.go.id/hook", Secret = "pendek", Kinds = ["followup.created", "sms"] }],
            Smtp = new SmtpSettings { Host = "smtp.example.go.id", From = "bukan alamat", Security = "Tls13" },
        };

        Assert.Equal(new[]
        {
            "Kinerja:Notifications:TimeoutSeconds (10) must be below Kinerja:Notifications:LeaseSeconds (10): a message still being sent must not be taken by another worker.",
            "Kinerja:Notifications:Webhooks:0:Url must be an absolute http or https URL (got 'ftp://wa.example.go.id/hook').",
            "Kinerja:Notifications:Webhooks:0:Secret must have at least 16 characters (got 6).",
            "Kinerja:Notifications:Webhooks:0:Kinds has unknown kind 'sms'; use any of followup.created, followup.due_soon, review.pending.",
            "Kinerja:Notifications:Smtp:From must be an e-mail address such as 'Kinerja <kinerja@example.go.id>' (got 'bukan alamat').",
            "Kinerja:Notifications:Smtp:Security must be one of Auto, None, StartTls, SslOnConnect (got 'Tls13').",
        }, Errors(o));
    }

    [Fact]
    public void Validate_Defaults_NoErrorAndNoEmail()
    {
        var o = new NotificationOptions();
        Assert.Empty(Errors(o));
        Assert.False(o.Smtp.Enabled);
    }

    [Theory]
    [InlineData(1, 0.0, 7.5)]
    [InlineData(1, 1.0, 12.5)]
    [InlineData(3, 0.5, 40)]
    [InlineData(20, 0.5, 3600)]
    public void Backoff_DoublesPerAttemptWithJitterAndCap(int attempts, double random, double seconds)
    {
        var o = new NotificationOptions { BackoffSeconds = 10, MaxBackoffSeconds = 3600 };
        Assert.Equal(seconds, o.Backoff(attempts, random).TotalSeconds, 6);
    }

    [Fact]
    public void Signature_IsHmacOfTimestampDotBody_AndVerifies()
    {
        // Expected value computed independently: printf '1767225600.{"a":1}' | openssl dgst -sha256 -hmac 'rahasia-0123456789'
        var signature = WebhookSignature.Sign("rahasia-0123456789", 1767225600, "{\"a\":1}");
        Assert.Equal(Expected, signature);
        Assert.True(WebhookSignature.Verify("rahasia-0123456789", "1767225600", "{\"a\":1}", signature));
        Assert.False(WebhookSignature.Verify("rahasia-0123456789", "1767225601", "{\"a\":1}", signature));
        Assert.False(WebhookSignature.Verify("rahasia-lain-0123456", "1767225600", "{\"a\":1}", signature));
    }

    private const string Expected = "sha256=11b85c7fb41e8a495e69588fbcab68c26b27c12e929a4e1e1afb084001cce52c";
}
