namespace Podium.Platform.Security;

/// <summary>
/// Which of a stream of repeated security events (requests refused by IP rules, say) get a log line and an audit row:
/// the first of each key (an address) per window, and no more than a budget per window in all. An address hammering
/// away costs one row a minute; many addresses at once (a botnet, or one host rotating through its IPv6 /64) cost at
/// most the budget. Each instance counts for itself. What is not recorded is counted, and the next record says how many.
/// </summary>
internal sealed class SecurityEventThrottle(TimeProvider time)
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    public const int BudgetPerWindow = 30;
    private const int SweepThreshold = 10_000;

    private readonly Dictionary<string, KeyState> _keys = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private DateTimeOffset _budgetWindowStart = time.GetUtcNow();
    private int _budgetSpent;

    /// <summary>Whether to record this event; if so, <paramref name="suppressed"/> is how many were not since the last.</summary>
    public bool ShouldRecord(string key, out long suppressed)
    {
        var now = time.GetUtcNow();
        lock (_lock)
        {
            if (now - _budgetWindowStart >= Window)
            {
                _budgetWindowStart = now;
                _budgetSpent = 0;
                Sweep(now);
            }

            if (!_keys.TryGetValue(key, out var state))
            {
                state = new KeyState();
                _keys[key] = state;
            }

            var due = state.LastRecorded is not { } last || now - last >= Window;
            if (!due || _budgetSpent >= BudgetPerWindow)
            {
                state.Suppressed++;
                suppressed = 0;
                return false;
            }

            _budgetSpent++;
            suppressed = state.Suppressed;
            state.Suppressed = 0;
            state.LastRecorded = now;
            return true;
        }
    }

    /// <summary>Forgets keys quiet for a whole window, so a stream of distinct addresses cannot grow memory without bound.</summary>
    private void Sweep(DateTimeOffset now)
    {
        if (_keys.Count < SweepThreshold)
        {
            return;
        }

        foreach (var (key, state) in _keys.ToList())
        {
            if (state.LastRecorded is not { } last || now - last >= Window)
            {
                _keys.Remove(key);
            }
        }
    }

    private sealed class KeyState
    {
        public DateTimeOffset? LastRecorded { get; set; }

        public long Suppressed { get; set; }
    }
}
