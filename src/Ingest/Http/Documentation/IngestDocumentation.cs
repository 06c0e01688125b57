using Kinerja.Ingest.Streams;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection;

namespace Kinerja.Ingest.Http.Documentation;

/// <summary>Registers what the ingest API adds to an OpenAPI document beyond its endpoint metadata.</summary>
public static class IngestDocumentation
{
    /// <summary>Item and result schemas with the constraints of the ingest contract (see src/Ingest/README.md).</summary>
    public static OpenApiOptions AddIngestSchemas(this OpenApiOptions options) =>
        options.AddSchemaTransformer((schema, context, _) =>
        {
            IngestItemSchemas.Apply(schema, context.JsonTypeInfo.Type,
                context.ApplicationServices.GetRequiredService<IngestStreamRegistry>().All);
            IngestResultSchemas.Apply(schema, context.JsonTypeInfo.Type);
            return Task.CompletedTask;
        });
}
