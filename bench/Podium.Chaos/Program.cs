using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Npgsql;

namespace Podium.Chaos;

/// <summary>
/// The client side of <c>scripts/chaos.sh</c>: a bounded stream of result writes (each with its own Idempotency-Key,
/// retried against the other instance until acknowledged) and a concurrent reader, through two running instances,
/// while the script's faults are set off at fixed points of the stream; then the database and the instances' logs are
/// checked and the report printed. Exit status 0 only when nothing was lost, doubled or answered with a 5xx (besides
/// connection failures of the killed instance, which are not answers).
/// </summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        Options options;
        try
        {
            options = Options.Parse(args);
        }
        catch (ArgumentException e)
        {
            await Console.Error.WriteLineAsync($"chaos driver: {e.Message}");
            return 2;
        }

        var run = new ChaosRun(options);
        try
        {
            return await run.ExecuteAsync();
        }
        catch (ChaosSetupException e)
        {
            await Console.Error.WriteLineAsync($"chaos driver: {e.Message}");
            return 2;
        }
    }
}

internal sealed class ChaosSetupException(string message) : Exception(message);

internal sealed record Options(
    Uri A, Uri B, string Database, string ApiKey, int Writes, int Parallel, int Readers, int RedisDownSeconds,
    double Rate, string FaultCommand, string APidFile, IReadOnlyList<string> Logs, int Season, TimeSpan WriteDeadline, TimeSpan AttemptTimeout)
{
    public static Options Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                throw new ArgumentException($"expected --name value pairs, got '{args[i]}'");
            }

            values[args[i][2..]] = args[i + 1];
        }

        string Get(string name) => values.TryGetValue(name, out var v) ? v : throw new ArgumentException($"--{name} is required");
        int Int(string name, int fallback) => values.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

        var writes = Int("writes", 2000);
        var redisDown = Int("redis-down", 30);

        // Paced so that about 30 % of the stream is sent while Redis is down (the outage starts at 55 % of it);
        // without the pace a fast stream would be over before the outage ends.
        var rate = values.TryGetValue("rate", out var r)
            ? double.Parse(r, CultureInfo.InvariantCulture)
            : Math.Max(1, redisDown > 0 ? writes * 0.3 / redisDown : writes / 30.0);
        var apiKey = Environment.GetEnvironmentVariable("CHAOS_API_KEY") is { Length: > 0 } key
            ? key : throw new ArgumentException("CHAOS_API_KEY (the officer's API key) is not set");
        return new Options(
            new Uri(Get("a")), new Uri(Get("b")), Get("db"), apiKey, writes, Int("parallel", 4), Int("readers", 2), redisDown, rate,
            Get("fault-command"), Get("a-pid-file"), Get("logs").Split(',', StringSplitOptions.RemoveEmptyEntries), Int("season", 2025),
            TimeSpan.FromSeconds(Int("write-deadline", 180)), TimeSpan.FromSeconds(Int("attempt-timeout", 20)));
    }
}

/// <summary>One write of the stream: a bag for (tournament, angler), the same body and key on every attempt.</summary>
internal sealed class Write(int index, Guid tournament, Guid angler)
{
    public int Index { get; } = index;

    public Guid Tournament { get; } = tournament;

    public Guid Angler { get; } = angler;

    public int Fish => 1 + (Index % 3);

    /// <summary>Distinct enough per write that a row written by another write (or not at all) shows.</summary>
    public int TotalWeight => 100 + (int)((Index * 7919L) % 9000);

    public string Key { get; } = $"chaos-{Guid.NewGuid():N}";

    public double Start { get; set; } = double.NaN;

    public double? AckedAt { get; set; }

    public int Attempts { get; set; }

    public bool Replayed { get; set; }

    public string? Rejected { get; set; }

    public string Target => $"tournament:{Tournament:N}/angler:{Angler:N}";

    public string Body => $$"""{"fish":{{Fish}},"totalWeight":{{TotalWeight}},"bigBass":0,"deadFishPenalty":0,"disqualified":false,"buyIn":false}""";
}

internal enum Outcome
{
    Ok,
    ConnectionFailure,
    ServerError,
    InFlight,
    TooMany,
    Refused,
}

/// <summary>One request as the client saw it. Times are seconds since the stream started.</summary>
internal sealed record Attempt(bool IsWrite, string Instance, string What, double Start, double End, Outcome Outcome, int Status, string? Cause, string? TraceId);

internal sealed record FaultWindow(string Name, double Start, double End);

internal sealed class ChaosRun(Options options)
{
    private const string InFlightTitle = "Request with this Idempotency-Key in progress";

    private readonly Stopwatch _clock = new();
    private readonly ConcurrentQueue<Attempt> _attempts = new();
    private readonly List<FaultWindow> _faults = [];
    private readonly Lock _faultLock = new();
    private readonly HttpClient _http = new(new SocketsHttpHandler
    {
        ConnectTimeout = TimeSpan.FromSeconds(3),
        PooledConnectionLifetime = TimeSpan.FromSeconds(30),
        MaxConnectionsPerServer = 64,
    }) { Timeout = Timeout.InfiniteTimeSpan };

