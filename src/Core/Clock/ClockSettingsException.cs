using Kinerja.Core.Startup;

namespace Kinerja.Core.Clock;

/// <summary>
/// A <c>Kinerja:Clock</c> setting that cannot be used; the message names the key and the fix. A start-up failure
/// of kind configuration: the server prints it as one line and exits 78.
/// </summary>
public sealed class ClockSettingsException(string message) : StartupFailedException(message, StartupExitCodes.Configuration);
