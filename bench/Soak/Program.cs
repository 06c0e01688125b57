using Kinerja.Bench.Soak;

// Soak bench (issue 8): the Release server as a child process, a steady mixed load for --minutes
// (ingest --rate events/s, --clients SignalR screens, a rule publish every --publish-every minutes),
// figures per minute, then an exactly-once check of every acked event and a memory-trend verdict.
//   dotnet build -c Release src/Dashboard bench/Soak && dotnet bench/Soak/bin/Release/net10.0/Soak.dll [--minutes 30] [--rate 5000] [--clients 500]
var options = SoakOptions.Parse(args);
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    if (!stop.IsCancellationRequested)
    {
        e.Cancel = true; // unwind: stop the load, then the server (SIGTERM) and its PostgreSQL
        Console.Error.WriteLine("Ctrl-C: stopping the load and the server (Ctrl-C again to abort at once)");
        stop.Cancel();
    }
};
return await SoakRun.RunAsync(options, stop.Token);
