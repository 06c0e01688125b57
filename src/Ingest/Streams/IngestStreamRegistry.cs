using System.Collections.Concurrent;
using Kinerja.Ingest.Streams.Writing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Kinerja.Ingest.Streams;

/// <summary>
/// The streams this process writes, as registered with <see cref="IngestStreamRegistration.AddIngestStream"/>:
/// <c>AddKinerjaIngest</c> registers those of <see cref="IngestStreams.All"/>, in that order, and a host (or a test)
/// may add more the same way. The writer takes from it the staging tables of its connections and the partitioned
/// tables whose months it creates; in-process callers find the stream of an item type here. Checked at start: names,
/// item types, tables and registry codes are unique.
/// </summary>
internal sealed class IngestStreamRegistry
{
    public IngestStreamRegistry(IEnumerable<IngestStreamDefinition> streams)
    {
        All = [.. streams];
        Problem(All.GroupBy(s => s.Name), "name");
        Problem(All.GroupBy(s => s.ItemType.FullName), "item type");
        Problem(All.GroupBy(s => s.WriteSide.Name), "table");
        Problem(All.GroupBy(s => s.WriteSide.RegistryCode.ToString()), "event_registry code");
        PartitionedTables = [.. All.Where(s => s.WriteSide.Partitioned).Select(s => s.WriteSide.Name)];
        StagingSql = string.Join("\n", All.Select(s => s.WriteSide.Staging).OfType<string>());
    }

    private readonly ConcurrentDictionary<Type, IngestStreamDefinition> _byItem = new();

    /// <summary>Every registered stream, in registration order.</summary>
    public IReadOnlyList<IngestStreamDefinition> All { get; }

    /// <summary>The month-partitioned stream tables, in registration order (the order their months are created in).</summary>
    public string[] PartitionedTables { get; }

    /// <summary>The DDL of every staging table (run once per writer connection).</summary>
    public string StagingSql { get; }

    /// <summary>The stream whose items are <typeparamref name="TItem"/>.</summary>
    public IngestStreamDefinition<TItem> Of<TItem>() where TItem : class, new() =>
        (IngestStreamDefinition<TItem>)_byItem.GetOrAdd(typeof(TItem), _ =>
            All.OfType<IngestStreamDefinition<TItem>>().SingleOrDefault()
            ?? throw new ArgumentException($"No ingest stream takes items of type {typeof(TItem).Name}."));

    private static void Problem(IEnumerable<IGrouping<string?, IngestStreamDefinition>> groups, string what)
    {
        foreach (var g in groups.Where(g => g.Count() > 1))
        {
            throw new InvalidOperationException(
                $"Ingest streams {string.Join(", ", g.Select(s => s.GetType().Name))} share the {what} '{g.Key}'; each stream needs its own.");
        }
    }
}

/// <summary>Registration of ingest streams.</summary>
internal static class IngestStreamRegistration
{
    /// <summary>
    /// Registers a stream: its writer side is used by this process's writer (staging, partitions, registry code), and
    /// <c>IIngestPipeline.SubmitAsync</c> finds it by item type. Idempotent per definition type.
    /// </summary>
    public static IServiceCollection AddIngestStream(this IServiceCollection services, IngestStreamDefinition stream)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton(typeof(IngestStreamDefinition), stream));
        return services;
    }
}
