using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Podium.Platform.Data;
using Podium.Platform.Redis;
using StackExchange.Redis;

namespace Podium.Platform.Leaderboards;

/// <summary>
/// The Redis copy of the boards, for reads: per board a sorted set whose members are the sort key followed by the user
/// id (all scores zero, so Redis orders them by their bytes, exactly as the database orders its rows), a hash from user
/// id to sort key (to find a member), and the version of the database board it matches.
/// </summary>
/// <remarks>
/// Kept current by <see cref="LeaderboardReadModelSync"/> after each commit, patched only when it is at the batch's
/// previous version; otherwise it is dropped and rebuilt from the database (<see cref="RebuildAsync"/>). A read uses it
/// only when its version is at least the database board's (one primary-key read), so it never answers with ranks older
/// than the database's: while it lags, is missing or Redis is unavailable, the database answers.
/// </remarks>
internal sealed partial class LeaderboardReadModel(
    RedisConnection redis, LeaderboardFamilies families, IServiceScopeFactory scopes, TimeProvider time, ILogger<LeaderboardReadModel> logger)
{
    public const string TopicPrefix = "leaderboard";
    private const int BuildChunk = 1000;
    private const int BuildAttempts = 3;
    private static readonly TimeSpan BuildLock = TimeSpan.FromMinutes(5);

    /// <summary>A lag longer than this is not the usual wait for the outbox: the copy missed a change and is rebuilt.</summary>
    internal static readonly TimeSpan MaxLag = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, Task> _builds = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _behindSince = new(StringComparer.Ordinal);

    public bool IsConfigured => redis.IsConfigured;

    private const string ApplyScript = """
        local v = redis.call('GET', KEYS[3])
        if not v then
          if redis.call('EXISTS', KEYS[4]) == 1 then redis.call('SET', KEYS[5], '1', 'PX', 600000) end
          return 0
        end
        v = tonumber(v)
        if v >= tonumber(ARGV[2]) then return 1 end
        if v ~= tonumber(ARGV[1]) or ARGV[3] == 'rebuild' then
          redis.call('DEL', KEYS[1], KEYS[2], KEYS[3])
          return 2
        end
        for i = 4, #ARGV, 2 do
          local uid, sk = ARGV[i], ARGV[i + 1]
          local old = redis.call('HGET', KEYS[2], uid)
          if old then redis.call('ZREM', KEYS[1], old .. uid) end
          if sk == '' then
            redis.call('HDEL', KEYS[2], uid)
          else
            redis.call('ZADD', KEYS[1], 0, sk .. uid)
            redis.call('HSET', KEYS[2], uid, sk)
          end
        end
        redis.call('SET', KEYS[3], ARGV[2])
        return 3
        """;

    private const string FinishBuildScript = """
        if redis.call('GET', KEYS[4]) ~= ARGV[1] then
          redis.call('DEL', KEYS[6], KEYS[7])
          return 0
        end
        redis.call('DEL', KEYS[4])
        if redis.call('EXISTS', KEYS[3]) == 1 then
          redis.call('DEL', KEYS[6], KEYS[7])
          return 1
        end
        if redis.call('EXISTS', KEYS[5]) == 1 then
          redis.call('DEL', KEYS[5], KEYS[6], KEYS[7])
          return 2
        end
        if redis.call('EXISTS', KEYS[6]) == 1 then redis.call('RENAME', KEYS[6], KEYS[1]) else redis.call('DEL', KEYS[1]) end
        if redis.call('EXISTS', KEYS[7]) == 1 then redis.call('RENAME', KEYS[7], KEYS[2]) else redis.call('DEL', KEYS[2]) end
        redis.call('SET', KEYS[3], ARGV[2])
        return 3
        """;

    private const string StandingScript = """
        local v = redis.call('GET', KEYS[3])
        if not v then return false end
        local total = redis.call('ZCARD', KEYS[1])
        local sk = redis.call('HGET', KEYS[2], ARGV[1])
        if not sk then return {v, total} end
        local pos = redis.call('ZRANK', KEYS[1], sk .. ARGV[1])
        local n = tonumber(ARGV[2])
        local from = pos - n
        if from < 0 then from = 0 end
        local items = redis.call('ZRANGE', KEYS[1], from, pos + n)
        local better = redis.call('ZLEXCOUNT', KEYS[1], '-', '(' .. string.sub(items[1], 1, tonumber(ARGV[3])))
        return {v, total, pos, from, better, unpack(items)}
        """;

    private const string PageScript = """
        local v = redis.call('GET', KEYS[2])
        if not v then return false end
        local total = redis.call('ZCARD', KEYS[1])
        local items = redis.call('ZRANGE', KEYS[1], ARGV[1], ARGV[2])
        if #items == 0 then return {v, total, 0} end
        local better = redis.call('ZLEXCOUNT', KEYS[1], '-', '(' .. string.sub(items[1], 1, tonumber(ARGV[3])))
        return {v, total, better, unpack(items)}
        """;

    private RedisKey Set(string board) => redis.Key($"lb:{{{board}}}:z");

    private RedisKey Members(string board) => redis.Key($"lb:{{{board}}}:h");

    private RedisKey Version(string board) => redis.Key($"lb:{{{board}}}:v");

    private RedisKey BuildLockKey(string board) => redis.Key($"lb:{{{board}}}:build");

    private RedisKey Dirty(string board) => redis.Key($"lb:{{{board}}}:dirty");

    /// <summary>Patches the copy with a committed batch. Throws when Redis is unavailable, so the outbox tries again.</summary>
    public async Task ApplyAsync(LeaderboardChanged changed, CancellationToken cancellationToken)
    {
        var database = redis.DatabaseIfAvailable() ?? throw new RedisConnectionException(ConnectionFailureType.UnableToConnect, "Redis is unavailable.");
        var values = new List<RedisValue> { changed.FromVersion, changed.ToVersion, changed.Changes is null ? "rebuild" : "patch" };
        foreach (var change in changed.Changes ?? [])
        {
            values.Add(UserBytes(change.UserId));
            values.Add(change.SortKey ?? []);
        }

        var outcome = (int)await database.ScriptEvaluateAsync(
            ApplyScript, [Set(changed.Board), Members(changed.Board), Version(changed.Board), BuildLockKey(changed.Board), Dirty(changed.Board)], [.. values]);
        if (outcome == 2)
        {
            LogDropped(logger, changed.Board, changed.ToVersion);
        }
    }

    /// <summary>
    /// A page from the copy, or null when it cannot answer for <paramref name="committedVersion"/> (missing, behind,
    /// Redis unavailable): the caller reads the database.
    /// </summary>
    public async Task<LeaderboardPage?> TryGetPageAsync(string board, long committedVersion, int page, int pageSize)
    {
        var family = families.For(board);
        var keyLength = family.Components.Count * SortKey.ComponentBytes;
        var start = ((long)page - 1) * pageSize;
        var (answered, result) = await redis.TryAsync(db => db.ScriptEvaluateAsync(PageScript, [Set(board), Version(board)], [start, start + pageSize - 1, keyLength]));
        if (!answered || !Current(board, result, committedVersion, out var parts))
        {
            return null;
        }

        var rows = Rows(family, keyLength, parts, first: 3, startPosition: start, better: (long)parts[2]);
        return new LeaderboardPage(board, page, pageSize, (long)parts[1], rows);
    }

    /// <summary>A member's standing from the copy, or null when the database must answer (see <see cref="TryGetPageAsync"/>).</summary>
    public async Task<LeaderboardStanding?> TryGetStandingAsync(string board, long committedVersion, Guid userId, int neighbours)
    {
        var family = families.For(board);
        var keyLength = family.Components.Count * SortKey.ComponentBytes;
        var (answered, result) = await redis.TryAsync(db =>
            db.ScriptEvaluateAsync(StandingScript, [Set(board), Members(board), Version(board)], [UserBytes(userId), neighbours, keyLength]));
        if (!answered || !Current(board, result, committedVersion, out var parts))
        {
            return null;
        }

        if (parts.Length == 2)
        {
            return new LeaderboardStanding(board, (long)parts[1], null, [], []);
        }

        var position = (long)parts[2];
        var from = (long)parts[3];
        var rows = Rows(family, keyLength, parts, first: 5, startPosition: from, better: (long)parts[4]);
        var mine = (int)(position - from);
        return new LeaderboardStanding(board, (long)parts[1], rows[mine], [.. rows.Take(mine)], [.. rows.Skip(mine + 1)]);
    }

    /// <summary>Ranks along a run of members: the first from the count of better scores, the rest from the one before.</summary>
    private static List<LeaderboardRow> Rows(LeaderboardFamily family, int keyLength, RedisResult[] parts, int first, long startPosition, long better)
    {
        var rows = new List<LeaderboardRow>(parts.Length - first);
        byte[]? previous = null;
        for (var i = first; i < parts.Length; i++)
        {
            var member = (byte[])parts[i]!;
            var key = member[..keyLength];
            var rank = previous is null ? better + 1 : SortKey.Compare(key, previous) == 0 ? rows[^1].Rank : startPosition + (i - first) + 1;
            rows.Add(new LeaderboardRow(rank, new Guid(member.AsSpan(keyLength), bigEndian: true), SortKey.Decode(family, key)));
            previous = key;
        }

        return rows;
    }

    private bool Current(string board, RedisResult result, long committedVersion, out RedisResult[] parts)
    {
        parts = [];
        if (result.IsNull)
        {
            if (committedVersion > 0)
            {
                RequestRebuild(board);
            }

            return false;
        }

        parts = (RedisResult[])result!;
        if ((long)parts[0] >= committedVersion)
        {
            _behindSince.TryRemove(board, out _);
            return true;
        }

        // Behind: normally the outbox has not delivered the last batch yet. Behind for long, it missed one.
        var since = _behindSince.GetOrAdd(board, _ => time.GetTimestamp());
        if (time.GetElapsedTime(since) > MaxLag && _behindSince.TryRemove(board, out _))
        {
            _ = DropAndRebuildAsync(board);
        }

        return false;
    }

    private async Task DropAndRebuildAsync(string board)
    {
        if ((await redis.TryAsync(db => db.KeyDeleteAsync([Set(board), Members(board), Version(board)]))).Answered)
        {
            RequestRebuild(board);
        }
    }

    /// <summary>Starts a rebuild of the board's copy in the background, unless one is running in this process.</summary>
    public void RequestRebuild(string board)
    {
        var started = false;
        var build = _builds.GetOrAdd(board, b =>
        {
            started = true;
            return Task.Run(async () =>
            {
                try
                {
                    await RebuildAsync(b, CancellationToken.None);
                }
                catch (Exception ex) when (ex is RedisException or TimeoutException or DbException)
                {
                    LogBuildFailed(logger, ex, b);
                }
            });
        });
        if (started)
        {
            _ = build.ContinueWith(_ => _builds.TryRemove(board, out Task? _), TaskScheduler.Default);
        }
    }

    /// <summary>
    /// Copies the board from the database into Redis: into new keys, swapped in at the end, so readers never see half
    /// of it. One instance builds a board at a time (a lock in Redis). A batch committed meanwhile makes the build
    /// untrustworthy (it may hold scores from before or after it), so it is thrown away and done again.
    /// </summary>
    /// <returns>True when the copy is in place (built now or by someone else), false when it could not be.</returns>
    public async Task<bool> RebuildAsync(string board, CancellationToken cancellationToken)
    {
        var family = families.For(board);
        var database = redis.DatabaseIfAvailable();
        if (database is null)
        {
            return false;
        }

        var temporarySet = redis.Key($"lb:{{{board}}}:z:build");
        var temporaryMembers = redis.Key($"lb:{{{board}}}:h:build");
        for (var attempt = 0; attempt < BuildAttempts; attempt++)
        {
            var token = Guid.NewGuid().ToString("N");
            if (!await database.StringSetAsync(BuildLockKey(board), token, BuildLock, When.NotExists))
            {
                return false;
            }

            await database.KeyDeleteAsync([Dirty(board), temporarySet, temporaryMembers]);
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PodiumDbContext>();
            var store = scope.ServiceProvider.GetRequiredService<LeaderboardStore>();
            var (version, _) = await store.VersionAsync(board, cancellationToken);
            var pending = new List<Task>();
            var members = new List<SortedSetEntry>(BuildChunk);
            var keys = new List<HashEntry>(BuildChunk);
            async Task FlushAsync()
            {
                if (members.Count > 0)
                {
                    pending.Add(database.SortedSetAddAsync(temporarySet, [.. members]));
                    pending.Add(database.HashSetAsync(temporaryMembers, [.. keys]));
                    members.Clear();
                    keys.Clear();
                }

                if (pending.Count >= 64)
                {
                    await Task.WhenAll(pending);
                    pending.Clear();
                }
            }

            // One statement: one consistent snapshot of the board on both databases.
            await foreach (var entry in db.Set<LeaderboardEntry>().AsNoTracking().Where(e => e.BoardKey == board)
                .Select(e => new { e.UserId, e.SortKey }).AsAsyncEnumerable().WithCancellation(cancellationToken))
            {
                var user = UserBytes(entry.UserId);
                members.Add(new SortedSetEntry((byte[])[.. entry.SortKey, .. user], 0));
                keys.Add(new HashEntry(user, entry.SortKey));
                if (members.Count == BuildChunk)
                {
                    await FlushAsync();
                }
            }

            await FlushAsync();
            await Task.WhenAll(pending);
            if ((await store.VersionAsync(board, cancellationToken)).Version != version)
            {
                // A batch committed while we read: the copy may mix before and after.
                await database.KeyDeleteAsync([temporarySet, temporaryMembers, BuildLockKey(board)]);
                continue;
            }

            var outcome = (int)await database.ScriptEvaluateAsync(
                FinishBuildScript,
                [Set(board), Members(board), Version(board), BuildLockKey(board), Dirty(board), temporarySet, temporaryMembers],
                [token, version]);
            if (outcome == 3)
            {
                LogBuilt(logger, board, version);
            }

            if (outcome is 1 or 3)
            {
                return true;
            }

            if (outcome == 0)
            {
                return false;
            }
        }

        return false;
    }

    /// <summary>User ids in Redis are their 16 bytes in RFC order, which sorts as the databases sort them.</summary>
    private static byte[] UserBytes(Guid userId) => userId.ToByteArray(bigEndian: true);

    [LoggerMessage(EventId = 1300, Level = LogLevel.Information, Message = "Leaderboard {Board}: Redis copy rebuilt at version {Version}")]
    private static partial void LogBuilt(ILogger logger, string board, long version);

    [LoggerMessage(EventId = 1301, Level = LogLevel.Warning, Message = "Leaderboard {Board}: Redis copy could not be rebuilt; the database answers meanwhile")]
    private static partial void LogBuildFailed(ILogger logger, Exception exception, string board);

    [LoggerMessage(EventId = 1302, Level = LogLevel.Information, Message = "Leaderboard {Board}: Redis copy was not at the version before {Version} (or the batch was too large to patch); dropped, to be rebuilt")]
    private static partial void LogDropped(ILogger logger, string board, long version);
}