    private List<Write> _writes = [];
    private List<Guid> _tournaments = [];
    private List<Guid> _anglers = [];
    private Guid _warmUpTournament;
    private int _acked;
    private int _finished;
    private int _writesInFlightOnA;
    private int _next = -1;

    // Writes may start up to here: the stream is let through one stretch at a time, so that each fault starts while
    // writes are in flight however long the previous one took (a restart under load can take 5 s or 20 s).
    private int _released;
    private double _lastSlot = double.NegativeInfinity;
    private readonly Lock _paceLock = new();

    // Instance A's fault: killed at, serving again at (seconds), to tell its connection failures from anyone else's.
    private double _aKilledAt = double.NaN;
    private double _aLiveAt = double.NaN;

    private double Now => _clock.Elapsed.TotalSeconds;

    public async Task<int> ExecuteAsync()
    {
        await LoadClubAsync();
        Console.WriteLine($"chaos: {_writes.Count} writes over {_tournaments.Count} tournaments, {options.Parallel} in parallel, paced at {options.Rate:0.#}/s; " +
            $"{options.Readers} readers; faults at 15 % (kill -9 A, restart), 35 % (PostgreSQL restart), 55 % (Redis down {options.RedisDownSeconds} s) of the writes acknowledged");

        await WarmUpAsync();
        _clock.Start();
        using var stopReading = new CancellationTokenSource();
        var readers = Enumerable.Range(0, options.Readers).Select(i => Task.Run(() => ReadAsync(i, stopReading.Token))).ToList();
        var faults = Task.Run(InjectFaultsAsync);
        var writers = Enumerable.Range(0, options.Parallel).Select(_ => Task.Run(WriteAsync)).ToList();
        await Task.WhenAll(writers);
        var faultsDone = await faults;
        var streamEnd = Now;
        await stopReading.CancelAsync();
        await Task.WhenAll(readers);

        var check = await CheckDatabaseAsync();
        var logs = ReadLogs();
        return Report(check, logs, streamEnd, faultsDone);
    }

