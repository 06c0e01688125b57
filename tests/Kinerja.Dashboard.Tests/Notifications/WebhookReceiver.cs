using System.Collections.Concurrent;
using Kinerja.Dashboard.Notifications;
using Kinerja.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Kinerja.Dashboard.Tests.Notifications;

/// <summary>One HTTP request the receiver got.</summary>
public sealed record ReceivedWebhook(string Path, string? Key, string Body, bool SignatureValid, int Status, DateTimeOffset At);

/// <summary>
/// A real HTTP receiver on Kestrel (127.0.0.1, a free port), as an integration would run one: it checks the HMAC signature
/// with its own copy of the secret (401 when it does not match), then its idempotency check: a key seen before is
/// acknowledged (200) without being processed again. Paths: <c>/terima</c> accepts (after <see cref="FailFirst"/> 500s
/// per key), <c>/gagal</c> answers 500 until <see cref="Heal"/>; <see cref="ProcessingDelay"/> is spent after processing
/// and before answering (a delivery killed in that window is processed but never acknowledged).
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, string> _processed = new();
    private readonly ConcurrentQueue<string> _conflicts = new();
    private readonly ConcurrentDictionary<string, int> _failures = new();
    private readonly ConcurrentQueue<ReceivedWebhook> _requests = new();
    private volatile bool _healed;
    private int _inFlight;

    private WebhookReceiver(WebApplication app, string secret, int port)
    {
        _app = app;
        Secret = secret;
        BaseUrl = $"http://127.0.0.1:{port}";
    }

    public string Secret { get; }
    public string BaseUrl { get; }
    public int FailFirst { get; set; }
    public TimeSpan ProcessingDelay { get; set; }

    /// <summary>Every request, in arrival order.</summary>
    public IReadOnlyList<ReceivedWebhook> Requests => _requests.ToList();

    /// <summary>The keys the idempotency check let through (processed once each), with the body processed.</summary>
    public IReadOnlyDictionary<string, string> Processed => new Dictionary<string, string>(_processed);

    /// <summary>Keys that came again with a different body (the same key for two messages: a broken contract).</summary>
    public IReadOnlyList<string> Conflicts => _conflicts.ToList();

    /// <summary>Requests processed but not answered yet (inside <see cref="ProcessingDelay"/>).</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    public void Heal() => _healed = true;

    public static async Task<WebhookReceiver> StartAsync(string secret)
    {
        var port = Eventually.FreePort();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app, secret, port);
        app.MapPost("/{path}", receiver.HandleAsync);
        await app.StartAsync();
        return receiver;
    }

    private async Task<IResult> HandleAsync(string path, HttpRequest request)
    {
        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync();
        var key = request.Headers[WebhookSignature.IdempotencyHeader].FirstOrDefault();
        var valid = WebhookSignature.Verify(Secret, request.Headers[WebhookSignature.TimestampHeader].FirstOrDefault() ?? "", body,
            request.Headers[WebhookSignature.SignatureHeader].FirstOrDefault());
        int status;
        if (!valid || key is null)
        {
            status = 401;
        }
        else if (path == "gagal" && !_healed)
        {
            status = 500;
        }
        else if (path == "terima" && _failures.AddOrUpdate(key, 1, (_, n) => n + 1) <= FailFirst)
        {
            status = 500;
        }
        else
        {
            // The idempotency check: a key already processed is acknowledged and not processed again.
            if (!_processed.TryAdd(key, body) && _processed[key] != body)
            {
                _conflicts.Enqueue(key);
            }
            status = 200;
        }
        _requests.Enqueue(new ReceivedWebhook(path, key, body, valid, status, DateTimeOffset.UtcNow));
        if (status == 200 && ProcessingDelay > TimeSpan.Zero)
        {
            Interlocked.Increment(ref _inFlight);
            try
            {
                await Task.Delay(ProcessingDelay);
            }
            finally
            {
                Interlocked.Decrement(ref _inFlight);
            }
        }
        return Results.StatusCode(status);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
