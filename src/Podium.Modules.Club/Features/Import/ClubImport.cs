using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Podium.Modules.Club.Features.Results;
using Podium.Platform.Audit;
using Podium.Platform.Caching;
using Podium.Platform.Data;
using Podium.Platform.Modules.Formats;
using Podium.Platform.Input;

namespace Podium.Modules.Club.Features.Import;

/// <summary>Why a row (or a whole file) was refused. Line 1 is the header.</summary>
internal sealed record ImportError(string File, int Line, string Reason)
{
    public override string ToString() => $"{File}, line {Line}: {Reason}";
}

/// <summary>What one file did: rows read, and how many of them added, changed or left alone a record.</summary>
internal sealed record ImportFileCount(string File, int Rows, int Added, int Updated, int Unchanged);

internal sealed record ImportReport(IReadOnlyList<ImportFileCount> Files, IReadOnlyList<ImportError> Errors)
{
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>
/// Reads the club's history from the CSV files its old site exports (issue 7, feature 4) — all or nothing:
/// every file is checked first and any bad row rejects the whole import, naming the file, line and reason; only then
/// is everything written in one transaction (one SaveChanges). Re-importing the same files changes nothing: anglers
/// match on e-mail, lakes on their slug, ramps on name within the lake, tournaments on the file's id
/// (<see cref="Tournament.ImportId"/>), results on (tournament, angler), team results on (tournament, first angler).
/// The import adds and updates; it never deletes.
/// <list type="bullet">
/// <item><c>date</c> is the local calendar date in the club's zone, <c>yyyy-MM-dd</c>; a new tournament runs
/// <see cref="DefaultStart"/>–<see cref="DefaultEnd"/> that day. A re-import keeps the times an officer set and moves
/// them only when the date itself changes.</item>
/// <item>Booleans read true/false, 1/0, yes/no, y/n (any case); <c>member</c> and <c>aoy</c> are required,
/// <c>disqualified</c> and <c>buy_in</c> empty mean false; <c>big_bass_lb</c> and <c>dead_fish_penalty_lb</c> empty
/// mean 0.</item>
/// <item>Imported tournaments are Completed; a result counts as a member's when the angler is a member
/// (<c>member</c> in anglers.csv, else the club's record).</item>
/// <item>Each result is checked by <see cref="BagRules"/>, the weigh-in page's rules, and each problem is reported
/// against the column it concerns.</item>
/// </list>
/// </summary>
internal sealed class ClubImport(PodiumDbContext db, ClubSettings settings, IPodiumCache cache, IAuditLog audit, TimeProvider time)
{
    public const string AnglersFile = "anglers.csv";
    public const string LakesFile = "lakes.csv";
    public const string TournamentsFile = "tournaments.csv";
    public const string ResultsFile = "results.csv";
    public const string TeamResultsFile = "team_results.csv";

    public static readonly TimeOnly DefaultStart = new(6, 0);
    public static readonly TimeOnly DefaultEnd = new(15, 0);

    /// <summary>The results.csv column of each field <see cref="BagRules"/> keys its messages by, in the file's column order.</summary>
    private static readonly (string Field, string Column)[] BagColumns =
    [
        (BagFields.Fish, "num_fish"),
        (BagFields.TotalWeight, "total_weight_lb"),
        (BagFields.BigBass, "big_bass_lb"),
        (BagFields.DeadFishPenalty, "dead_fish_penalty_lb"),
        (BagFields.Disqualified, "disqualified"),
        (BagFields.BuyIn, "buy_in"),
    ];

    /// <summary>Enough to fix a file in one go without burying the first problem.</summary>
    public const int MaxErrors = 20;

    /// <summary>The files in the order they are read (later ones refer to earlier ones), with their columns.</summary>
    public static readonly IReadOnlyList<(string File, string[] Columns)> Files =
    [
        (AnglersFile, ["name", "email", "member"]),
        (LakesFile, ["lake", "ramp"]),
        (TournamentsFile, ["id", "name", "date", "lake", "ramp", "aoy"]),
        (ResultsFile, ["tournament_id", "angler_email", "num_fish", "total_weight_lb", "big_bass_lb", "dead_fish_penalty_lb", "disqualified", "buy_in"]),
        (TeamResultsFile, ["tournament_id", "angler1_email", "angler2_email", "total_weight_lb"]),
    ];

