using System.Security.Cryptography;
using System.Text;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Kinerja.Dashboard.Notifications;

/// <summary>
/// Sends a message by SMTP (MailKit): Indonesian subject, plain text and HTML alternatives, and a Message-ID derived
/// from the message's key, so a repeated delivery is recognisably the same mail. A refusal, a timeout or a lost
/// connection is a failed attempt.
/// </summary>
public sealed class EmailSender(NotificationOptions options)
{
    public async Task<string?> SendAsync(OutboxMessage message, CancellationToken ct)
    {
        var smtp = options.Smtp;
        if (!smtp.Enabled)
        {
            return "E-mail is not configured (Kinerja:Notifications:Smtp:Host).";
        }
        var content = EmailContent.For(message.Kind, message.Payload, smtp.SiteUrl);
        var mail = new MimeMessage
        {
            Subject = content.Subject,
            MessageId = MessageId(message.IdempotencyKey, smtp.From),
            Body = new BodyBuilder { TextBody = content.Text, HtmlBody = content.Html }.ToMessageBody(),
        };
        mail.From.Add(MailboxAddress.Parse(smtp.From));
        mail.To.Add(MailboxAddress.Parse(message.Destination));
        mail.Headers.Add("X-Kinerja-Idempotency-Key", message.IdempotencyKey);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(options.Timeout);
        using var client = new SmtpClient { Timeout = (int)options.Timeout.TotalMilliseconds };
        try
        {
            await client.ConnectAsync(smtp.Host, smtp.Port, Security(smtp.Security), timeout.Token);
            if (smtp.Username.Length > 0)
            {
                await client.AuthenticateAsync(smtp.Username, smtp.Password, timeout.Token);
            }
            await client.SendAsync(mail, timeout.Token);
            await client.DisconnectAsync(quit: true, timeout.Token);
            return null;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return $"No answer from {smtp.Host}:{smtp.Port} within {options.TimeoutSeconds} s";
        }
        catch (Exception ex) when (ex is SmtpCommandException or SmtpProtocolException or IOException
            or System.Net.Sockets.SocketException or AuthenticationException or SslHandshakeException)
        {
            return $"{ex.GetType().Name}: {ex.Message}";
        }
    }

    /// <summary>The Message-ID of a key: <c>&lt;hex(SHA-256(key))[..32]@domain of From&gt;</c> (without the brackets, as MimeKit wants).</summary>
    public static string MessageId(string key, string from)
    {
        var domain = MailboxAddress.TryParse(from, out var address) && address.Domain.Length > 0 ? address.Domain : "kinerja.local";
        return $"{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..32]}@{domain}";
    }

    private static SecureSocketOptions Security(string mode) => mode.ToLowerInvariant() switch
    {
        "none" => SecureSocketOptions.None,
        "starttls" => SecureSocketOptions.StartTls,
        "sslonconnect" => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.StartTlsWhenAvailable,
    };
}
