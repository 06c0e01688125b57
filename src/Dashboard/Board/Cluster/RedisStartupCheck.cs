using System.Net;
using System.Net.Sockets;
using Kinerja.Core.Startup;
using StackExchange.Redis;

namespace Kinerja.Dashboard.Board.Cluster;

/// <summary>
/// With <c>Kinerja:Redis</c> set, start-up waits (<see cref="StartupRetry"/>, <c>Kinerja:Startup:Timeout</c>)
/// until Redis answers PING: a dashboard instance without its backplane would serve screens that miss the
/// other instances' pushes. Once running, a Redis that goes away only makes <c>/health/ready</c> fail.
/// </summary>
public static class RedisStartupCheck
{
    public static Task WaitAsync(BoardClusterOptions options, TimeSpan timeout, ILogger logger, CancellationToken ct = default)
    {
        ConfigurationOptions parsed;
        try
        {
            parsed = ConfigurationOptions.Parse(options.Redis!);
        }
        catch (ArgumentException ex)
        {
            throw new StartupFailedException(
                $"{BoardClusterOptions.RedisKey} is not a valid StackExchange.Redis configuration string ({ex.Message.TrimEnd('.')}); " +
                "the form is host:6379,password=...", StartupExitCodes.Configuration, ex);
        }
        var failure = $"cannot connect to Redis at {Endpoints(parsed)} ({BoardClusterOptions.RedisKey})";
        return StartupRetry.RunAsync(failure, async (budget, token) =>
        {
            // A plain TCP connect first: its error (refused, unresolved, timed out) says more than the multiplexer's.
            await ProbeTcpAsync(parsed, TimeSpan.FromMilliseconds(Math.Clamp(budget.TotalMilliseconds, 1000, 5000)), token);
            var config = parsed.Clone();
            config.AbortOnConnectFail = true;
            config.ConnectRetry = 1;
            config.ConnectTimeout = (int)Math.Clamp(budget.TotalMilliseconds, 1000, 5000);
            config.ClientName ??= $"kinerja-startup-{Environment.MachineName}-{Environment.ProcessId}";
            await using var mux = await ConnectionMultiplexer.ConnectAsync(config, TextWriter.Null);
            await mux.GetDatabase().PingAsync();
        }, Classify, timeout, logger, ct);
    }

    private static async Task ProbeTcpAsync(ConfigurationOptions config, TimeSpan timeout, CancellationToken ct)
    {
        Exception? first = null;
        foreach (var endpoint in config.EndPoints)
        {
            var target = endpoint is DnsEndPoint { Port: 0 } dns ? new DnsEndPoint(dns.Host, 6379) : endpoint;
            using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
            cts.CancelAfter(timeout);
            try
            {
                await socket.ConnectAsync(target, cts.Token);
                return;
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                first ??= new TimeoutException($"no answer within {timeout.TotalSeconds:0.#} s");
            }
            catch (SocketException ex)
            {
                first ??= ex;
            }
        }
        if (first is not null)
        {
            throw first;
        }
    }

    /// <summary>Host:port of each configured endpoint (the password never appears).</summary>
    public static string Endpoints(ConfigurationOptions config) => config.EndPoints.Count == 0
        ? "(no endpoint)"
        : string.Join(", ", config.EndPoints.Select(e => e switch
        {
            DnsEndPoint dns => $"{dns.Host}:{(dns.Port == 0 ? 6379 : dns.Port)}",
            IPEndPoint ip => ip.ToString(),
            _ => e.ToString() ?? "?",
        }));

    public static StartupProblem Classify(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case RedisConnectionException { FailureType: ConnectionFailureType.AuthenticationFailure }:
                    return new("authentication failed; check password= (and user=) in the configuration string", false);
                case SocketException { SocketErrorCode: SocketError.ConnectionRefused }:
                    return new("connection refused (is Redis running, and on that port?)", true);
                case SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.TryAgain or SocketError.NoData }:
                    return new("host name could not be resolved", true);
                case SocketException socket:
                    return new($"network error ({socket.SocketErrorCode})", true);
            }
        }
        return exception switch
        {
            RedisConnectionException c when c.Message.Contains("AuthenticationFailure", StringComparison.Ordinal) ||
                                            c.Message.Contains("NOAUTH", StringComparison.Ordinal) ||
                                            c.Message.Contains("WRONGPASS", StringComparison.Ordinal) =>
                new("authentication failed; check password= (and user=) in the configuration string", false),
            RedisConnectionException c => new($"unreachable ({c.FailureType}: refused, timed out or not Redis)", true),
            RedisTimeoutException or TimeoutException => new($"timed out ({exception.Message.TrimEnd('.')})", true),
            RedisServerException s when s.Message.Contains("NOAUTH", StringComparison.Ordinal) ||
                                        s.Message.Contains("WRONGPASS", StringComparison.Ordinal) =>
                new("authentication failed; check password= (and user=) in the configuration string", false),
            _ => new(exception.Message.Split('\n')[0].Trim().TrimEnd('.'), false),
        };
    }
}
