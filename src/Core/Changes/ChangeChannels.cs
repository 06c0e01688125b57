namespace Kinerja.Core.Changes;

/// <summary>Names of the NOTIFY channels.</summary>
public static class ChangeChannels
{
    /// <summary>Ingest committed events. Payload: <c>{"nips":[...],"units":[...],"regions":[...]}</c>.</summary>
    public const string Events = "kinerja_events";

    /// <summary>A rules version was published or rolled back.</summary>
    public const string Rules = "kinerja_rules";

    /// <summary>New triggers were stored. Payload: <c>{"ids":[...]}</c>.</summary>
    public const string Triggers = "kinerja_triggers";
}