    /// <param name="files">File name (as in <see cref="Files"/>, any case) → its text. Any subset; rows may refer to
    /// anglers, lakes and tournaments already in the club.</param>
    public async Task<ImportReport> ImportAsync(IReadOnlyDictionary<string, string> files, Guid? actorId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(files);
        var run = new Run(db, await settings.GetAsync(cancellationToken), time.GetUtcNow().UtcDateTime);
        var report = await run.ExecuteAsync(files, cancellationToken);
        if (report.Succeeded)
        {
            await cache.AnglersChangedAsync(cancellationToken);
        }

        await audit.RecordAsync(
            "club.import", report.Succeeded ? "success" : "rejected", actorId, target: null,
            report.Succeeded
                ? new { files = report.Files.Select(f => new { f.File, f.Rows, f.Added, f.Updated, f.Unchanged }) }
                : new { errors = report.Errors.Take(5).Select(e => e.ToString()) },
            cancellationToken);
        return report;
    }

    /// <summary>One import's state: the parsed files, the matching records loaded from the database, the errors.</summary>
    private sealed class Run(PodiumDbContext db, ClubSettingsSnapshot club, DateTime now)
    {
        private readonly PodiumDbContext _db = db;
        private readonly HashSet<Tournament> _scored = [];
        private readonly List<ImportError> _errors = [];
        private readonly Dictionary<string, IReadOnlyList<CsvRow>> _rows = new(StringComparer.Ordinal);
        private readonly Dictionary<string, Angler> _anglers = new(StringComparer.Ordinal);
        private readonly Dictionary<string, Lake> _lakes = new(StringComparer.Ordinal);
        private readonly Dictionary<string, Tournament> _tournaments = new(StringComparer.Ordinal);

        // Each row's record, to count what it did once the changes are detected.
        private readonly Dictionary<string, List<object>> _touched = new(StringComparer.Ordinal);

        public async Task<ImportReport> ExecuteAsync(IReadOnlyDictionary<string, string> files, CancellationToken cancellationToken)
        {
            Parse(files);
            if (_errors.Count == 0)
            {
                await LoadAsync(cancellationToken);
                Apply();
            }

            if (_errors.Count > 0)
            {
                _db.ChangeTracker.Clear();
                return new ImportReport([], _errors);
            }

            foreach (var tournament in _scored)
            {
                TournamentScoring.Apply(tournament);
            }

            var counts = Count();
            try
            {
                await _db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                _db.ChangeTracker.Clear();
                return new ImportReport([], [new ImportError("(all)", 0, "the club's data changed while importing (another import or an edit at the same time); nothing was written, try again")]);
            }

            return new ImportReport(counts, []);
        }

        private void Parse(IReadOnlyDictionary<string, string> files)
        {
            if (files.Count == 0)
            {
                Fail("(none)", 0, $"no files: expected one or more of {string.Join(", ", Files.Select(f => f.File))}");
            }

            foreach (var name in files.Keys.Where(n => !Files.Any(f => f.File.Equals(n, StringComparison.OrdinalIgnoreCase))))
            {
                Fail(name, 0, $"not a file the import reads (expected {string.Join(", ", Files.Select(f => f.File))})");
            }

            foreach (var (file, columns) in Files)
            {
                var text = files.FirstOrDefault(f => f.Key.Equals(file, StringComparison.OrdinalIgnoreCase)).Value;
                if (text is null)
                {
                    continue;
                }

                if (CsvTable.TryParse(text, columns, out var rows, out var error))
                {
                    _rows[file] = rows;
                }
                else
                {
                    Fail(file, error.Line, error.Reason);
                }
            }
        }

        private IReadOnlyList<CsvRow> Rows(string file) => _rows.GetValueOrDefault(file) ?? [];

