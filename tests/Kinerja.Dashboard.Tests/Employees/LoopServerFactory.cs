using Kinerja.Dashboard.Tests.Access;
using Kinerja.Dashboard.Tests.Infrastructure;
using Kinerja.Testing;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Kinerja.Dashboard.Tests.Employees;

/// <summary>
/// The real server on Kestrel with production sign-in only (as <see cref="EmployeeServerFactory"/>), for the 360
/// ratings and feedback notes: the per-account write limit is raised out of the way unless a subclass says otherwise.
/// </summary>
public class LoopServerFactory : KinerjaAppFactory
{
    private readonly Lock _gate = new();
    private Uri? _baseUri;

    protected override bool TestSignIn => false;

    protected virtual int AccountWritesPerMinute => 10_000;

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Kinerja:Access:LoginAttemptsPerMinute"] = "1000",
        ["Kinerja:Access:AccountWritesPerMinute"] = AccountWritesPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    public Uri BaseUri
    {
        get
        {
            lock (_gate)
            {
                if (_baseUri is null)
                {
                    UseKestrel(0);
                    StartServer();
                    var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
                    _baseUri = new Uri(addresses.Addresses.First().Replace("[::]", "127.0.0.1").Replace("localhost", "127.0.0.1"));
                }
                return _baseUri;
            }
        }
    }
}

/// <summary>Three writes a minute per account, to reach the limit.</summary>
public sealed class TightWritesServerFactory : LoopServerFactory
{
    protected override int AccountWritesPerMinute => 3;
}

/// <summary>Signed-in clients of an <see cref="EmployeeWorld"/>, one sign-in per account and test class.</summary>
public sealed class LoopSessions(LoopServerFactory app, EmployeeWorld world) : IDisposable
{
    private readonly Dictionary<string, FormSignIn> _sessions = [];

    public async Task<FormSignIn> AsAsync(string who)
    {
        if (!_sessions.TryGetValue(who, out var signIn))
        {
            signIn = await FormSignIn.SignInAsync(app.BaseUri, world.Account(who), EmployeeWorld.Password);
            _sessions[who] = signIn;
        }
        return signIn;
    }

    public async Task<HttpClient> ClientAsync(string who) => (await AsAsync(who)).Client;

    public void Dispose()
    {
        foreach (var s in _sessions.Values)
        {
            s.Dispose();
        }
    }
}
