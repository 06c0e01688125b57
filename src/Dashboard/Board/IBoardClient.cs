namespace Kinerja.Dashboard.Board;

/// <summary>
/// What the server sends to screens over the <c>/hubs/board</c> hub (JSON protocol, camelCase
/// names). This is the contract with the leader boards, public displays and any other client:
/// keep method and field names stable, add fields freely.
/// </summary>
public interface IBoardClient
{
    /// <summary>
    /// The indicator values of one group (<see cref="IndicatorsPayload.Group"/>), sent on subscribe and
    /// then at most a few times per second while data changes, and at least every
    /// <c>Kinerja:Board:RefreshSeconds</c> (so a screen can tell live data from stale). Carries the data
    /// <see cref="IndicatorsPayload.Version"/> and the <see cref="IndicatorsPayload.AsOf"/> timestamp.
    /// Payloads to <c>public:*</c> groups hold unit-level aggregates only, small units suppressed.
    /// </summary>
    Task Indicators(IndicatorsPayload payload);

    /// <summary>
    /// One chart of the group, rendered once per data version on the server (never per screen):
    /// <see cref="ChartPayload.Svg"/> to show, <see cref="ChartPayload.PngUrl"/> to download
    /// (cached with <c>ETag</c> = version).
    /// </summary>
    Task Chart(ChartPayload payload);

    /// <summary>
    /// New rewards, coaching, sanctions and other rule triggers of a region or unit. Sent on subscribe
    /// with the most recent ones (<see cref="TriggerPayload.Initial"/> = true). Never sent to <c>public:*</c>.
    /// </summary>
    Task Trigger(TriggerPayload payload);

    /// <summary>
    /// A hint without figures that an SKP plan, realisation or assessment or a follow-up of the group's region (or unit)
    /// changed: the board's SKP, IKU and follow-up panels, the public IKU and follow-up panel and the SKP monitoring page
    /// re-read their APIs (<c>GET /api/v1/board/units</c>, <c>/api/v1/public/{regionId}/iku</c>,
    /// <c>/api/v1/skp/monitoring</c>). Sent to <c>region:*</c>, <c>unit:*</c> and <c>public:*</c> (it names no person).
    /// </summary>
    Task Panels(PanelsPayload payload);
}
