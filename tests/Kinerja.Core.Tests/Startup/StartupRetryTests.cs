using System.Net.Sockets;
using Kinerja.Core.Startup;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kinerja.Core.Tests.Startup;

public sealed class StartupRetryTests
{
    private static readonly Func<Exception, StartupProblem> Classify = ex =>
        ex is SocketException ? new("connection refused", true) : new("password authentication failed (28P01)", false);

    [Fact]
    public async Task RetryableFailure_RetriedUntilTheTimeout_ThenOneLine()
    {
        var attempts = 0;
        var time = new VirtualTime();
        var ex = await Assert.ThrowsAsync<StartupFailedException>(() => StartupRetry.RunAsync("cannot connect to X",
            (_, _) =>
            {
                attempts++;
                throw new SocketException((int)SocketError.ConnectionRefused);
            }, Classify, TimeSpan.FromSeconds(1), NullLogger.Instance, time: time));

        // waits of 0.25, 0.5, then what is left of the second (each ±20 %): three or four attempts in 1 s
        Assert.InRange(attempts, 3, 4);
        Assert.Equal(TimeSpan.FromSeconds(1), time.Elapsed);
        Assert.StartsWith("cannot connect to X: connection refused; gave up after 1.0 s and ", ex.Message);
        Assert.EndsWith($"attempts (Kinerja:Startup:Timeout is 1 s)", ex.Message);
        Assert.Equal(StartupExitCodes.Unavailable, ex.ExitCode);
        Assert.IsType<SocketException>(ex.InnerException);
    }

    [Fact]
    public async Task RetryableFailure_OnTheSystemClock_WaitsAtLeastTheTimeout()
    {
        var started = TimeProvider.System.GetTimestamp();
        await Assert.ThrowsAsync<StartupFailedException>(() => StartupRetry.RunAsync("cannot connect to X",
            (_, _) => throw new SocketException((int)SocketError.ConnectionRefused),
            Classify, TimeSpan.FromSeconds(1), NullLogger.Instance));

        Assert.True(TimeProvider.System.GetElapsedTime(started) >= TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task FailureThatWaitingCannotMend_StopsAtOnce()
    {
        var attempts = 0;
        var ex = await Assert.ThrowsAsync<StartupFailedException>(() => StartupRetry.RunAsync("cannot connect to X",
            (_, _) =>
            {
                attempts++;
                throw new InvalidOperationException();
            }, Classify, TimeSpan.FromSeconds(30), NullLogger.Instance));

        Assert.Equal(1, attempts);
        Assert.Equal("cannot connect to X: password authentication failed (28P01)", ex.Message);
    }

    [Fact]
    public async Task SucceedsOnALaterAttempt_NoFailure()
    {
        var attempts = 0;
        await StartupRetry.RunAsync("cannot connect to X", (_, _) => ++attempts < 3
            ? throw new SocketException((int)SocketError.ConnectionRefused)
            : Task.CompletedTask, Classify, TimeSpan.FromSeconds(10), NullLogger.Instance);
        Assert.Equal(3, attempts);
    }
}