        /// <summary>Loads only the records the files name, so the import's cost follows the files, not the club's history.</summary>
        private async Task LoadAsync(CancellationToken cancellationToken)
        {
            var emails = Rows(AnglersFile).Select(r => r["email"])
                .Concat(Rows(ResultsFile).Select(r => r["angler_email"]))
                .Concat(Rows(TeamResultsFile).SelectMany(r => new[] { r["angler1_email"], r["angler2_email"] }))
                .Where(e => e.Length > 0).Select(Angler.NormalizeEmail).Distinct().ToList();
            foreach (var angler in await _db.Set<Angler>().Where(a => emails.Contains(a.Email)).ToListAsync(cancellationToken))
            {
                _anglers[angler.Email] = angler;
            }

            foreach (var lake in await _db.Set<Lake>().Include(l => l.Ramps).ToListAsync(cancellationToken))
            {
                _lakes[lake.Slug] = lake;
            }

            var ids = Rows(TournamentsFile).Select(r => r["id"])
                .Concat(Rows(ResultsFile).Select(r => r["tournament_id"]))
                .Concat(Rows(TeamResultsFile).Select(r => r["tournament_id"]))
                .Where(id => id.Length > 0).Distinct().ToList();
            var tournaments = await _db.Set<Tournament>()
                .Where(t => t.ImportId != null && ids.Contains(t.ImportId))
                .Include(t => t.Event).Include(t => t.Lake).Include(t => t.Ramp).Include(t => t.Results).Include(t => t.TeamResults)
                .AsSplitQuery()
                .ToListAsync(cancellationToken);
            foreach (var tournament in tournaments)
            {
                _tournaments[tournament.ImportId!] = tournament;
            }
        }

        private void Apply()
        {
            ApplyAnglers();
            ApplyLakes();
            ApplyTournaments();
            ApplyResults();
            ApplyTeamResults();
        }

        private void ApplyAnglers()
        {
            var seen = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var row in Rows(AnglersFile))
            {
                var name = row["name"];
                var email = Angler.NormalizeEmail(row["email"]);
                if (!Required(AnglersFile, row, "name", Angler.MaxNameLength) || !ValidEmail(AnglersFile, row, "email")
                    || !Duplicate(AnglersFile, row, seen, email, $"angler {email}") || !Bool(AnglersFile, row, "member", required: true, out var member))
                {
                    continue;
                }

                if (!_anglers.TryGetValue(email, out var angler))
                {
                    angler = new Angler { Email = email, CreatedAt = now };
                    _db.Add(angler);
                    _anglers[email] = angler;
                }

                angler.Name = name;
                angler.Kind = member ? MembershipKind.Member : MembershipKind.Guest;
                Touch(AnglersFile, angler);
            }
        }

        private void ApplyLakes()
        {
            var seen = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var row in Rows(LakesFile))
            {
                var (name, rampName) = (row["lake"], row["ramp"]);
                var slug = Lake.SlugOf(name);
                if (!Required(LakesFile, row, "lake", Lake.MaxNameLength) || !Length(LakesFile, row, "ramp", Lake.MaxNameLength))
                {
                    continue;
                }

                if (slug.Length == 0)
                {
                    Fail(LakesFile, row.Line, $"lake '{name}' has no letters or digits to name it by");
                    continue;
                }

                if (!Duplicate(LakesFile, row, seen, $"{slug}\n{rampName.ToLowerInvariant()}", rampName.Length == 0 ? $"lake {name}" : $"ramp {rampName} on {name}"))
                {
                    continue;
                }

                if (!_lakes.TryGetValue(slug, out var lake))
                {
                    lake = new Lake { Name = name, Slug = slug };
                    _db.Add(lake);
                    _lakes[slug] = lake;
                }

                if (rampName.Length == 0)
                {
                    Touch(LakesFile, lake);
                    continue;
                }

                var ramp = FindRamp(lake, rampName);
                if (ramp is null)
                {
                    ramp = new Ramp { Name = rampName, Lake = lake };
                    lake.Ramps.Add(ramp);
                }

                Touch(LakesFile, ramp);
            }
        }

