using Kinerja.Ingest.Streams.Writing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Kinerja.Ingest.Streams;

/// <summary>
/// The streams this process writes, as registered with <see cref="IngestStreamRegistration.AddIngestStream"/>:
/// <c>AddKinerjaIngest</c> registers those of <see cref="IngestStreams.All"/>, in that order, and a host (or a test)
/// may add more the same way. The writer takes from it the staging tables of its connections and the partitioned
/// tables whose months it creates. Each stream's typed code (<see cref="IngestStreamHandler"/>: endpoint, import,
/// submission builder) is created here once, in registration order; HTTP, the CLI and in-process callers take it from
/// <see cref="Handlers"/> or <see cref="Of{TItem}"/>. Checked at start: names, item types, tables and registry codes
/// are unique.
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
        Handlers = [.. All.Select(s => s.CreateHandler())];
        _byItem = Handlers.ToDictionary(h => h.Stream.ItemType);
    }

    private readonly Dictionary<Type, IngestStreamHandler> _byItem;

    /// <summary>Every registered stream, in registration order.</summary>
    public IReadOnlyList<IngestStreamDefinition> All { get; }

    /// <summary>The month-partitioned stream tables, in registration order (the order their months are created in).</summary>
    public string[] PartitionedTables { get; }

    /// <summary>The DDL of every staging table (run once per writer connection).</summary>
    public string StagingSql { get; }

    /// <summary>The typed code of every registered stream, created once, in registration order.</summary>
    public IReadOnlyList<IngestStreamHandler> Handlers { get; }

    /// <summary>The typed code of the stream whose items are <typeparamref name="TItem"/>.</summary>
    public IngestStreamHandler<TItem> Of<TItem>() where TItem : class, new() =>
        _byItem.TryGetValue(typeof(TItem), out var handler) ? (IngestStreamHandler<TItem>)handler
            : throw new ArgumentException($"No ingest stream takes items of type {typeof(TItem).Name}.");

    /// <summary>The typed code of the stream with this route / import name (case-sensitive), or null.</summary>
    public IngestStreamHandler? Find(string name) => Handlers.FirstOrDefault(h => h.Stream.Name == name);

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
