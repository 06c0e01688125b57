using Microsoft.AspNetCore.OpenApi;

namespace Kinerja.Ingest.Http.Documentation;

/// <summary>Registers what the ingest API adds to an OpenAPI document beyond its endpoint metadata.</summary>
public static class IngestDocumentation
{
    /// <summary>Item and result schemas with the constraints of the ingest contract (see src/Ingest/README.md).</summary>
    public static OpenApiOptions AddIngestSchemas(this OpenApiOptions options) =>
        options.AddSchemaTransformer((schema, context, _) =>
        {
            IngestItemSchemas.Apply(schema, context.JsonTypeInfo.Type);
            IngestResultSchemas.Apply(schema, context.JsonTypeInfo.Type);
            return Task.CompletedTask;
        });
}
