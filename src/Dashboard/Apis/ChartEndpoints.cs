using Kinerja.Dashboard.Board;
using Kinerja.Dashboard.Charts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace Kinerja.Dashboard.Apis;

/// <summary>
/// <c>GET /charts/{chartId}.svg|.png</c>: the cached rendering, <c>ETag</c> = version, 304 on a match; on an
/// instance that lacks it, rendered on demand (<see cref="BoardChartSource"/>).
/// </summary>
public static class ChartEndpoints
{
    /// <summary>Maps <c>GET {file}</c> relative to <paramref name="group"/> (the host maps it under <c>/charts</c>).</summary>
    public static RouteGroupBuilder MapChartEndpoints(this RouteGroupBuilder group)
    {
        group.MapGet("/{file}", GetChart)
            .WithName("GetChart")
            .WithSummary("A board chart as SVG or PNG (ETag = chart id and data version).")
            .WithTags("Papan")
            .Produces(StatusCodes.Status200OK, contentType: "image/svg+xml", additionalContentTypes: "image/png")
            .Produces(StatusCodes.Status304NotModified);
        return group;
    }

    public static async Task<Results<ContentHttpResult, FileContentHttpResult, StatusCodeHttpResult, NotFound>> GetChart(
        string file, long? v, HttpContext http, ChartCache charts, BoardChartSource source)
    {
        var dot = file.LastIndexOf('.');
        if (dot <= 0)
        {
            return TypedResults.NotFound();
        }
        var (id, ext) = (file[..dot], file[(dot + 1)..]);
        if (ext is not ("svg" or "png") || await source.GetAsync(id, v, http.RequestAborted) is not { } chart)
        {
            return TypedResults.NotFound();
        }
        var headers = http.Response.GetTypedHeaders();
        headers.ETag = new EntityTagHeaderValue(chart.ETag);
        headers.CacheControl = new CacheControlHeaderValue { Public = true, NoCache = true };
        var ifNoneMatch = http.Request.GetTypedHeaders().IfNoneMatch;
        if (ifNoneMatch.Any(t => t.Tag == chart.ETag || t.Equals(EntityTagHeaderValue.Any)))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }
        if (ext == "svg")
        {
            return TypedResults.Text(chart.Svg, "image/svg+xml; charset=utf-8");
        }
        return TypedResults.File(charts.Png(chart), "image/png", id + ".png");
    }
}
