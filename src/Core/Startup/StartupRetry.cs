using Microsoft.Extensions.Logging;

namespace Kinerja.Core.Startup;

/// <summary>
/// Tries to reach a service until it answers: failures that waiting can mend (refused, timed out, still
/// starting) are retried with exponential backoff and a little jitter, one log line per failed attempt,
/// until the time is up; any other failure stops at once. Both end in a <see cref="StartupFailedException"/>
/// whose message is the one line the operator reads.
/// </summary>
public static class StartupRetry
{
    private static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan LongestDelay = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan SmallestBudget = TimeSpan.FromSeconds(1);

    /// <param name="failure">What failed, e.g. <c>cannot connect to PostgreSQL at db:5432, database "kinerja", user "kinerja"</c>.</param>
    /// <param name="attempt">One try; receives the time left (at least a second) to bound its own connect timeout.</param>
    /// <param name="classify">Turns an attempt's exception into a reason and whether to retry.</param>
    /// <param name="timeout">Total time to keep retrying; zero makes one attempt.</param>
    /// <param name="time">Measures the elapsed time and paces the waits (default: the system's; tests pass a virtual one).</param>
    public static async Task RunAsync(string failure, Func<TimeSpan, CancellationToken, Task> attempt,
        Func<Exception, StartupProblem> classify, TimeSpan timeout, ILogger logger, CancellationToken ct = default,
        TimeProvider? time = null)
    {
        time ??= TimeProvider.System;
        var clock = new Elapsed(time);
        for (var n = 1; ; n++)
        {
            var left = timeout - clock.Value;
            try
            {
                await attempt(left > SmallestBudget ? left : SmallestBudget, ct);
                if (n > 1)
                {
                    logger.LogInformation("Connected at attempt {Attempt}, after {Seconds:0.0} s", n, clock.Value.TotalSeconds);
                }
                return;
            }
            catch (Exception ex) when (!(ex is OperationCanceledException && ct.IsCancellationRequested))
            {
                var problem = classify(ex);
                var line = $"{failure}: {problem.Reason}";
                if (!problem.Retryable)
                {
                    throw new StartupFailedException(line, inner: ex);
                }
                left = timeout - clock.Value;
                if (left <= TimeSpan.Zero)
                {
                    throw new StartupFailedException(
                        $"{line}; gave up after {clock.Value.TotalSeconds:0.0} s and {n} attempts ({StartupOptions.TimeoutKey} is {timeout.TotalSeconds:0.#} s)",
                        inner: ex);
                }
                var delay = Delay(n, Random.Shared.NextDouble());
                delay = delay < left ? delay : left;
                logger.LogWarning("{Failure}; attempt {Attempt}, retrying in {DelaySeconds:0.0} s ({LeftSeconds:0.0} s left)",
                    line, n, delay.TotalSeconds, left.TotalSeconds);
                await Task.Delay(delay, time, ct);
            }
        }
    }

    /// <summary>Time since creation on <paramref name="time"/>'s monotonic clock.</summary>
    private sealed class Elapsed(TimeProvider time)
    {
        private readonly long _start = time.GetTimestamp();

        public TimeSpan Value => time.GetElapsedTime(_start);
    }

    /// <summary>
    /// Wait after failed attempt <paramref name="attempt"/> (1-based): 0.25 s doubling up to 10 s, times a
    /// jitter of ±20 % (<paramref name="unit"/> in [0, 1)) so processes started together do not retry in step.
    /// </summary>
    public static TimeSpan Delay(int attempt, double unit)
    {
        var exponent = Math.Min(attempt - 1, 16);
        var baseDelay = Math.Min(FirstDelay.TotalSeconds * Math.Pow(2, exponent), LongestDelay.TotalSeconds);
        return TimeSpan.FromSeconds(baseDelay * (0.8 + 0.4 * unit));
    }
}
