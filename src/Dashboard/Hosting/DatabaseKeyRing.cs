using System.Xml.Linq;
using Dapper;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Npgsql;

namespace Kinerja.Dashboard.Hosting;

/// <summary>
/// The data protection key ring in PostgreSQL (<c>data_protection_key</c>), so every process of a
/// deployment protects and reads sign-in and antiforgery cookies with the same keys: a screen signed
/// in on one dashboard instance stays signed in on the others, and keys survive redeploys.
/// </summary>
internal sealed class DatabaseKeyRing(NpgsqlDataSource db) : IXmlRepository
{
    // IXmlRepository is synchronous: the framework calls it rarely (start, key roll-over, cache refresh).
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var conn = db.OpenConnection();
        return conn.Query<string>("""
            select xml from data_protection_key order by id
            """).Select(x => XElement.Parse(x)).ToArray();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var conn = db.OpenConnection();
        conn.Execute("""
            insert into data_protection_key (friendly_name, xml) values (@friendlyName, @xml)
            """, new { friendlyName, xml = element.ToString(SaveOptions.DisableFormatting) });
    }
}

/// <summary>
/// <c>Kinerja:KeyRing</c>: <c>database</c> (the default on an external PostgreSQL, where several processes
/// may serve one deployment) or <c>local</c> (the framework's per-machine folder; the default on the
/// embedded cluster, as before).
/// </summary>
public static class KeyRingRegistration
{
    public const string Key = "Kinerja:KeyRing";

    public static void AddKinerjaKeyRing(this IServiceCollection services, IConfiguration configuration, bool embedded)
    {
        var mode = configuration[Key]?.Trim().ToLowerInvariant() ?? (embedded ? "local" : "database");
        if (mode is not ("database" or "local"))
        {
            throw new InvalidOperationException($"{Key} must be 'database' or 'local', not '{configuration[Key]}'.");
        }
        if (mode == "local")
        {
            return;
        }
        // One application name for every process, whatever its content root, so they share purposes.
        services.AddDataProtection().SetApplicationName("Kinerja");
        services.AddSingleton<DatabaseKeyRing>();
        services.AddOptions<KeyManagementOptions>()
            .Configure<DatabaseKeyRing>((o, ring) => o.XmlRepository = ring);
    }
}
