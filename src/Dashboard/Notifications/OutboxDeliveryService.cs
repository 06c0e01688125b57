using System.Diagnostics;
using Npgsql;

namespace Kinerja.Dashboard.Notifications;

/// <summary>
/// The delivery worker (rules role): claims due messages in batches (<see cref="OutboxStore.ClaimAsync"/>), sends them
/// (webhook or e-mail) a few at a time, and records each outcome: delivered, due again after an exponential back-off
/// with jitter, or dead after <c>MaxAttempts</c>. Every <c>ScanMinutes</c> it also runs the due-soon and pending-review
/// scans and counts the queue for the gauges. Safe with several processes: claims skip rows another worker holds.
/// Delivery is at least once: a process killed between sending and recording sends the message again after the lease,
/// with the same key.
/// </summary>
public sealed class OutboxDeliveryService(NpgsqlDataSource db, OutboxStore store, NotificationOptions options, WebhookSender webhooks,
    EmailSender email, FollowUpMessages followUps, ReviewPendingMessages reviews, TimeProvider time,
    ILogger<OutboxDeliveryService> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Enabled)
        {
            log.LogInformation("Outbox delivery is off in this process (Kinerja:Notifications:Enabled=false)");
            return;
        }
        var nextScan = DateTimeOffset.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            var claimed = 0;
            try
            {
                if (time.GetUtcNow() >= nextScan)
                {
                    await ScanAsync(stoppingToken);
                    nextScan = time.GetUtcNow().AddMinutes(options.ScanMinutes);
                }
                claimed = await DeliverBatchAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // A pass that fails (database away, ...) is logged; the worker lives on and the rows stay pending.
                log.LogWarning(ex, "Outbox pass failed; next pass in {Seconds} s", options.PollSeconds);
            }
            if (claimed < options.BatchSize)
            {
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(options.PollSeconds), time, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private async Task ScanAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var dueSoon = await followUps.DueSoonAsync(db, now, options.DueSoonDays, ct);
        var pending = await reviews.ScanAsync(db, now, options.ReviewPendingDays, ct);
        var (queued, dead) = await store.CountsAsync(ct);
        NotificationMetrics.Counted(queued, dead);
        if (dueSoon + pending > 0)
        {
            log.LogInformation("Outbox scan wrote {DueSoon} due-soon and {ReviewPending} pending-review messages", dueSoon, pending);
        }
    }

    /// <summary>One pass: claims a batch and delivers it; returns how many were claimed.</summary>
    public async Task<int> DeliverBatchAsync(CancellationToken ct)
    {
        var batch = await store.ClaimAsync(options.BatchSize, options.Lease, ct);
        await Parallel.ForEachAsync(batch, new ParallelOptions { MaxDegreeOfParallelism = options.Parallelism, CancellationToken = ct },
            async (message, token) => await DeliverAsync(message, token));
        return batch.Count;
    }

    private async Task DeliverAsync(OutboxMessage message, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        string? error;
        try
        {
            error = message.Channel == OutboxChannels.Webhook
                ? await webhooks.SendAsync(message, ct)
                : await email.SendAsync(message, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A message that cannot even be built (an address MimeKit refuses, ...) fails like a refused send.
            error = $"{ex.GetType().Name}: {ex.Message}";
        }
        // The outcome is recorded even when stopping: the message went out (or not) either way.
        if (error is null)
        {
            await store.DeliveredAsync(message.Id, CancellationToken.None);
            NotificationMetrics.Attempt(message.Channel, message.Kind, watch.Elapsed, ok: true, dead: false);
            return;
        }
        var dead = await store.FailedAsync(message.Id, error, options.MaxAttempts,
            options.Backoff(message.Attempts, Random.Shared.NextDouble()), CancellationToken.None);
        NotificationMetrics.Attempt(message.Channel, message.Kind, watch.Elapsed, ok: false, dead);
        if (dead)
        {
            log.LogWarning("Outbox message {Id} ({Kind}, {Channel}) is dead after {Attempts} attempts: {Error}",
                message.Id, message.Kind, message.Channel, message.Attempts, error);
        }
        else
        {
            log.LogInformation("Outbox message {Id} ({Kind}, {Channel}) attempt {Attempts} failed: {Error}",
                message.Id, message.Kind, message.Channel, message.Attempts, error);
        }
    }
}
