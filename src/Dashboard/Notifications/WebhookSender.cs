using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kinerja.Dashboard.Notifications;

/// <summary>
/// POSTs a message to its webhook endpoint: body <c>{ "id", "kind", "created", "data" }</c> (the same bytes on every
/// attempt), signed per attempt (<see cref="WebhookSignature"/>), with the message's key as <c>Idempotency-Key</c>.
/// Any 2xx answer is delivered; anything else, a timeout or a refused connection is a failed attempt.
/// </summary>
public sealed class WebhookSender(IHttpClientFactory clients, NotificationOptions options, TimeProvider time)
{
    public const string ClientName = "kinerja-webhooks";

    public async Task<string?> SendAsync(OutboxMessage message, CancellationToken ct)
    {
        var endpoint = options.Webhooks.FirstOrDefault(w => w.Url == message.Destination);
        if (endpoint is null)
        {
            return $"The webhook {message.Destination} is no longer configured (Kinerja:Notifications:Webhooks).";
        }
        var body = Body(message);
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint.Url)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Sign(endpoint.Secret, timestamp, body));
        request.Headers.Add(WebhookSignature.IdempotencyHeader, message.IdempotencyKey);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(options.Timeout);
        try
        {
            using var response = await clients.CreateClient(ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            return response.IsSuccessStatusCode ? null : $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}";
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return $"No answer within {options.TimeoutSeconds} s";
        }
        catch (HttpRequestException ex)
        {
            return ex.Message;
        }
    }

    /// <summary>The JSON body of a message (stable: built only from the stored row).</summary>
    public static string Body(OutboxMessage message) => new JsonObject
    {
        ["id"] = message.IdempotencyKey,
        ["kind"] = message.Kind,
        ["created"] = DateTime.SpecifyKind(message.Created, DateTimeKind.Utc).ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ", CultureInfo.InvariantCulture),
        ["data"] = JsonNode.Parse(message.Payload),
    }.ToJsonString(Json);

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };
}
