using System.Security.Claims;
using Kinerja.Core.Skp;
using Kinerja.Dashboard.Access;
using Kinerja.Dashboard.Skp;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Kinerja.Dashboard.Apis;

/// <summary>
/// Evidence files (bukti dukung) of SKP realisations (issue 17): <c>POST /api/v1/me/skp/realisations/{eventId}/evidence</c>
/// (multipart, one file; size and type limits from <see cref="SkpOptions"/>, the type judged by the content; a stored
/// file pushes <c>SkpChanged</c> to the employee and the direct superior) and
/// <c>GET /api/v1/skp/evidence/{id}</c> (the employee, the direct superior, and HR: sdm and admin, who read every region;
/// always as an attachment with a generated name).
/// </summary>
public static class SkpEvidenceApi
{
    /// <summary>Room for the multipart framing around the file.</summary>
    private const long MultipartOverhead = 64 * 1024;

    public static RouteGroupBuilder MapMeSkpEvidence(this RouteGroupBuilder group)
    {
        group.MapPost("/realisations/{eventId}/evidence", Upload).WithName("UploadMySkpEvidence")
            .WithSummary("Attaches one evidence file (multipart field 'file': PDF, PNG or JPEG by content, at most Kinerja:Skp:EvidenceMaxBytes) " +
                         "to my realisation filed with eventId.")
            .WithMetadata(new BodyLimitMetadata(null)).DisableAntiforgery()
            .Produces<SkpEvidenceView>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        return group;
    }

    public static IEndpointRouteBuilder MapSkpEvidenceDownload(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/skp/evidence/{id:long}", Download).WithTags("SKP").WithName("GetSkpEvidence")
            .RequireAuthorization(Policies.EmployeeOrHr)
            .WithSummary("Downloads an evidence file: for the employee, their direct superior and HR (sdm, admin) only; always an attachment.")
            .Produces(StatusCodes.Status200OK, contentType: "application/octet-stream").ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    public static async Task<IResult> Upload(HttpContext ctx, ClaimsPrincipal user, string eventId, TeamScope team, SkpEvidenceStore store,
        IOptions<SkpOptions> options, TimeProvider time, ILoggerFactory logs)
    {
        var ct = ctx.RequestAborted;
        var (me, problem) = await EmployeeSession.ResolveAsync(user, team, ct);
        if (me is null)
        {
            return problem!;
        }
        var max = options.Value.EvidenceMaxBytes;
        if (!ctx.Request.HasFormContentType)
        {
            return Problem(StatusCodes.Status415UnsupportedMediaType, "Unsupported content type",
                $"Send multipart/form-data with one file in the field 'file'; got '{ctx.Request.ContentType ?? "none"}'.");
        }
        if (ctx.Request.ContentLength > max + MultipartOverhead)
        {
            return TooLarge(max);
        }
        if (ctx.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = max + MultipartOverhead;
        }
        // the product's form limits are for small forms (1 MiB): this form is one file of up to the evidence limit
        ctx.Features.Set<IFormFeature>(new FormFeature(ctx.Request, new FormOptions
        {
            MultipartBodyLengthLimit = max + MultipartOverhead, ValueCountLimit = 8, KeyLengthLimit = 256, ValueLengthLimit = 4096,
        }));
        IFormCollection form;
        try
        {
            form = await ctx.Request.ReadFormAsync(ct);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge(max);
        }
        catch (InvalidDataException ex) when (ex.Message.Contains("body length limit", StringComparison.OrdinalIgnoreCase))
        {
            return TooLarge(max);
        }
        catch (Exception ex) when (ex is InvalidDataException or BadHttpRequestException)
        {
            return Problem(StatusCodes.Status400BadRequest, "Unreadable body", "The multipart body could not be read: " + ex.Message);
        }
        if (form.Files.Count != 1)
        {
            return Problem(StatusCodes.Status400BadRequest, "One file", $"Send exactly one file (field 'file'); got {form.Files.Count}.");
        }
        var file = form.Files[0];
        if (file.Length == 0)
        {
            return Problem(StatusCodes.Status400BadRequest, "Empty file", "The evidence file is empty.");
        }
        if (file.Length > max)
        {
            return TooLarge(max);
        }
        var content = new byte[file.Length];
        await using (var stream = file.OpenReadStream())
        {
            await stream.ReadExactlyAsync(content, ct);
        }
        var type = SkpEvidenceType.Sniff(content);
        if (type is null || !options.Value.EvidenceTypes.Contains(type))
        {
            return Problem(StatusCodes.Status415UnsupportedMediaType, "Evidence type not allowed",
                $"The file's content is {(type is null ? "not a recognised type" : type)}; allowed are " +
                $"{string.Join(", ", options.Value.EvidenceTypes)} (judged by the content, not the file name).");
        }
        var (result, evidence) = await store.AttachAsync(me.Nip, eventId, type, content, options.Value.EvidencePerRealisation, ct);
        if (result == SkpEvidenceStore.AttachResult.Stored)
        {
            // the superior's /tim shows the evidence links of the realisation: it re-reads on SkpChanged like the employee's /saya
            var owner = await SkpAnswers.OwnerAsync(me, team, ct);
            await SkpPush.AfterCommitAsync(ctx.RequestServices, me.Nip, owner.SuperiorNip, time, logs.CreateLogger(typeof(SkpEvidenceApi)));
        }
        return result switch
        {
            SkpEvidenceStore.AttachResult.Stored => TypedResults.Json(evidence, EmployeeJson.Options, statusCode: StatusCodes.Status201Created),
            SkpEvidenceStore.AttachResult.Full => Problem(StatusCodes.Status409Conflict, "Too many files",
                $"Realisation {eventId} already has {options.Value.EvidencePerRealisation} evidence files."),
            _ => Problem(StatusCodes.Status404NotFound, "Not found", $"You have no realisation with the eventId '{eventId}'."),
        };
    }

    public static async Task<IResult> Download(HttpContext ctx, ClaimsPrincipal user, long id, TeamScope team, RegionAccess access,
        SkpEvidenceStore store)
    {
        var ct = ctx.RequestAborted;
        var found = await store.FindAsync(id, ct);
        var viewer = await access.CurrentUserAsync(user, ct);
        var allowed = found is { } f && viewer is not null && viewer.Role switch
        {
            AccessRoles.Sdm or AccessRoles.Admin => true,
            AccessRoles.Pegawai => viewer.Nip is { } own && (own == f.Nip || await team.IsDirectReportAsync(own, f.Nip, ct)),
            _ => false,
        };
        // the same answer for a file that does not exist and one the viewer may not read: no probing
        if (!allowed)
        {
            return Problem(StatusCodes.Status404NotFound, "Not found", $"No evidence file {id} that you may read.");
        }
        var (_, contentType, content) = found!.Value;
        ctx.Response.Headers.XContentTypeOptions = "nosniff";
        return TypedResults.File(content, contentType, $"bukti-{id}.{SkpEvidenceType.Extension(contentType)}");
    }

    private static IResult TooLarge(long max) => Problem(StatusCodes.Status413PayloadTooLarge, "Evidence file too large",
        $"An evidence file is at most {max} bytes (Kinerja:Skp:EvidenceMaxBytes).");

    private static IResult Problem(int status, string title, string detail) => TypedResults.Problem(title: title, detail: detail, statusCode: status);
}
