using System.Collections.Concurrent;
using System.Diagnostics;
using Npgsql;

namespace Kinerja.Dashboard.Tests.Access;

/// <summary>
/// A data source over a real test database that records every command run through it (text and parameter values), so a
/// test can count the database reads of the code it gives this data source. Npgsql hands each command to the tracing
/// filter of its data source while some listener listens to its activity source; this one records no activity.
/// </summary>
public sealed class CountedDataSource : IAsyncDisposable
{
    private readonly ConcurrentQueue<(string Sql, object?[] Values)> _commands = new();
    private readonly ActivityListener _listener = new()
    {
        ShouldListenTo = source => source.Name == "Npgsql",
        Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.None,
    };

    public CountedDataSource(string connectionString)
    {
        ActivitySource.AddActivityListener(_listener);
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        builder.ConfigureTracing(o => o.ConfigureCommandFilter(command =>
        {
            _commands.Enqueue((command.CommandText, command.Parameters.Select(p => p.Value).ToArray()));
            return false;
        }));
        DataSource = builder.Build();
    }

    public NpgsqlDataSource DataSource { get; }

    /// <summary>Commands so far whose text contains <paramref name="sql"/> and that were given <paramref name="value"/>.</summary>
    public int Count(string sql, object value) =>
        _commands.Count(c => c.Sql.Contains(sql, StringComparison.Ordinal) && c.Values.Contains(value));

    public async ValueTask DisposeAsync()
    {
        _listener.Dispose();
        await DataSource.DisposeAsync();
    }
}
