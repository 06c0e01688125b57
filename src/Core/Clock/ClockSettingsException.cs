namespace Kinerja.Core.Clock;

/// <summary>A <c>Kinerja:Clock</c> setting that cannot be used; the message names the key and the fix.</summary>
public sealed class ClockSettingsException(string message) : Exception(message);
