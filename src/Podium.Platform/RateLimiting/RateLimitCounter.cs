using System.Collections.Concurrent;
using Podium.Platform.Redis;
using StackExchange.Redis;

namespace Podium.Platform.RateLimiting;

internal readonly record struct RateLimitDecision(bool Allowed, int Limit, int Remaining, TimeSpan ResetAfter);

/// <summary>Fixed-window counting, in Redis when it answers (one limit for the cluster), else in this process.</summary>
internal sealed class RateLimitCounter(RedisConnection redis, TimeProvider time)
{
    // INCR, start the window's expiry on the first hit, and read what is left of it, atomically: two instances hitting
    // the same key at once can never both see the last permit. A key that somehow lost its expiry gets it back.
    private const string Script = """
        local count = redis.call('INCR', KEYS[1])
        if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
        local ttl = redis.call('PTTL', KEYS[1])
        if ttl < 0 then
          redis.call('PEXPIRE', KEYS[1], ARGV[1])
          ttl = tonumber(ARGV[1])
        end
        return { count, ttl }
        """;

    private const int SweepThreshold = 10_000;
    private readonly ConcurrentDictionary<string, Window> _local = new(StringComparer.Ordinal);
    private long _lastSweep;

    public async ValueTask<RateLimitDecision> HitAsync(string policy, string partition, RateLimitPolicyOptions limit)
    {
        var key = $"rl:{policy}:{partition}";
        var (answered, result) = await redis.TryAsync(database => database.ScriptEvaluateAsync(Script, [redis.Key(key)], [(long)limit.Window.TotalMilliseconds]));
        if (answered)
        {
            var counts = (RedisResult[])result!;
            return Decide(limit.PermitLimit, (long)counts[0], TimeSpan.FromMilliseconds((long)counts[1]));
        }

        // Fail local, not open: Redis down, frozen or slow (at most RedisOptions.RequestTimeoutMs, then at once while its
        // circuit is open), each instance counts alone, as it does without Redis at all. The limit still holds, per
        // instance: an outage neither refuses callers nor lets a flood through.
        return HitLocally(key, limit);
    }

    private RateLimitDecision HitLocally(string key, RateLimitPolicyOptions limit)
    {
        var now = time.GetTimestamp();
        SweepIfLarge(now);
        var window = _local.GetOrAdd(key, static (_, start) => new Window(start), now);
        long count;
        TimeSpan resetAfter;
        lock (window)
        {
            window.Length = limit.Window;
            if (time.GetElapsedTime(window.Start, now) >= limit.Window)
            {
                window.Start = now;
                window.Count = 0;
            }

            count = ++window.Count;
            resetAfter = limit.Window - time.GetElapsedTime(window.Start, now);
        }

        return Decide(limit.PermitLimit, count, resetAfter);
    }

    private static RateLimitDecision Decide(int permitLimit, long count, TimeSpan resetAfter) =>
        new(count <= permitLimit, permitLimit, (int)Math.Max(0, permitLimit - count), resetAfter < TimeSpan.Zero ? TimeSpan.Zero : resetAfter);

    /// <summary>Forgets windows that ended, so a stream of distinct addresses cannot grow memory without bound.</summary>
    private void SweepIfLarge(long now)
    {
        var last = Interlocked.Read(ref _lastSweep);
        if (_local.Count < SweepThreshold || time.GetElapsedTime(last, now) < TimeSpan.FromSeconds(10)
            || Interlocked.CompareExchange(ref _lastSweep, now, last) != last)
        {
            return;
        }

        foreach (var (key, window) in _local)
        {
            if (time.GetElapsedTime(window.Start, now) >= window.Length)
            {
                _local.TryRemove(key, out _);
            }
        }
    }

    private sealed class Window(long start)
    {
        public long Start { get; set; } = start;

        public long Count { get; set; }

        public TimeSpan Length { get; set; }
    }
}