        private void ApplyTournaments()
        {
            var seen = new Dictionary<string, int>(StringComparer.Ordinal);
            var zone = club.Zone;
            foreach (var row in Rows(TournamentsFile))
            {
                var id = row["id"];
                if (!Required(TournamentsFile, row, "id", 64) || !Duplicate(TournamentsFile, row, seen, id, $"tournament id {id}")
                    || !Required(TournamentsFile, row, "name", ClubEvent.MaxTitleLength) || !Bool(TournamentsFile, row, "aoy", required: true, out var aoy))
                {
                    continue;
                }

                if (!DateOnly.TryParseExact(row["date"], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                {
                    Fail(TournamentsFile, row.Line, $"date '{row["date"]}' is not a date written yyyy-MM-dd (e.g. 2025-03-15)");
                    continue;
                }

                if (!DateRules.IsSane(date))
                {
                    Fail(TournamentsFile, row.Line, $"date '{row["date"]}': {DateRules.Message}");
                    continue;
                }

                if (!_lakes.TryGetValue(Lake.SlugOf(row["lake"]), out var lake))
                {
                    Fail(TournamentsFile, row.Line, row["lake"].Length == 0 ? "lake is empty" : $"lake '{row["lake"]}' is neither in lakes.csv nor in the club's lakes");
                    continue;
                }

                Ramp? ramp = null;
                if (row["ramp"].Length > 0 && (ramp = FindRamp(lake, row["ramp"])) is null)
                {
                    Fail(TournamentsFile, row.Line, $"ramp '{row["ramp"]}' is not a ramp of {lake.Name} (add it to lakes.csv)");
                    continue;
                }

                if (!zone.TryToUtc(date.ToDateTime(DefaultStart), out var start) || !zone.TryToUtc(date.ToDateTime(DefaultEnd), out var end))
                {
                    Fail(TournamentsFile, row.Line, $"{date:yyyy-MM-dd} has no {DefaultStart:HH:mm}–{DefaultEnd:HH:mm} in {zone.Id}");
                    continue;
                }

                if (!_tournaments.TryGetValue(id, out var tournament))
                {
                    var ev = new ClubEvent { Kind = EventKind.Tournament, StartsAt = start, EndsAt = end, CreatedAt = now, UpdatedAt = now };
                    tournament = new Tournament { Id = ev.Id, Event = ev, ImportId = id, FishLimit = club.FishLimit };
                    _db.Add(tournament);
                    _tournaments[id] = tournament;
                }
                else if (DateOnly.FromDateTime(zone.ToLocal(tournament.Event.StartsAt)) != date)
                {
                    (tournament.Event.StartsAt, tournament.Event.EndsAt) = (start, end);
                }

                tournament.Event.Title = row["name"];
                tournament.Season = zone.SeasonOf(tournament.Event.StartsAt);
                tournament.Lake = lake;
                tournament.Ramp = ramp;
                if (ramp is null)
                {
                    tournament.RampId = null;
                }

                tournament.CountsForAnglerOfTheYear = aoy;

                // Imported tournaments were fished; but one an officer has since cancelled stays cancelled, or
                // re-importing last year's files would quietly put it back in the Angler-of-the-Year race.
                if (tournament.Status != TournamentStatus.Cancelled)
                {
                    tournament.Status = TournamentStatus.Completed;
                }
                _scored.Add(tournament);
                Touch(TournamentsFile, tournament);
            }
        }

        private void ApplyResults()
        {
            var seen = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var row in Rows(ResultsFile))
            {
                if (!KnownTournament(ResultsFile, row, out var tournament) || !KnownAngler(ResultsFile, row, "angler_email", out var angler)
                    || !Duplicate(ResultsFile, row, seen, $"{tournament.ImportId}\n{angler.Email}", $"a result for {angler.Email} in tournament {tournament.ImportId}"))
                {
                    continue;
                }

                if (!int.TryParse(row["num_fish"], NumberStyles.None, CultureInfo.InvariantCulture, out var fish) || fish > tournament.FishLimit)
                {
                    Fail(ResultsFile, row.Line, $"num_fish '{row["num_fish"]}' is not a whole number from 0 to the fish limit of {tournament.FishLimit}");
                    continue;
                }

                if (!Pounds(row, "total_weight_lb", required: true, out var total) || !Pounds(row, "big_bass_lb", required: false, out var bigBass)
                    || !Pounds(row, "dead_fish_penalty_lb", required: false, out var penalty)
                    || !Bool(ResultsFile, row, "disqualified", required: false, out var disqualified) || !Bool(ResultsFile, row, "buy_in", required: false, out var buyIn))
                {
                    continue;
                }

                // The weigh-in's rules, so a bag the scales' page refuses can't come in through a file either.
                var problems = BagRules.Validate(new BagEntry(fish, total, bigBass, penalty, disqualified, buyIn), tournament.FishLimit);
                if (problems.Count > 0)
                {
                    foreach (var (field, column) in BagColumns)
                    {
                        foreach (var message in problems.GetValueOrDefault(field) ?? [])
                        {
                            Fail(ResultsFile, row.Line, $"{column}: {message}");
                        }
                    }

                    continue;
                }

                var result = tournament.Results.FirstOrDefault(r => r.AnglerId == angler.Id);
                if (result is null)
                {
                    result = new TournamentResult { Tournament = tournament, TournamentId = tournament.Id, Angler = angler, AnglerId = angler.Id, UpdatedAt = now };
                    tournament.Results.Add(result);
                }

                (result.Fish, result.TotalWeight, result.BigBass, result.DeadFishPenalty) = (fish, total, bigBass, penalty);
                (result.Disqualified, result.BuyIn, result.Member) = (disqualified, buyIn, angler.Kind == MembershipKind.Member);
                _scored.Add(tournament);
                Touch(ResultsFile, result);
            }
        }

        private void ApplyTeamResults()
        {
            var seen = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var row in Rows(TeamResultsFile))
            {
                if (!KnownTournament(TeamResultsFile, row, out var tournament) || !KnownAngler(TeamResultsFile, row, "angler1_email", out var first))
                {
                    continue;
                }

                Angler? second = null;
                if (row["angler2_email"].Length > 0 && !KnownAngler(TeamResultsFile, row, "angler2_email", out second))
                {
                    continue;
                }

                if (second == first)
                {
                    Fail(TeamResultsFile, row.Line, "angler1_email and angler2_email are the same angler");
                    continue;
                }

                if (!Duplicate(TeamResultsFile, row, seen, $"{tournament.ImportId}\n{first.Email}", $"{first.Email} in a team in tournament {tournament.ImportId}")
                    || (second is not null && !Duplicate(TeamResultsFile, row, seen, $"{tournament.ImportId}\n{second.Email}", $"{second.Email} in a team in tournament {tournament.ImportId}"))
                    || !Pounds(row, "total_weight_lb", required: true, out var weight, TeamResultsFile))
                {
                    continue;
                }

                var team = tournament.TeamResults.FirstOrDefault(t => t.Angler1Id == first.Id);
                if (team is null)
                {
                    team = new TeamResult { TournamentId = tournament.Id, Angler1 = first, Angler1Id = first.Id, UpdatedAt = now };
                    tournament.TeamResults.Add(team);
                }

                team.Angler2 = second;
                team.Angler2Id = second?.Id;
                team.TotalWeight = weight;
                _scored.Add(tournament);
                Touch(TeamResultsFile, team);
            }
        }

