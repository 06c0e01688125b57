using System.Runtime.InteropServices;
using Kinerja.Bench.Soak;

// Soak bench (issue 8): the Release server as a child process, a steady mixed load for --minutes
// (ingest --rate events/s, --clients SignalR screens, a rule publish every --publish-every minutes),
// figures per minute, then an exactly-once check of every acked event and a memory-trend verdict.
//   dotnet build -c Release src/Dashboard bench/Soak && dotnet bench/Soak/bin/Release/net10.0/Soak.dll [--minutes 30] [--rate 5000] [--clients 500]
var options = SoakOptions.Parse(args);
using var stop = new CancellationTokenSource();
void Stop(PosixSignalContext context)
{
    if (!stop.IsCancellationRequested)
    {
        context.Cancel = true; // unwind: stop the load, then the server (SIGTERM) and its PostgreSQL
        Console.Error.WriteLine($"{context.Signal}: stopping the load and the server (again to abort at once)");
        stop.Cancel();
    }
}
using var onInt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var onTerm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
return await SoakRun.RunAsync(options, stop.Token);
