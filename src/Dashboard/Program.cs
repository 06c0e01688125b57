using Kinerja.Dashboard.Cli;
using Kinerja.Dashboard.Hosting;

if (CliCommands.IsCommand(args))
{
    return await CliCommands.RunAsync(args);
}

var builder = WebApplication.CreateBuilder(ContentRoot.WebOptions(args));
await builder.AddKinerjaAsync();
var app = builder.Build();
await app.InitializeKinerjaAsync();
app.MapKinerja();
await app.RunAsync();
return 0;

/// <summary>Entry point type, public for WebApplicationFactory in tests.</summary>
public partial class Program;
