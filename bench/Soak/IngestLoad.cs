using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Kinerja.Bench.Soak;

/// <summary>One demo employee as the load generator needs it.</summary>
public sealed record Employee(string Nip, int Region);

/// <summary>
/// Open-loop ingest: batch <c>i</c> of <c>BatchSize</c> activity events is due at <c>i × BatchSize / Rate</c> seconds,
/// sent as NDJSON over a few keep-alive connections with the source key; its latency runs from that due time to the
/// 2xx (a batch that waits for a free slot, or is retried after 429/503 + Retry-After, carries the wait). Event ids
/// are <c>{run tag}-{sequence}</c> so the end check can count stored rows per batch from the ids alone.
/// </summary>
public sealed class IngestLoad
{
    private readonly SoakOptions _o;
    private readonly HttpClient _http;
    private readonly WorkloadPlan _plan;
    private readonly int _regions;
    private readonly Timeline _timeline;
    private readonly AckLog _acks;
    private long _rejected;
    private long _sent;

    public IngestLoad(SoakOptions o, Uri baseUri, string sourceKey, WorkloadPlan plan, int regions, Timeline timeline, AckLog acks)
    {
        _o = o;
        _plan = plan;
        _regions = regions;
        _timeline = timeline;
        _acks = acks;
        _http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = o.Connections, PooledConnectionLifetime = TimeSpan.FromHours(2) })
        {
            BaseAddress = baseUri,
            Timeout = TimeSpan.FromMinutes(2),
        };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", sourceKey);
        Batches = Schedule(o);
        Stored = Enumerable.Repeat(-1, Batches).ToArray();
        RunTag = BitConverter.ToUInt64(RandomNumberGenerator.GetBytes(8));
    }

    /// <summary>Batches the schedule of these options holds.</summary>
    public static int Schedule(SoakOptions o) => (int)Math.Ceiling(o.Duration.TotalSeconds * o.Rate / o.BatchSize);

    /// <summary>High 64 bits of every event id of this run.</summary>
    public ulong RunTag { get; }

    /// <summary>Batches the schedule holds for the whole run.</summary>
    public int Batches { get; }

    /// <summary>Per batch: items the server said it stored (accepted + duplicate) in a 2xx; -1 not sent; -2 sent without a 2xx.</summary>
    public int[] Stored { get; }

    public long Sent => Interlocked.Read(ref _sent);

    public long Rejected => Interlocked.Read(ref _rejected);

    public Guid EventId(long sequence) => Guid.Parse(string.Create(CultureInfo.InvariantCulture,
        $"{RunTag >> 32:x8}-{(RunTag >> 16) & 0xFFFF:x4}-{RunTag & 0xFFFF:x4}-{(ulong)sequence >> 48:x4}-{(ulong)sequence & 0xFFFFFFFFFFFF:x12}"));

    /// <summary>Runs the schedule to its end (or cancellation), then waits for the outstanding requests.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        using var slots = new SemaphoreSlim(_o.MaxInFlight);
        var random = new Random(8);
        var pending = new List<Task>();
        var secondsPerBatch = _o.BatchSize / _o.Rate;
        try
        {
            // Batches still unsent when the run's time is up are not sent (reported as "sent of scheduled"): a server
            // slower than the rate shows as lag and latency within the run, never as a longer run.
            for (var i = 0; i < Batches && !ct.IsCancellationRequested && _timeline.Elapsed < _o.Duration; i++)
            {
                var due = TimeSpan.FromSeconds(i * secondsPerBatch);
                var wait = due - _timeline.Elapsed;
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, ct);
                }
                var (body, touched) = Build(i, random);
                await slots.WaitAsync(ct);
                var index = i;
                pending.Add(Task.Run(async () =>
                {
                    try
                    {
                        await SendAsync(index, body, touched, due);
                    }
                    finally
                    {
                        slots.Release();
                    }
                }, CancellationToken.None));
                if (pending.Count > 4096)
                {
                    pending.RemoveAll(t => t.IsCompleted);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        await Task.WhenAll(pending);
    }

    private (byte[] Body, bool[] Touched) Build(int batch, Random random)
    {
        var touched = new bool[_regions];
        var sb = new StringBuilder(_o.BatchSize * 170);
        for (var j = 0; j < _o.BatchSize; j++)
        {
            var sequence = (long)batch * _o.BatchSize + j;
            var e = _plan.EmployeeOf(sequence);
            touched[e.Region] = true;
            var at = _plan.OccurredAt(sequence, random).ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
            sb.Append(CultureInfo.InvariantCulture,
                $"{{\"eventId\":\"{EventId(sequence)}\",\"nip\":\"{e.Nip}\",\"occurredAt\":\"{at}\",\"minutes\":1,\"description\":\"uji beban\"}}\n");
        }
        return (Encoding.UTF8.GetBytes(sb.ToString()), touched);
    }

    private async Task SendAsync(int index, byte[] body, bool[] touched, TimeSpan due)
    {
        Interlocked.Add(ref _sent, _o.BatchSize);
        Stored[index] = -2;
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                var sentAt = _timeline.Elapsed;
                var content = new ByteArrayContent(body);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
                using var response = await _http.PostAsync("/api/v1/activities", content);
                if (response.StatusCode is HttpStatusCode.ServiceUnavailable or HttpStatusCode.TooManyRequests && attempt < 60)
                {
                    Interlocked.Increment(ref _timeline.Now.Retries);
                    await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1));
                    continue;
                }
                if (!response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref _timeline.Now.FailedRequests);
                    Console.Error.WriteLine($"batch {index}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                    return;
                }
                using var doc = JsonDocument.Parse(await response.Content.ReadAsStreamAsync());
                var stored = doc.RootElement.GetProperty("accepted").GetInt32() + doc.RootElement.GetProperty("duplicates").GetInt32();
                var rejected = doc.RootElement.GetProperty("rejected").GetInt32();
                _acks.Acked(touched);
                var latency = (_timeline.Elapsed - due).TotalMilliseconds;
                var minute = _timeline.Now;
                minute.Ack.Add(latency);
                minute.Service.Add((_timeline.Elapsed - sentAt).TotalMilliseconds);
                _timeline.AckAll.Add(latency);
                Interlocked.Add(ref minute.EventsAcked, stored);
                Interlocked.Increment(ref minute.Requests);
                Stored[index] = stored;
                _plan.Acked((long)index * _o.BatchSize, _o.BatchSize);
                Interlocked.Add(ref minute.Rejected, rejected);
                if (rejected > 0 && Interlocked.Add(ref _rejected, rejected) == rejected)
                {
                    // the first rejected item in full, the rest counted (per minute in the table, the total in the report)
                    var first = doc.RootElement.GetProperty("items").EnumerateArray()
                        .FirstOrDefault(i => i.GetProperty("status").GetString() == "rejected");
                    Console.Error.WriteLine($"batch {index}: {rejected} rejected, the first: {(first.ValueKind == JsonValueKind.Undefined ? "(no item marked rejected)" : first.GetRawText())}");
                }
                return;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
            {
                // No answer: the batch may or may not be stored; the end check reports such rows as "unacked but stored".
                Interlocked.Increment(ref _timeline.Now.FailedRequests);
                Console.Error.WriteLine($"batch {index}: {ex.GetType().Name}: {ex.Message}");
                return;
            }
        }
    }
}
