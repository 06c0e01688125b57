using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace Kinerja.Bench.EmployeeScreens;

/// <summary>
/// One employee's <c>/saya</c> screen: a <see cref="HubConnection"/> to <c>/hubs/employee</c> with the employee's
/// cookie, subscribed to <c>employee:{nip}</c>. Like <c>saya.js</c>, an <c>ActivitiesChanged</c> makes it re-read
/// <c>GET /api/v1/me/activities</c> and <c>GET /api/v1/me</c> in parallel. While an approval is being measured it
/// notes when the hint arrived and when a re-read first showed the activity <c>disetujui</c> (and whether the
/// snapshot's approved minutes had moved in that same re-read).
/// </summary>
public sealed class Screen
{
    private readonly Session _session;
    private readonly string _period;
    private HubConnection? _connection;
    private long _sentAt;          // Stopwatch timestamp of the approval's POST; 0 = nothing measured
    private Guid _activity;
    private int _hinted;
    private int _shown;

    public Screen(Session session, string period)
    {
        _session = session;
        _period = period;
    }

    public string Nip => _session.Person.Nip;

    /// <summary>Approved minutes of the current month in the snapshot sent on subscribe.</summary>
    public int MinutesAtStart { get; private set; } = -1;

    public long ActivitiesChangedCount;
    public long SnapshotCount;

    /// <summary>POST sent → <c>ActivitiesChanged</c> received (ms), or null.</summary>
    public double? HintMs { get; private set; }

    /// <summary>POST sent → a re-read showed the activity approved (ms), or null.</summary>
    public double? ShownMs { get; private set; }

    /// <summary>Whether the re-read that showed it approved also had <c>snapshot.activityMinutes</c> above the start.</summary>
    public bool MinutesMoved { get; private set; }

    /// <summary>Re-reads that did not show the activity approved yet.</summary>
    public int EarlyReReads;

    public async Task ConnectAsync(Uri server)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(server, "/hubs/employee"), o =>
            {
                o.Transports = HttpTransportType.WebSockets;
                o.SkipNegotiation = true;
                o.Cookies = _session.Cookies;
            })
            .Build();
        var subscribed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.On<JsonElement>("Snapshot", s =>
        {
            Interlocked.Increment(ref SnapshotCount);
            if (MinutesAtStart < 0)
            {
                MinutesAtStart = s.GetProperty("activityMinutes").GetInt32();
            }
            subscribed.TrySetResult();
        });
        connection.On<JsonElement>("ActivitiesChanged", change =>
        {
            var now = Stopwatch.GetTimestamp();
            Interlocked.Increment(ref ActivitiesChangedCount);
            var sent = Interlocked.Read(ref _sentAt);
            if (sent == 0)
            {
                return;
            }
            if (Interlocked.Exchange(ref _hinted, 1) == 0)
            {
                HintMs = Stopwatch.GetElapsedTime(sent, now).TotalMilliseconds;
            }
            _ = Task.Run(() => ReReadAsync(sent));
        });
        connection.On<JsonElement>("ReviewQueueChanged", _ => { });
        connection.On<JsonElement>("FeedbackAdded", _ => { });
        connection.On<JsonElement>("SkpChanged", _ => { });
        await connection.StartAsync();
        await connection.InvokeAsync("Subscribe", "employee:" + Nip);
        await Task.WhenAny(subscribed.Task, Task.Delay(TimeSpan.FromSeconds(30)));
        _connection = connection;
    }

    /// <summary>Starts measuring the approval of <paramref name="activity"/>: call just before its POST.</summary>
    public void Arm(Guid activity)
    {
        _activity = activity;
        Interlocked.Exchange(ref _sentAt, Stopwatch.GetTimestamp());
    }

    private async Task ReReadAsync(long sent)
    {
        if (Volatile.Read(ref _shown) == 1)
        {
            return;
        }
        try
        {
            var activities = _session.Client.GetStringAsync("/api/v1/me/activities?period=" + _period);
            var me = _session.Client.GetStringAsync("/api/v1/me");
            using var list = JsonDocument.Parse(await activities);
            using var meDoc = JsonDocument.Parse(await me);
            var approved = list.RootElement.GetProperty("activities").EnumerateArray()
                .Any(a => a.GetProperty("eventId").GetGuid() == _activity && a.GetProperty("state").GetString() == "disetujui");
            if (!approved)
            {
                Interlocked.Increment(ref EarlyReReads);
                return;
            }
            if (Interlocked.Exchange(ref _shown, 1) == 0)
            {
                ShownMs = Stopwatch.GetElapsedTime(sent).TotalMilliseconds;
                MinutesMoved = meDoc.RootElement.GetProperty("snapshot").GetProperty("activityMinutes").GetInt32() > MinutesAtStart;
            }
        }
        catch (HttpRequestException)
        {
            Interlocked.Increment(ref EarlyReReads);
        }
    }

    public async Task DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }
    }
}