        private bool KnownTournament(string file, CsvRow row, out Tournament tournament)
        {
            if (_tournaments.TryGetValue(row["tournament_id"], out tournament!))
            {
                return true;
            }

            Fail(file, row.Line, row["tournament_id"].Length == 0
                ? "tournament_id is empty"
                : $"tournament id '{row["tournament_id"]}' is neither in tournaments.csv nor an imported tournament of the club");
            return false;
        }

        private bool KnownAngler(string file, CsvRow row, string column, out Angler angler)
        {
            if (_anglers.TryGetValue(Angler.NormalizeEmail(row[column]), out angler!))
            {
                return true;
            }

            Fail(file, row.Line, row[column].Length == 0 ? $"{column} is empty" : $"{column} '{row[column]}' is neither in anglers.csv nor an angler of the club");
            return false;
        }

        private static Ramp? FindRamp(Lake lake, string name) =>
            lake.Ramps.FirstOrDefault(r => r.Name.Equals(name, StringComparison.OrdinalIgnoreCase));

        private bool Required(string file, CsvRow row, string column, int maxLength)
        {
            if (row[column].Length == 0)
            {
                Fail(file, row.Line, $"{column} is empty");
                return false;
            }

            return Length(file, row, column, maxLength);
        }

        private bool Length(string file, CsvRow row, string column, int maxLength)
        {
            if (row[column].Length > maxLength)
            {
                Fail(file, row.Line, $"{column} is longer than {maxLength} characters");
                return false;
            }

            return true;
        }

