using Kinerja.Bench.Fanout;

// Fan-out bench (issue 6): 1,000 SignalR screens across 5 regions while events arrive at 1,000/s,
// then a bare SignalR broadcast of same-sized messages to the same number of clients as baseline.
//   dotnet run -c Release --project bench/Fanout -- [--clients 1000] [--rate 1000] [--seconds 20]
// Internal mode: `serve-bare --urls URL` (the baseline server, started by the bench itself).
if (args.Contains("serve-bare"))
{
    await BareServer.RunAsync(args);
    return 0;
}
var options = BenchOptions.Parse(args);
return await Bench.RunAsync(options);
