using Microsoft.Extensions.Options;

namespace Kinerja.Dashboard.Reports;

/// <summary>
/// Generates queued report documents in the process role that evaluates rules. Claims one job at a time under a lease
/// (<see cref="ReportJobStore.ClaimAsync"/>), so several processes share the queue and a job whose process was killed is
/// claimed again once its lease runs out; progress extends the lease. Wakes at once for a job posted to this process
/// (<see cref="ReportSignal"/>) and otherwise polls.
/// </summary>
public sealed class ReportWorker(ReportJobStore jobs, ReportGenerator generator, ReportSignal signal, IOptions<ReportOptions> options,
    ILogger<ReportWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (generator.RulesLoaded && await jobs.ClaimAsync(o.Lease, stoppingToken) is { } job)
                {
                    await RunAsync(job, o, stoppingToken);
                    continue;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Report worker pass failed");
            }
            await signal.WaitAsync(o.PollInterval, stoppingToken);
        }
    }

    private async Task RunAsync(ReportJobRow job, ReportOptions o, CancellationToken ct)
    {
        logger.LogInformation("Generating report {JobId} ({Kind}, {Period}), attempt {Attempt}", job.Id, job.Kind, job.Period, job.Attempts);
        if (job.Attempts > o.MaxAttempts)
        {
            await jobs.FailAsync(job.Id, job.Attempts, $"Gave up after {o.MaxAttempts} attempts; the last one did not finish.", false, ct);
            return;
        }
        try
        {
            var report = await generator.GenerateAsync(job, p => jobs.ProgressAsync(job.Id, job.Attempts, p, o.Lease, ct), ct);
            if (!await jobs.CompleteAsync(job.Id, job.Attempts, report.File, report.RuleVersions, report.DataAsOf, ct))
            {
                logger.LogWarning("Report {JobId} was taken over by another worker before attempt {Attempt} finished", job.Id, job.Attempts);
                return;
            }
            logger.LogInformation("Report {JobId} done: {FileName}, {Bytes} bytes", job.Id, report.File.FileName, report.File.Bytes.Length);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            logger.LogError(ex, "Report {JobId} failed on attempt {Attempt}", job.Id, job.Attempts);
            await jobs.FailAsync(job.Id, job.Attempts, ex.Message, retry: false, ct);
        }
    }
}

/// <summary>Wakes this process's <see cref="ReportWorker"/> when a job is posted here.</summary>
public sealed class ReportSignal
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Pulse()
    {
        if (_signal.CurrentCount == 0)
        {
            try
            {
                _signal.Release();
            }
            catch (SemaphoreFullException)
            {
                // another request pulsed first: one wake-up is enough
            }
        }
    }

    public async Task WaitAsync(TimeSpan timeout, CancellationToken ct)
    {
        try
        {
            await _signal.WaitAsync(timeout, ct);
        }
        catch (OperationCanceledException)
        {
            // stopping
        }
    }
}