        private bool ValidEmail(string file, CsvRow row, string column)
        {
            var email = row[column];
            var at = email.IndexOf('@', StringComparison.Ordinal);
            if (at <= 0 || at != email.LastIndexOf('@') || at == email.Length - 1 || email.Any(char.IsWhiteSpace) || email.Length > Angler.MaxEmailLength)
            {
                Fail(file, row.Line, email.Length == 0 ? $"{column} is empty" : $"{column} '{email}' is not an e-mail address");
                return false;
            }

            return true;
        }

        /// <summary>False (and an error naming the first line) when <paramref name="key"/> was already on an earlier row.</summary>
        private bool Duplicate(string file, CsvRow row, Dictionary<string, int> seen, string key, string what)
        {
            if (seen.TryGetValue(key, out var first))
            {
                Fail(file, row.Line, $"{what} appears twice (first on line {first})");
                return false;
            }

            seen[key] = row.Line;
            return true;
        }

        private bool Bool(string file, CsvRow row, string column, bool required, out bool value)
        {
            value = false;
            switch (row[column].ToLowerInvariant())
            {
                case "true" or "1" or "yes" or "y":
                    value = true;
                    return true;
                case "false" or "0" or "no" or "n":
                    return true;
                case "" when !required:
                    return true;
                case var text:
                    Fail(file, row.Line, $"{column} '{text}' is not true/false, 1/0 or yes/no");
                    return false;
            }
        }

        private bool Pounds(CsvRow row, string column, bool required, out int hundredths, string file = ResultsFile)
        {
            hundredths = 0;
            if (row[column].Length == 0 && !required)
            {
                return true;
            }

            if (Weight.TryParsePounds(row[column], out hundredths))
            {
                return true;
            }

            Fail(file, row.Line, $"{column} '{row[column]}' is not a weight in pounds with at most two decimals (e.g. 12.34), from 0 to {Weight.Pounds(Weight.MaxHundredths)}");
            return false;
        }

        private void Fail(string file, int line, string reason)
        {
            if (_errors.Count < MaxErrors)
            {
                _errors.Add(new ImportError(file, line, reason));
            }
        }

        private void Touch(string file, object entity)
        {
            if (!_touched.TryGetValue(file, out var list))
            {
                _touched[file] = list = [];
            }

            list.Add(entity);
        }

        /// <summary>Counts what each row did, and stamps changed records (an unchanged re-import writes nothing at all).</summary>
        private List<ImportFileCount> Count()
        {
            _db.ChangeTracker.DetectChanges();
            foreach (var entry in _db.ChangeTracker.Entries().Where(e => e.State == EntityState.Modified))
            {
                switch (entry.Entity)
                {
                    case TournamentResult result:
                        result.UpdatedAt = now;
                        break;
                    case TeamResult team:
                        team.UpdatedAt = now;
                        break;
                    case ClubEvent ev:
                        ev.UpdatedAt = now;
                        ev.Sequence++;
                        break;
                }
            }

            // A tournament whose lake or ramp moved is a changed calendar event (its location) for iCalendar clients.
            foreach (var tournament in _db.ChangeTracker.Entries<Tournament>().Where(e => e.State == EntityState.Modified).Select(e => e.Entity))
            {
                if (_db.Entry(tournament.Event).State == EntityState.Unchanged)
                {
                    tournament.Event.UpdatedAt = now;
                    tournament.Event.Sequence++;
                }
            }

            return [.. Files.Where(f => _rows.ContainsKey(f.File)).Select(f =>
            {
                var states = (_touched.GetValueOrDefault(f.File) ?? []).Select(State).ToList();
                return new ImportFileCount(
                    f.File, Rows(f.File).Count,
                    states.Count(s => s == EntityState.Added),
                    states.Count(s => s == EntityState.Modified),
                    states.Count(s => s == EntityState.Unchanged));
            })];
        }

        private EntityState State(object entity)
        {
            var state = _db.Entry(entity).State;
            return entity is Tournament { Event: var ev } && state == EntityState.Unchanged ? _db.Entry(ev).State : state;
        }
    }
}
