using System.Diagnostics;

namespace Kinerja.Rules.Safety;

/// <summary>
/// The time and allocation budget of the snapshot being evaluated on this thread. Compiled rules call
/// <see cref="Tick"/> in every lambda body (loop iteration) and <see cref="EnterRule"/> at each rule's entry; a
/// tick costs a decrement of the thread's <see cref="State"/> (the evaluator gets it from <see cref="BeginSnapshot"/>
/// and hands it to each workflow delegate, which passes it to every rule entry: no thread-local storage per rule), and every
/// <see cref="TicksPerCheck"/> ticks the clock and
/// <see cref="GC.GetAllocatedBytesForCurrentThread"/> are compared with the budget. Over budget, the running rule
/// throws <see cref="RuleBudgetExceededException"/> and keeps throwing at every tick until the next rule starts,
/// so no catch inside the rule can swallow it; the evaluator reads <see cref="TakeTrips"/> after each workflow
/// and disables the rules that tripped. Outside an evaluation (no <see cref="BeginSnapshot"/>) nothing is limited.
/// </summary>
internal static class EvaluationBudget
{
    public const int TicksPerCheck = 256;

    [ThreadStatic] private static State? t_state;

    /// <summary>The budget of this thread's snapshot: one per thread, reused for every snapshot it evaluates.</summary>
    internal sealed class State
    {
        /// <summary>Ticks left until the clock and allocation counter are read again (0 after a trip).</summary>
        public int Countdown = TicksPerCheck;
        public RuleLimits Limits = RuleLimits.Default;
        public long SnapshotDeadline = long.MaxValue;
        public BatchClock Batch = BatchClock.None;
        public long AllocationStart;
        public int Rule = -1;
        public RuleBudgetExceededException? Tripped;
        public readonly List<(int Rule, RuleBudgetExceededException Error)> Trips = [];
    }

    private static long Ticks(double ms) => (long)(ms * Stopwatch.Frequency / 1000);

    /// <summary>The clock of a batch of <paramref name="snapshots"/> starting now.</summary>
    public static BatchClock StartBatch(RuleLimits limits, int snapshots) =>
        new(Stopwatch.GetTimestamp() + Ticks(limits.BatchTimeBudgetMs + snapshots * (double)limits.BatchTimePerSnapshotMicros / 1000));

    /// <summary>
    /// Starts the budget of one snapshot on this thread (of <paramref name="batch"/>, shared by the batch's workers);
    /// returns the thread's state, for <see cref="EnterWorkflow"/>, <see cref="TakeTrips"/> and the rule entries.
    /// </summary>
    public static State BeginSnapshot(RuleLimits limits, BatchClock batch)
    {
        var s = t_state ??= new State();
        s.Limits = limits;
        s.SnapshotDeadline = Stopwatch.GetTimestamp() + Ticks(limits.SnapshotTimeBudgetMs);
        s.Batch = batch;
        s.AllocationStart = GC.GetAllocatedBytesForCurrentThread();
        s.Rule = -1;
        s.Tripped = null;
        s.Trips.Clear();
        s.Countdown = TicksPerCheck;
        return s;
    }

    /// <summary>Ends the snapshot: later code on this thread is not limited.</summary>
    public static void EndSnapshot()
    {
        if (t_state is { } s)
        {
            s.SnapshotDeadline = long.MaxValue;
            s.Batch = BatchClock.None;
            s.AllocationStart = long.MaxValue / 2;
            s.Tripped = null;
        }
    }

    /// <summary>Before a workflow's delegate runs: trips until the first rule entry belong to its GlobalParams (rule -1).</summary>
    public static void EnterWorkflow(State state) => state.Rule = -1;

    /// <summary>
    /// Rule entry, with the thread's <paramref name="state"/> (null outside an evaluation: nothing is limited): false when
    /// the rule is disabled (skip it); a fresh budget after another rule tripped.
    /// </summary>
    public static bool EnterRule(State? state, RuleGate gate, int index)
    {
        if (gate.IsDisabled(index))
        {
            return false;
        }
        if (state is null)
        {
            return true;
        }
        state.Rule = index;
        // a trip leaves the countdown at 0, so the fresh budget after it is on the slow path of the tick
        if (--state.Countdown <= 0)
        {
            EnterRuleSlow(state);
        }
        return true;
    }

