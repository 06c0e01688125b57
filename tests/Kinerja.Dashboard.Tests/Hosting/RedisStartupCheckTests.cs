using System.Net.Sockets;
using Kinerja.Core.Startup;
using Kinerja.Dashboard.Board.Cluster;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace Kinerja.Dashboard.Tests.Hosting;

public sealed class RedisStartupCheckTests
{
    [Fact]
    public void Endpoints_HostAndPort_NeverThePassword()
    {
        var config = ConfigurationOptions.Parse("redis-1:6380,redis-2,password=hunter2");
        Assert.Equal("redis-1:6380, redis-2:6379", RedisStartupCheck.Endpoints(config));
    }

    [Fact]
    public async Task MalformedConfiguration_ConfigurationFailureNamingTheKey()
    {
        var ex = await Assert.ThrowsAsync<StartupFailedException>(() => RedisStartupCheck.WaitAsync(
            new BoardClusterOptions { Redis = "redis-1:6379,passwrd=x" }, TimeSpan.Zero, NullLogger.Instance));
        Assert.Equal(StartupExitCodes.Configuration, ex.ExitCode);
        Assert.StartsWith("Kinerja:Redis is not a valid StackExchange.Redis configuration string", ex.Message);
    }

    [Theory]
    [InlineData(SocketError.ConnectionRefused, "connection refused", true)]
    [InlineData(SocketError.HostNotFound, "host name could not be resolved", true)]
    public void SocketErrors_Retryable(SocketError error, string reason, bool retryable)
    {
        var problem = RedisStartupCheck.Classify(new SocketException((int)error));
        Assert.StartsWith(reason, problem.Reason);
        Assert.Equal(retryable, problem.Retryable);
    }

    [Fact]
    public void AuthenticationFailure_NotRetryable()
    {
        var problem = RedisStartupCheck.Classify(new RedisConnectionException(ConnectionFailureType.AuthenticationFailure, "auth"));
        Assert.StartsWith("authentication failed", problem.Reason);
        Assert.False(problem.Retryable);
    }
}
