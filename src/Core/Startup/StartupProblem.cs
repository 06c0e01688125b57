namespace Kinerja.Core.Startup;

/// <summary>
/// Why one attempt to reach a service failed, in words for the operator (<c>password authentication
/// failed (28P01)</c>), and whether waiting can help (a server still starting) or not (a wrong password).
/// </summary>
public sealed record StartupProblem(string Reason, bool Retryable);