    private static void EnterRuleSlow(State s)
    {
        if (s.Tripped is not null)
        {
            // the rule that tripped is disabled; the next one gets a fresh budget (this entry is its first tick)
            s.Tripped = null;
            s.SnapshotDeadline = Stopwatch.GetTimestamp() + Ticks(s.Limits.SnapshotTimeBudgetMs);
            s.AllocationStart = GC.GetAllocatedBytesForCurrentThread();
            s.Countdown = TicksPerCheck - 1;
            return;
        }
        Check(s);
    }

    /// <summary>One unit of work (a loop iteration).</summary>
    public static void Tick()
    {
        if (t_state is { } s && --s.Countdown <= 0)
        {
            Check(s);
        }
    }

    /// <summary>Compares clock and allocation with the budget now; throws when over it.</summary>
    public static void Check()
    {
        if (t_state is { } s)
        {
            Check(s);
        }
    }

    private static void Check(State s)
    {
        s.Countdown = TicksPerCheck;
        if (s.Tripped is { } tripped)
        {
            s.Countdown = 0;
            throw tripped;
        }
        var now = Stopwatch.GetTimestamp();
        if (now > s.SnapshotDeadline)
        {
            Trip(s, "SnapshotTimeBudgetMs", $"the rule ran longer than {s.Limits.SnapshotTimeBudgetMs} ms for one snapshot");
        }
        if (now > s.Batch.Deadline)
        {
            // the running rule takes the blame and is disabled; the rest of the batch gets a fresh budget
            s.Batch.Extend(now + Ticks(s.Limits.BatchTimeBudgetMs));
            Trip(s, "BatchTimeBudgetMs", "the rule was running when its batch went over its time budget "
                + $"({s.Limits.BatchTimeBudgetMs} ms + {s.Limits.BatchTimePerSnapshotMicros} µs per snapshot)");
        }
        var allocated = GC.GetAllocatedBytesForCurrentThread() - s.AllocationStart;
        if (allocated > s.Limits.SnapshotAllocationBudgetBytes)
        {
            Trip(s, "SnapshotAllocationBudgetBytes",
                $"the rule allocated more than {s.Limits.SnapshotAllocationBudgetBytes / (1024 * 1024)} MB for one snapshot");
        }
    }

    /// <summary>Refuses a string (or array) of <paramref name="length"/> characters before it is allocated.</summary>
    public static void CheckLength(long length)
    {
        var limits = t_state?.Limits ?? RuleLimits.Default;
        if (length > limits.MaxStringLength)
        {
            var s = t_state;
            var message = $"the rule builds a string of {length} characters, more than the limit of {limits.MaxStringLength}";
            if (s is null)
            {
                throw new RuleBudgetExceededException("MaxStringLength", message + " (Kinerja:Rules:Limits:MaxStringLength)");
            }
            Trip(s, "MaxStringLength", message);
        }
        Check();
    }

    /// <summary>The rules that went over budget since the last call on this thread (rule index, error).</summary>
    public static IReadOnlyList<(int Rule, RuleBudgetExceededException Error)>? TakeTrips(State state)
    {
        if (state.Trips.Count == 0)
        {
            return null;
        }
        var trips = state.Trips.ToArray();
        state.Trips.Clear();
        return trips;
    }

    private static void Trip(State s, string limit, string reason)
    {
        var error = new RuleBudgetExceededException(limit, $"evaluation budget exceeded: {reason} (Kinerja:Rules:Limits:{limit})");
        s.Tripped = error;
        s.Trips.Add((s.Rule, error));
        s.Countdown = 0;
        throw error;
    }
}

/// <summary>The deadline of one batch, shared by the threads evaluating it (Stopwatch timestamp).</summary>
internal sealed class BatchClock(long deadline)
{
    /// <summary>No batch: never runs out.</summary>
    public static readonly BatchClock None = new(long.MaxValue);

    private long _deadline = deadline;

    public long Deadline => Volatile.Read(ref _deadline);

    /// <summary>Moves the deadline (after the rule that ran it out was disabled).</summary>
    public void Extend(long deadline)
    {
        if (!ReferenceEquals(this, None))
        {
            Volatile.Write(ref _deadline, deadline);
        }
    }
}
