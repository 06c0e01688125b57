using Kinerja.Dashboard.Cli;
using Kinerja.Dashboard.Hosting;

if (CliCommands.IsCommand(args))
{
    return await CliCommands.RunAsync(args);
}

var builder = WebApplication.CreateBuilder(ContentRoot.WebOptions(args));
return await StartupGuard.RunAsync(builder.Configuration, async () =>
{
    await builder.AddKinerjaAsync();
    builder.AddQuietHostStart();
    var app = builder.Build();
    app.EndQuietHostStart();
    await app.InitializeKinerjaAsync();
    app.MapKinerja();
    await app.RunAsync();
});

/// <summary>Entry point type, public for WebApplicationFactory in tests.</summary>
public partial class Program;