    private async Task LoadClubAsync()
    {
        await using var connection = await OpenAsync();
        var tournaments = new List<(string ImportId, Guid Id)>();
        await using (var command = new NpgsqlCommand("SELECT import_id, id FROM club_tournaments WHERE import_id LIKE 'chaos-t%'", connection))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tournaments.Add((reader.GetString(0), reader.GetGuid(1)));
            }
        }

        var anglers = new List<(string Email, Guid Id)>();
        await using (var command = new NpgsqlCommand("SELECT email, id FROM club_anglers WHERE email LIKE 'angler%@chaos.test'", connection))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                anglers.Add((reader.GetString(0), reader.GetGuid(1)));
            }
        }

        static int Number(string s) => int.Parse(new string([.. s.Where(char.IsDigit)]), CultureInfo.InvariantCulture);
        _tournaments = [.. tournaments.OrderBy(t => Number(t.ImportId)).Select(t => t.Id)];
        var anglerIds = _anglers = [.. anglers.OrderBy(a => Number(a.Email)).Select(a => a.Id)];
        await using (var command = new NpgsqlCommand("SELECT id FROM club_tournaments WHERE import_id = 'chaos-warmup'", connection))
        {
            _warmUpTournament = await command.ExecuteScalarAsync() is Guid id ? id : throw new ChaosSetupException("the club has no chaos-warmup tournament");
        }

        if ((long)_tournaments.Count * anglerIds.Count < options.Writes)
        {
            throw new ChaosSetupException($"the club has {_tournaments.Count} tournaments × {anglerIds.Count} anglers, fewer than {options.Writes} distinct results");
        }

        // Consecutive writes go to different tournaments: each write locks its tournament while it rescores it.
        _writes = [.. Enumerable.Range(0, options.Writes).Select(i => new Write(i, _tournaments[i % _tournaments.Count], anglerIds[i / _tournaments.Count]))];
    }

    /// <summary>
    /// A few writes (to a tournament of their own, outside every check) and reads on each instance first: the first
    /// requests pay for JIT, connection pools and the officer's first sign-in, which is no fault's doing.
    /// </summary>
    private async Task WarmUpAsync()
    {
        var count = Math.Min(16, _anglers.Count);
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = options.Parallel }, async (k, _) =>
        {
            var write = new Write(1_000_000 + k, _warmUpTournament, _anglers[k]);
            for (var attempt = 0; attempt < 10 && (await PutAsync(write, k + attempt)).Outcome != Outcome.Ok; attempt++)
            {
                await Task.Delay(500);
            }
        });
        foreach (var path in new[] { $"/api/v1/club/tournaments/{_warmUpTournament}/results", $"/api/v1/club/standings/{options.Season}", $"/club/standings?season={options.Season}" })
        {
            foreach (var instance in new[] { options.A, options.B })
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(instance, path));
                request.Headers.Add("X-Forwarded-Proto", "https");
                using var response = await _http.SendAsync(request);
            }
        }
    }

    private async Task<NpgsqlConnection> OpenAsync()
    {
        // PostgreSQL was restarted under the pool's feet: a fresh physical connection, retried while it comes back.
        var builder = new NpgsqlConnectionStringBuilder(options.Database) { Pooling = false };
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var connection = new NpgsqlConnection(builder.ConnectionString);
                await connection.OpenAsync();
                return connection;
            }
            catch (NpgsqlException) when (attempt < 30)
            {
                await Task.Delay(1000);
            }
        }
    }

    private Uri Instance(int n) => n % 2 == 0 ? options.A : options.B;

    private static string NameOf(int n) => n % 2 == 0 ? "A" : "B";

    private async Task WriteAsync()
    {
        while (true)
        {
            var i = Interlocked.Increment(ref _next);
            if (i >= _writes.Count)
            {
                return;
            }

            var write = _writes[i];
            while (i >= Volatile.Read(ref _released))
            {
                await Task.Delay(10);
            }

            // Paced from the previous write's slot, not from the stream's start: after a hold there is no burst.
            double slot;
            lock (_paceLock)
            {
                slot = _lastSlot = Math.Max(Now, _lastSlot + (1 / options.Rate));
            }

            if (slot > Now)
            {
                await Task.Delay(TimeSpan.FromSeconds(slot - Now));
            }

            write.Start = Now;
            try
            {
                await SendUntilAcknowledgedAsync(write, i);
            }
            finally
            {
                Interlocked.Increment(ref _finished);
            }
        }
    }

    private async Task SendUntilAcknowledgedAsync(Write write, int i)
    {
        var giveUpAt = write.Start + options.WriteDeadline.TotalSeconds;
        var target = i % 2;
        for (var failures = 0; ; failures++)
        {
            write.Attempts++;
            var attempt = await PutAsync(write, target);
            _attempts.Enqueue(attempt);
            if (attempt.Outcome == Outcome.Ok)
            {
                write.AckedAt = attempt.End;
                Interlocked.Increment(ref _acked);
                break;
            }

            if (attempt.Outcome == Outcome.Refused)
            {
                write.Rejected = $"{attempt.Status} {attempt.Cause}";
                break;
            }

            if (Now >= giveUpAt)
            {
                Console.WriteLine($"chaos: write {i} not acknowledged after {write.Attempts} attempts; last: {attempt.Status} {attempt.Cause}");
                break;
            }

            // The other instance next, after a short, growing pause (jittered, so parallel retries spread out).
            target++;
            var pause = Math.Min(2000, 50 * (1 << Math.Min(failures, 6))) + Random.Shared.Next(50);
            await Task.Delay(pause);
        }
    }

    private async Task<Attempt> PutAsync(Write write, int target)
    {
        var instance = Instance(target);
        var start = Now;
        using var timeout = new CancellationTokenSource(options.AttemptTimeout);
        using var request = new HttpRequestMessage(HttpMethod.Put, new Uri(instance, $"/api/v1/club/tournaments/{write.Tournament}/results/{write.Angler}"))
        {
            Content = new StringContent(write.Body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Api-Key", options.ApiKey);
        request.Headers.Add("Idempotency-Key", write.Key);
        var onA = target % 2 == 0;
        if (onA)
        {
            Interlocked.Increment(ref _writesInFlightOnA);
        }

        try
        {
            using var response = await _http.SendAsync(request, timeout.Token);
            var body = await response.Content.ReadAsStringAsync(timeout.Token);
            var end = Now;
            var status = (int)response.StatusCode;
            var traceId = response.Headers.TryGetValues("X-Trace-Id", out var ids) ? ids.FirstOrDefault() : null;
            if (status == 200)
            {
                write.Replayed |= response.Headers.Contains("Idempotent-Replayed");
                return new Attempt(true, NameOf(target), "PUT result", start, end, Outcome.Ok, status, null, traceId);
            }

            var (title, detail) = Problem(body);
            var outcome = status switch
            {
                >= 500 => Outcome.ServerError,
                409 when title == InFlightTitle => Outcome.InFlight,
                429 => Outcome.TooMany,
                _ => Outcome.Refused,
            };
            return new Attempt(true, NameOf(target), "PUT result", start, end, outcome, status, outcome == Outcome.Refused ? $"{title}: {detail}" : title, traceId);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or OperationCanceledException or SocketException)
        {
            return new Attempt(true, NameOf(target), "PUT result", start, Now, Outcome.ConnectionFailure, 0, Describe(e), null);
        }
        finally
        {
            if (onA)
            {
                Interlocked.Decrement(ref _writesInFlightOnA);
            }
        }
    }

    private static string Describe(Exception e) => e switch
    {
        OperationCanceledException => "timed out",
        HttpRequestException { HttpRequestError: var error } when error != HttpRequestError.Unknown => error.ToString(),
        _ => e.GetType().Name,
    };

    private static (string? Title, string? Detail) Problem(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            string? Text(string name) => json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            return (Text("title"), Text("detail"));
        }
        catch (JsonException)
        {
            return (body.Length == 0 ? "(empty body)" : "(not Problem Details)", null);
        }
    }

    private async Task ReadAsync(int reader, CancellationToken stop)
    {
        var n = reader;
        while (!stop.IsCancellationRequested)
        {
            n++;
            var (what, path) = (n / 2 % 3) switch
            {
                0 => ("GET tournament results (API)", $"/api/v1/club/tournaments/{_tournaments[Random.Shared.Next(_tournaments.Count)]}/results"),
                1 => ("GET standings (API)", $"/api/v1/club/standings/{options.Season}"),
                _ => ("GET /club/standings (page)", $"/club/standings?season={options.Season}"),
            };
            var start = Now;
            using var timeout = new CancellationTokenSource(options.AttemptTimeout);
            Attempt attempt;
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(Instance(n), path));

                // As behind production's TLS proxy (pages with forms need HTTPS).
                request.Headers.Add("X-Forwarded-Proto", "https");
                using var response = await _http.SendAsync(request, timeout.Token);
                var body = await response.Content.ReadAsStringAsync(timeout.Token);
                var status = (int)response.StatusCode;
                var traceId = response.Headers.TryGetValues("X-Trace-Id", out var ids) ? ids.FirstOrDefault() : null;
                var outcome = status switch
                {
                    200 => Outcome.Ok,
                    >= 500 => Outcome.ServerError,
                    429 => Outcome.TooMany,
                    _ => Outcome.Refused,
                };
                attempt = new Attempt(false, NameOf(n), what, start, Now, outcome, status, outcome == Outcome.Ok ? null : Problem(body).Title, traceId);
            }
            catch (Exception e) when (e is HttpRequestException or IOException or OperationCanceledException or SocketException)
            {
                if (stop.IsCancellationRequested)
                {
                    break;
                }

                attempt = new Attempt(false, NameOf(n), what, start, Now, Outcome.ConnectionFailure, 0, Describe(e), null);
            }

            _attempts.Enqueue(attempt);
            try
            {
                await Task.Delay(50, stop);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    private async Task<bool> InjectFaultsAsync()
    {
        var ok = true;
        async Task WaitForAcked(double share)
        {
            var needed = (int)Math.Ceiling(_writes.Count * share);
            while (Volatile.Read(ref _finished) < needed)
            {
                await Task.Delay(20);
            }
        }

        void Release(double share) => Volatile.Write(ref _released, (int)Math.Ceiling(_writes.Count * share));

        Release(0.35);
        await WaitForAcked(0.15);

        // The kill is meant to catch writes mid-request: wait (briefly) for one to be on its way to A.
        for (var waited = 0; waited < 500 && Volatile.Read(ref _writesInFlightOnA) == 0; waited++)
        {
            await Task.Delay(10);
        }

        // kill -9 from here (Process.Kill is SIGKILL), not through the script, so that the moment is exact: what was
        // in flight on A then is the fault's own loss, what A refused after it the cost of its absence.
        var start = Now;
        try
        {
            using var instanceA = Process.GetProcessById(int.Parse(File.ReadAllText(options.APidFile).Trim(), CultureInfo.InvariantCulture));
            instanceA.Kill();
            _aKilledAt = Now;
            await instanceA.WaitForExitAsync();
        }
        catch (Exception e) when (e is ArgumentException or IOException or InvalidOperationException or FormatException)
        {
            Console.WriteLine($"chaos: could not kill A ({e.Message})");
            ok = false;
        }

        ok &= await FaultAsync("start-a");
        _aLiveAt = Now;
        Record("kill -9 A, restart", start, _aLiveAt);

        Release(0.55);
        await WaitForAcked(0.35);
        start = Now;
        ok &= await FaultAsync("restart-postgres");
        Record("PostgreSQL restart", start, Now);

        Release(options.RedisDownSeconds > 0 ? 0.75 : 1);
        if (options.RedisDownSeconds > 0)
        {
            await WaitForAcked(0.55);
            start = Now;
            ok &= await FaultAsync("stop-redis");
            Release(1);
            await Task.Delay(TimeSpan.FromSeconds(options.RedisDownSeconds));
            ok &= await FaultAsync("start-redis");
            Record($"Redis down {options.RedisDownSeconds} s", start, Now);
        }

        return ok;
    }

    private void Record(string name, double start, double end)
    {
        lock (_faultLock)
        {
            _faults.Add(new FaultWindow(name, start, end));
        }

        Console.WriteLine($"chaos: {name}: {start:0.0}–{end:0.0} s ({Volatile.Read(ref _acked)} writes acknowledged so far)");
    }

    private async Task<bool> FaultAsync(string name)
    {
        var info = new ProcessStartInfo(options.FaultCommand) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add("__fault");
        info.ArgumentList.Add(name);
        using var process = Process.Start(info) ?? throw new ChaosSetupException($"could not run {options.FaultCommand}");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var text = (await output + await errors).Trim();
        if (process.ExitCode != 0)
        {
            Console.WriteLine($"chaos: fault step {name} failed (exit {process.ExitCode}): {text}");
            return false;
        }

        return true;
    }

    private sealed record DatabaseCheck(
        int RowsFound, int Lost, List<string> LostExamples, int DuplicatedRows, int AuditDuplicates, int AuditMissing,
        Dictionary<string, (int Messages, int Extra, int Missing)> Outbox, long OutboxBacklog, long OutboxParked);

    private async Task<DatabaseCheck> CheckDatabaseAsync()
    {
        // Post-commit work handed to the outbox may still be on its way: give it time to drain before counting effects.
        long backlog = 0, parked = 0;
        var drainUntil = Now + 60;
        while (true)
        {
            await using var connection = await OpenAsync();
            await using var command = new NpgsqlCommand(
                "SELECT count(*) FILTER (WHERE delivered_at IS NULL AND parked_at IS NULL), count(*) FILTER (WHERE parked_at IS NOT NULL) FROM platform_outbox", connection);
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            (backlog, parked) = (reader.GetInt64(0), reader.GetInt64(1));
            if (backlog == 0 || Now >= drainUntil)
            {
                break;
            }

            await Task.Delay(1000);
        }

        await using var db = await OpenAsync();
        var rows = new Dictionary<(Guid, Guid), List<(int Fish, int Weight)>>();
        await using (var command = new NpgsqlCommand("SELECT tournament_id, angler_id, fish, total_weight FROM club_results WHERE tournament_id = ANY(@ids)", db))
        {
            command.Parameters.AddWithValue("ids", _tournaments.ToArray());
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var key = (reader.GetGuid(0), reader.GetGuid(1));
                if (!rows.TryGetValue(key, out var list))
                {
                    rows[key] = list = [];
                }

                list.Add((reader.GetInt32(2), reader.GetInt32(3)));
            }
        }

        var audits = new Dictionary<string, int>(StringComparer.Ordinal);
        await using (var command = new NpgsqlCommand("SELECT target, count(*) FROM platform_audit_events WHERE action = 'club.result.saved' GROUP BY target", db))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                audits[reader.GetString(0)] = (int)reader.GetInt64(1);
            }
        }

        var outbox = new Dictionary<string, Dictionary<Guid, int>>(StringComparer.Ordinal);
        await using (var command = new NpgsqlCommand("SELECT type, payload FROM platform_outbox WHERE type LIKE 'club.tournament-results-changed.%'", db))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                using var payload = JsonDocument.Parse(reader.GetString(1));
                var tournament = payload.RootElement.GetProperty("tournamentId").GetGuid();
                if (!outbox.TryGetValue(reader.GetString(0), out var counts))
                {
                    outbox[reader.GetString(0)] = counts = [];
                }

                counts[tournament] = counts.GetValueOrDefault(tournament) + 1;
            }
        }

        var lostExamples = new List<string>();
        var (lost, auditDuplicates, auditMissing) = (0, 0, 0);
        foreach (var write in _writes.Where(w => w.AckedAt is not null))
        {
            var found = rows.GetValueOrDefault((write.Tournament, write.Angler)) ?? [];
            if (!found.Any(r => r.Fish == write.Fish && r.Weight == write.TotalWeight))
            {
                lost++;
                if (lostExamples.Count < 5)
                {
                    lostExamples.Add(found.Count == 0 ? $"write {write.Index}: no row" : $"write {write.Index}: {found[0].Fish} fish {found[0].Weight} instead of {write.Fish} fish {write.TotalWeight}");
                }
            }

            var audited = audits.GetValueOrDefault(write.Target);
            auditDuplicates += Math.Max(0, audited - 1);
            auditMissing += audited == 0 ? 1 : 0;
        }

        // One message per subscriber per committed write: a tournament's count beyond its acknowledged writes is a
        // write that committed twice (a retry that ran again); below it, an effect that never got queued.
        var perTournament = _writes.Where(w => w.AckedAt is not null).GroupBy(w => w.Tournament).ToDictionary(g => g.Key, g => g.Count());
        var stream = _tournaments.ToHashSet();
        foreach (var counts in outbox.Values)
        {
            foreach (var other in counts.Keys.Where(t => !stream.Contains(t)).ToList())
            {
                counts.Remove(other);
            }
        }

        var outboxCheck = outbox.ToDictionary(
            o => o.Key,
            o => (o.Value.Values.Sum(),
                o.Value.Sum(t => Math.Max(0, t.Value - perTournament.GetValueOrDefault(t.Key))),
                perTournament.Sum(t => Math.Max(0, t.Value - o.Value.GetValueOrDefault(t.Key)))),
            StringComparer.Ordinal);
        var duplicatedRows = rows.Values.Sum(l => Math.Max(0, l.Count - 1));
        return new DatabaseCheck(rows.Values.Sum(l => l.Count), lost, lostExamples, duplicatedRows, auditDuplicates, auditMissing, outboxCheck, backlog, parked);
    }

    private sealed record LogFacts(Dictionary<string, string> CauseByTrace, List<(string Level, string Message, int Count)> Problems);

    /// <summary>The instances' JSON log lines: each failed request's exception by trace id, and warnings and errors by message.</summary>
    private LogFacts ReadLogs()
    {
        var causes = new Dictionary<string, string>(StringComparer.Ordinal);
        var problems = new Dictionary<(string, string), int>();
        foreach (var path in options.Logs.Where(File.Exists))
        {
            foreach (var line in File.ReadLines(path))
            {
                if (!line.StartsWith('{'))
                {
                    continue;
                }

                try
                {
                    using var json = JsonDocument.Parse(line);
                    var root = json.RootElement;
                    string? Text(string name) => root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
                    var level = Text("@l") ?? "Information";
                    if (level is not ("Warning" or "Error" or "Fatal"))
                    {
                        continue;
                    }

                    var exception = Text("@x");
                    var summary = exception is null ? null : Summarize(exception);
                    foreach (var trace in new[] { Text("@tr"), Text("TraceId") })
                    {
                        // The request's last word wins: EF logs the exception where it failed, before it reached our code;
                        // the exception handler logs it again with the whole stack.
                        if (trace is not null && summary is not null && level != "Warning"
                            && (!causes.TryGetValue(trace, out var known) || !known.Contains(" @ ", StringComparison.Ordinal)))
                        {
                            causes[trace] = summary;
                        }
                    }

                    var message = Normalize(Text("@m") ?? "") + (summary is null ? "" : $" [{summary}]");
                    problems[(level, message)] = problems.GetValueOrDefault((level, message)) + 1;
                }
                catch (JsonException)
                {
                    // A line cut by kill -9.
                }
            }
        }

        return new LogFacts(causes, [.. problems.OrderByDescending(p => p.Value).Select(p => (p.Key.Item1, p.Key.Item2, p.Value))]);
    }

    /// <summary>The exception's type and message, and its innermost cause (<c>---&gt;</c>), on one line.</summary>
    private static string Summarize(string exception)
    {
        var lines = exception.Split('\n');
        static string Clean(string s)
        {
            s = s.Replace(" (0x80004005)", "", StringComparison.Ordinal).Trim();
            return s.Length > 160 ? s[..160] + "…" : s;
        }

        var inner = lines.LastOrDefault(l => l.Contains("---> ", StringComparison.Ordinal));
        var first = Clean(lines[0]);
        var summary = inner is null ? first : $"{first} ← {Clean(inner[(inner.IndexOf("---> ", StringComparison.Ordinal) + 5)..])}";

        // Where in our code it surfaced: the first frame of Podium's own (the outermost exception's stack).
        var frame = lines.FirstOrDefault(l => l.TrimStart().StartsWith("at Podium.", StringComparison.Ordinal));
        if (frame is not null)
        {
            frame = frame.Trim()[3..];
            var file = frame.IndexOf(" in ", StringComparison.Ordinal);
            frame = file < 0 ? frame : $"{frame[..file]} ({Path.GetFileName(frame[(file + 4)..])})";
            summary += $" @ {(frame.Length > 200 ? frame[..200] + "…" : frame)}";
        }

        return summary;
    }

    private static string Normalize(string message)
    {
        var text = System.Text.RegularExpressions.Regex.Replace(message, "\\s+", " ");
        text = System.Text.RegularExpressions.Regex.Replace(text, "[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}", "<id>");
        text = System.Text.RegularExpressions.Regex.Replace(text, "[0-9]+(\\.[0-9]+)?", "#");
        return text.Length > 150 ? text[..150] + "…" : text;
    }

    private int Report(DatabaseCheck check, LogFacts logs, double streamEnd, bool faultsRan)
    {
        var attempts = _attempts.ToList();
        var failures = new List<string>();
        var acked = _writes.Count(w => w.AckedAt is not null);
        var rejected = _writes.Where(w => w.Rejected is not null).ToList();
        var unacked = _writes.Count - acked - rejected.Count;
        var w = Console.Out;

        w.WriteLine();
        w.WriteLine($"== chaos report: {_writes.Count} writes, 2 instances, PostgreSQL + Redis, {streamEnd:0.0} s ==");
        w.WriteLine($"writes acknowledged     {acked} of {_writes.Count} ({_writes.Count(x => x.Replayed)} answered by a replay of the first response, {attempts.Count(a => a.IsWrite)} attempts)");
        if (rejected.Count > 0)
        {
            w.WriteLine($"writes refused (4xx)    {rejected.Count}: {string.Join("; ", rejected.Take(3).Select(x => x.Rejected))}");
            failures.Add($"{rejected.Count} writes refused with a 4xx");
        }

        if (unacked > 0)
        {
            failures.Add($"{unacked} writes never acknowledged within {options.WriteDeadline.TotalSeconds:0} s");
        }

        w.WriteLine($"rows found              {check.RowsFound}");
        w.WriteLine($"lost                    {check.Lost}{(check.LostExamples.Count > 0 ? $" ({string.Join("; ", check.LostExamples)})" : "")}");
        w.WriteLine($"duplicated rows         {check.DuplicatedRows}");
        w.WriteLine($"audit rows              {check.AuditDuplicates} duplicated (club.result.saved more than once for a write), {check.AuditMissing} missing");
        foreach (var (type, (messages, extra, missing)) in check.Outbox.OrderBy(o => o.Key, StringComparer.Ordinal))
        {
            w.WriteLine($"outbox {type,-40} {messages} messages: {extra} duplicated, {missing} missing");
        }

        if (check.Outbox.Count == 0)
        {
            w.WriteLine("outbox                  no club.tournament-results-changed messages");
        }

        w.WriteLine($"outbox at the end       {check.OutboxBacklog} undelivered, {check.OutboxParked} parked");
        if (check.Lost > 0)
        {
            failures.Add($"{check.Lost} acknowledged writes lost");
        }

        if (check.DuplicatedRows > 0)
        {
            failures.Add($"{check.DuplicatedRows} duplicated rows");
        }

        if (check.AuditDuplicates > 0 || check.Outbox.Values.Any(o => o.Extra > 0))
        {
            failures.Add($"duplicated side effects ({check.AuditDuplicates} audit rows, {check.Outbox.Values.Sum(o => o.Extra)} outbox messages)");
        }

        if (check.AuditMissing > 0 || check.Outbox.Values.Any(o => o.Missing > 0))
        {
            failures.Add($"missing side effects ({check.AuditMissing} audit rows, {check.Outbox.Values.Sum(o => o.Missing)} outbox messages)");
        }

        // Connection failures: the killed instance's in-flight requests and its refusals while down are the fault itself.
        bool KilledInFlight(Attempt a) => a.Instance == "A" && a.Start < _aKilledAt && a.End >= _aKilledAt;
        bool WhileDown(Attempt a) => a.Instance == "A" && a.Start >= _aKilledAt && a.Start < _aLiveAt;
        var connection = attempts.Where(a => a.Outcome == Outcome.ConnectionFailure).ToList();
        var unexpectedConnection = connection.Where(a => !KilledInFlight(a) && !WhileDown(a)).ToList();
        w.WriteLine();
        w.WriteLine($"connection failures     {connection.Count(KilledInFlight)} in flight on A when it was killed, {connection.Count(WhileDown)} refused by A while down, {unexpectedConnection.Count} others");
        foreach (var group in unexpectedConnection.GroupBy(a => $"{(a.IsWrite ? "write" : "read")} to {a.Instance}: {a.Cause}"))
        {
            w.WriteLine($"  {group.Count(),5}  {group.Key}");
        }

        if (unexpectedConnection.Count > 0)
        {
            failures.Add($"{unexpectedConnection.Count} connection failures or timeouts outside the killed instance");
        }

        w.WriteLine($"409 in progress (retried) {attempts.Count(a => a.Outcome == Outcome.InFlight)}; 429 (retried) {attempts.Count(a => a.Outcome == Outcome.TooMany)}");
        var serverErrors = attempts.Where(a => a.Outcome == Outcome.ServerError).ToList();
        w.WriteLine($"5xx                     {serverErrors.Count(a => a.IsWrite)} to writes, {serverErrors.Count(a => !a.IsWrite)} to reads; by cause (exception in the instance's log, else the response's title):");
        foreach (var group in serverErrors
            .GroupBy(a => $"{(a.IsWrite ? "write" : "read ")} {a.Status} {(a.TraceId is not null && logs.CauseByTrace.TryGetValue(a.TraceId, out var cause) ? cause : a.Cause)}")
            .OrderByDescending(g => g.Count()))
        {
            w.WriteLine($"  {group.Count(),5}  {group.Key}  (answered at {string.Join(", ", group.Take(4).Select(a => $"{a.End:0.0} s by {a.Instance}"))}{(group.Count() > 4 ? ", …" : "")})");
        }

        if (serverErrors.Count > 0)
        {
            failures.Add($"{serverErrors.Count} 5xx answers");
        }

        var otherReadFailures = attempts.Where(a => !a.IsWrite && a.Outcome is Outcome.Refused).ToList();
        foreach (var group in otherReadFailures.GroupBy(a => $"read  {a.Status} {a.What}: {a.Cause}"))
        {
            w.WriteLine($"  {group.Count(),5}  {group.Key} (not a 5xx)");
        }

        if (otherReadFailures.Count > 0)
        {
            failures.Add($"{otherReadFailures.Count} reads refused");
        }

        var faults = _faults.ToList();
        var redis = faults.FirstOrDefault(f => f.Name.StartsWith("Redis", StringComparison.Ordinal));
        var reads = attempts.Where(a => !a.IsWrite && !KilledInFlight(a) && !WhileDown(a)).ToList();
        w.WriteLine();
        w.WriteLine($"reads                   {Rate(reads)} successful overall ({reads.Count} reads, the killed instance's own failures aside)");
        if (redis is not null)
        {
            var during = reads.Where(a => a.End >= redis.Start && a.Start <= redis.End).ToList();
            w.WriteLine($"reads while Redis down  {Rate(during)} successful ({during.Count} reads; acceptance ≥ 99.9 %)");
            if (during.Count == 0 || during.Count(a => a.Outcome == Outcome.Ok) * 1000L < during.Count * 999L)
            {
                failures.Add("reads while Redis was down below 99.9 % successful");
            }
        }

        w.WriteLine();
        w.WriteLine("write latency, ms (first attempt sent → acknowledged, client retries included; a write is 'during' a fault when it was in progress at any moment of it and began after the previous fault ended):");
        w.WriteLine($"  {"fault",-22} {"window (s)",-13} {"before: n / p50 / p99",-24} {"during: n / p50 / p99",-24} {"after: n / p50 / p99",-24}");
        var done = _writes.Where(x => x.AckedAt is not null).ToList();
        bool Overlaps(Write x, double from, double to) => x.Start <= to && x.AckedAt >= from;
        for (var f = 0; f < faults.Count; f++)
        {
            var fault = faults[f];
            var previousEnd = f == 0 ? 0 : faults[f - 1].End;
            var nextStart = f + 1 < faults.Count ? faults[f + 1].Start : double.MaxValue;
            var before = done.Where(x => x.Start >= previousEnd && x.AckedAt < fault.Start).ToList();
            var during = done.Where(x => x.Start >= previousEnd && Overlaps(x, fault.Start, fault.End)).ToList();
            var after = done.Where(x => x.Start > fault.End && x.AckedAt < nextStart).ToList();
            w.WriteLine($"  {fault.Name,-22} {$"{fault.Start:0.0}–{fault.End:0.0}",-13} {Latency(before),-24} {Latency(during),-24} {Latency(after),-24}");
        }

        if (redis is not null)
        {
            var previousEnd = faults.Where(f => f.End <= redis.Start).Select(f => f.End).DefaultIfEmpty(0).Max();
            var down = done.Where(x => x.Start >= previousEnd && Overlaps(x, redis.Start, redis.End)).ToList();
            var up = done.Where(x => !faults.Any(f => Overlaps(x, f.Start, f.End))).ToList();
            var delta = Percentile(down, 0.99) - Percentile(up, 0.99);
            w.WriteLine($"  Redis up (no fault)    {Latency(up),-24}  Redis down {Latency(down),-24}  p99 down − up: {delta:0} ms (acceptance ≤ 50 ms)");
        }

        w.WriteLine($"  all writes             {Latency(done)}; attempts per write: max {(_writes.Count == 0 ? 0 : _writes.Max(x => x.Attempts))}, {_writes.Count(x => x.Attempts > 1)} writes retried");

        if (!faultsRan)
        {
            failures.Add("a fault step failed (see above)");
        }

        w.WriteLine();
        w.WriteLine("instances' log, warnings and errors by message (top 12):");
        foreach (var (level, message, count) in logs.Problems.Take(12))
        {
            w.WriteLine($"  {count,5}  {level,-7} {message}");
        }

        w.WriteLine();
        if (failures.Count == 0)
        {
            w.WriteLine("chaos: PASSED: nothing lost or doubled, no 5xx, every write acknowledged");
            return 0;
        }

        w.WriteLine($"chaos: FAILED: {string.Join("; ", failures)}");
        return 1;
    }

    private static string Rate(List<Attempt> reads) =>
        reads.Count == 0 ? "n/a" : $"{100.0 * reads.Count(a => a.Outcome == Outcome.Ok) / reads.Count:0.00} %";

    private static double Percentile(List<Write> writes, double p)
    {
        if (writes.Count == 0)
        {
            return double.NaN;
        }

        var sorted = writes.Select(x => (x.AckedAt!.Value - x.Start) * 1000).Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    private static string Latency(List<Write> writes) =>
        writes.Count == 0 ? "0 / – / –" : $"{writes.Count} / {Percentile(writes, 0.5):0} / {Percentile(writes, 0.99):0}";
}
