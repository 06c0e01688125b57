namespace Kinerja.Embedded;

/// <summary>
/// Settings of the private PostgreSQL cluster started when no <c>ConnectionStrings:Kinerja</c> is
/// configured (section <c>Kinerja:Postgres</c>).
/// </summary>
public sealed class EmbeddedPostgresOptions
{
    public const string Section = "Kinerja:Postgres";

    /// <summary>Cluster data folder; relative paths are under the working directory.</summary>
    public string DataDir { get; set; } = ".kinerja/pg";

    /// <summary>Folder holding <c>initdb</c> and <c>pg_ctl</c>; default: PATH, then <c>/usr/lib/postgresql/*/bin</c>.</summary>
    public string? BinDir { get; set; }

    /// <summary>Unprivileged OS user that runs PostgreSQL when this process runs as root.</summary>
    public string OsUser { get; set; } = "postgres";

    /// <summary>TCP port on 127.0.0.1; 0 picks a free one at each start.</summary>
    public int Port { get; set; }

    /// <summary>Database created in the cluster for the application.</summary>
    public string Database { get; set; } = "kinerja";

    /// <summary>Flush to disk on commit. Only throw-away test clusters turn this off.</summary>
    public bool Durable { get; set; } = true;

    /// <summary>
    /// Whether stopping this instance stops a server it found already running (true for the server,
    /// which takes over after a crash; false for CLI verbs running beside a live server).
    /// </summary>
    public bool StopAdoptedServer { get; set; } = true;

    /// <summary>Extra <c>-c name=value</c> server settings.</summary>
    public Dictionary<string, string> Settings { get; set; } = [];
}
