using System.ComponentModel.DataAnnotations;

namespace Kinerja.Dashboard.Notifications;

/// <summary>Notifications (issue 19): the outbox's scans, delivery and destinations, bound from <c>Kinerja:Notifications</c>.</summary>
public sealed class NotificationOptions : IValidatableObject
{
    public const string Section = "Kinerja:Notifications";

    /// <summary>Whether this process runs the delivery worker and the scans (only in the <c>rules</c> role).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>An open follow-up item due within this many days gets one "due soon" message per state.</summary>
    [Range(0, 60)]
    public int DueSoonDays { get; set; } = 2;

    /// <summary>A superior with activities pending review for more than this many days gets one message per day.</summary>
    [Range(1, 60)]
    public int ReviewPendingDays { get; set; } = 3;

    /// <summary>Delivery attempts before a message is dead (the dead-letter list).</summary>
    [Range(1, 50)]
    public int MaxAttempts { get; set; } = 8;

    /// <summary>Delay before the first retry; each further retry doubles it (with ±25 % jitter) up to <see cref="MaxBackoffSeconds"/>.</summary>
    [Range(0.01, 86400)]
    public double BackoffSeconds { get; set; } = 10;

    [Range(0.01, 86400)]
    public double MaxBackoffSeconds { get; set; } = 3600;

    /// <summary>How long a claimed message is reserved for its worker; a worker that dies releases it when this ends.</summary>
    [Range(1, 3600)]
    public double LeaseSeconds { get; set; } = 60;

    /// <summary>Time allowed for one HTTP request or one SMTP exchange (must stay below the lease).</summary>
    [Range(0.5, 600)]
    public double TimeoutSeconds { get; set; } = 15;

    /// <summary>Pause between delivery passes when nothing was due.</summary>
    [Range(0.05, 600)]
    public double PollSeconds { get; set; } = 2;

    /// <summary>Minutes between the due-soon and pending-review scans (also run at start).</summary>
    [Range(0.01, 1440)]
    public double ScanMinutes { get; set; } = 15;

    /// <summary>Messages claimed per pass.</summary>
    [Range(1, 1000)]
    public int BatchSize { get; set; } = 20;

    /// <summary>Messages of a pass delivered at once.</summary>
    [Range(1, 64)]
    public int Parallelism { get; set; } = 4;

    /// <summary>Webhook endpoints (<c>Kinerja:Notifications:Webhooks:N:Url</c>, <c>:Secret</c>, <c>:Kinds</c>).</summary>
    public List<WebhookEndpoint> Webhooks { get; set; } = [];

    /// <summary>The SMTP server for e-mail; no host means no e-mail is written to the outbox.</summary>
    public SmtpSettings Smtp { get; set; } = new();

    public TimeSpan Lease => TimeSpan.FromSeconds(LeaseSeconds);
    public TimeSpan Timeout => TimeSpan.FromSeconds(TimeoutSeconds);

    /// <summary>The wait before attempt <paramref name="attempts"/> + 1: doubling from <see cref="BackoffSeconds"/>, capped, jittered.</summary>
    public TimeSpan Backoff(int attempts, double random)
    {
        var seconds = Math.Min(MaxBackoffSeconds, BackoffSeconds * Math.Pow(2, Math.Max(0, attempts - 1)));
        return TimeSpan.FromSeconds(seconds * (0.75 + 0.5 * random));
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (TimeoutSeconds >= LeaseSeconds)
        {
            yield return new ValidationResult($"{Section}:TimeoutSeconds ({TimeoutSeconds}) must be below {Section}:LeaseSeconds ({LeaseSeconds}): "
                + "a message still being sent must not be taken by another worker.");
        }
        for (var i = 0; i < Webhooks.Count; i++)
        {
            foreach (var error in Webhooks[i].Errors($"{Section}:Webhooks:{i}"))
            {
                yield return new ValidationResult(error);
            }
        }
        foreach (var error in Smtp.Errors($"{Section}:Smtp"))
        {
            yield return new ValidationResult(error);
        }
    }
}

/// <summary>One webhook endpoint: every message of its kinds is POSTed to it, signed with its secret.</summary>
public sealed class WebhookEndpoint
{
    /// <summary>Absolute http or https URL.</summary>
    public string Url { get; set; } = "";

    /// <summary>The shared secret of the HMAC-SHA256 signature (at least 16 characters).</summary>
    public string Secret { get; set; } = "";

    /// <summary>Kinds sent to this endpoint (<see cref="NotificationKinds"/>); empty means every kind.</summary>
    public List<string> Kinds { get; set; } = [];

    public bool Accepts(string kind) => Kinds.Count == 0 || Kinds.Contains(kind, StringComparer.Ordinal);

    internal IEnumerable<string> Errors(string key)
    {
        if (!Uri.TryCreate(Url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            yield return $"{key}:Url must be an absolute http or https URL (got '{Url}').";
        }
        if (Secret.Length < 16)
        {
            yield return $"{key}:Secret must have at least 16 characters (got {Secret.Length}).";
        }
        foreach (var kind in Kinds.Where(k => !NotificationKinds.All.Contains(k)))
        {
            yield return $"{key}:Kinds has unknown kind '{kind}'; use any of {string.Join(", ", NotificationKinds.All)}.";
        }
    }
}

/// <summary>The SMTP server (MailKit).</summary>
public sealed class SmtpSettings
{
    /// <summary>Host name; empty turns e-mail off.</summary>
    public string Host { get; set; } = "";

    [Range(1, 65535)]
    public int Port { get; set; } = 25;

    /// <summary>Sender address, e.g. <c>Kinerja &lt;kinerja@bkpsdm.example.go.id&gt;</c>.</summary>
    public string From { get; set; } = "";

    /// <summary>Sign-in name; empty for an open relay on the local network.</summary>
    public string Username { get; set; } = "";

    public string Password { get; set; } = "";

    /// <summary><c>Auto</c> (STARTTLS when offered), <c>None</c>, <c>StartTls</c> or <c>SslOnConnect</c>.</summary>
    public string Security { get; set; } = "Auto";

    /// <summary>Base URL of the site, for the link in the message (e.g. <c>https://kinerja.example.go.id</c>); optional.</summary>
    public string SiteUrl { get; set; } = "";

    public bool Enabled => Host.Length > 0;

    internal static readonly string[] SecurityModes = ["Auto", "None", "StartTls", "SslOnConnect"];

    internal IEnumerable<string> Errors(string key)
    {
        if (!Enabled)
        {
            yield break;
        }
        if (!MimeKit.MailboxAddress.TryParse(From, out var from) || !from.Address.Contains('@'))
        {
            yield return $"{key}:From must be an e-mail address such as 'Kinerja <kinerja@example.go.id>' (got '{From}').";
        }
        if (!SecurityModes.Contains(Security, StringComparer.OrdinalIgnoreCase))
        {
            yield return $"{key}:Security must be one of {string.Join(", ", SecurityModes)} (got '{Security}').";
        }
        if (Port is < 1 or > 65535)
        {
            yield return $"{key}:Port must be 1 to 65535 (got {Port}).";
        }
        if (SiteUrl.Length > 0 && !Uri.TryCreate(SiteUrl, UriKind.Absolute, out _))
        {
            yield return $"{key}:SiteUrl must be an absolute URL (got '{SiteUrl}').";
        }
    }
}
