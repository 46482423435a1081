using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Podium.Modules.Club;
using Podium.Modules.Club.Domain;
using Podium.Modules.Club.Features.Polls;
using Podium.Platform.Data;
using Podium.Platform.Identity;
using Podium.Platform.Jobs;
using Podium.Platform.Modules.Commands;
using Podium.Platform.Modules.LocalTime;
using Podium.Platform.Modules.Idempotency;
using Podium.Platform.Realtime;
using Podium.Platform.Security;
using Podium.Tests.Infrastructure;

namespace Podium.Tests.Modules.Club;

/// <summary>An app whose clock the poll tests move, with the scheduler off so only the test closes polls.</summary>
public abstract class ClubPollsFixture(DatabaseProvider provider) : AppFixture(provider)
{
    public TestClock Clock { get; } = new();

    public RecordingLiveUpdates Live { get; } = new();

    public void SetNow(DateTime utc) => Clock.Advance(utc - Clock.GetUtcNow().UtcDateTime);

    public void ResetClock() => Clock.Advance(TimeProvider.System.GetUtcNow() - Clock.GetUtcNow());

    protected override void Configure(PodiumAppFactory app) =>
        app.WithSetting("Podium:Jobs:Enabled", "false").WithServices(services => services.AddSingleton<TimeProvider>(Clock).AddSingleton<ILiveUpdates>(Live));
}

/// <summary>What the app published, instead of sending it to a hub (the hub itself is tested by the platform).</summary>
public sealed class SqliteClubPollsFixture() : ClubPollsFixture(DatabaseProvider.Sqlite);

public sealed class PostgresClubPollsFixture() : ClubPollsFixture(DatabaseProvider.Postgres);

/// <summary>Polls end to end on a real database: who votes, once, when; who sees counts; closing exactly once across DST.</summary>
public abstract class ClubPollsTests
{
    private static readonly LocalZone Chicago = LocalZone.Find("America/Chicago");
    private readonly ClubPollsFixture _fixture;
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    protected ClubPollsTests(ClubPollsFixture fixture)
    {
        _fixture = fixture;

        // Tests share the app (and its clock); each starts at the real time.
        fixture.ResetClock();
    }

    private DateTime Now => _fixture.Clock.GetUtcNow().UtcDateTime;

    [Fact]
    public async Task Vote_WhenOneMemberSendsTheSameVoteConcurrently_KeepsExactlyOneRow()
    {
        var poll = await OpenPollAsync();
        var (session, angler) = await SignedInMemberAsync();
        var option = poll.Options[1].Id;

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => session.Client.PostAsJsonAsync(VotesUrl(poll.Id), new { optionId = option }, _ct)));

        responses.Count(r => r.StatusCode == HttpStatusCode.Created).ShouldBe(1, string.Join(", ", responses.Select(r => r.StatusCode)));
        responses.Count(r => r.StatusCode == HttpStatusCode.OK).ShouldBe(3);
        foreach (var response in responses)
        {
            (await response.Content.ReadFromJsonAsync<JsonElement>(_ct)).GetProperty("optionId").GetGuid().ShouldBe(option);
        }

        (await VotesAsync(poll.Id)).ShouldHaveSingleItem().AnglerId.ShouldBe(angler.Id);
    }

    [Fact]
    public async Task Vote_WhenSentConcurrentlyWithOneIdempotencyKey_RecordsOnce_AndEveryAnswerIsTheFirst201()
    {
        var poll = await OpenPollAsync();
        var (session, angler) = await SignedInMemberAsync();
        var key = Guid.NewGuid().ToString();

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => VoteWithKeyAsync(session, poll.Id, poll.Options[1].Id, key)));

        // Without the key the same four answer one 201 and three 200s; with it, every retry is the first answer again.
        responses.Select(r => r.StatusCode).ShouldAllBe(s => s == HttpStatusCode.Created);
        responses.Count(r => r.Headers.Contains(IdempotencyExtensions.ReplayedHeaderName)).ShouldBe(3);
        var bodies = await Task.WhenAll(responses.Select(r => r.Content.ReadAsStringAsync(_ct)));
        bodies.Distinct().ShouldHaveSingleItem();
        (await VotesAsync(poll.Id)).ShouldHaveSingleItem().AnglerId.ShouldBe(angler.Id);
        _fixture.Live.Sent.Count(s => s.Topic == ClubLiveTopics.ForPollResults(poll.Id)).ShouldBe(1);
        (await VoteWithKeyAsync(session, poll.Id, poll.Options[0].Id, key)).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
    }

    private Task<HttpResponseMessage> VoteWithKeyAsync(FormSession session, Guid pollId, Guid optionId, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, VotesUrl(pollId)) { Content = JsonContent.Create(new { optionId }) };
        request.Headers.Add(IdempotencyExtensions.HeaderName, key);
        return session.Client.SendAsync(request, _ct);
    }

    [Fact]
    public async Task Vote_WhenOneMemberSendsDifferentVotesConcurrently_KeepsOneAndAnswersTheOther409()
    {
        var poll = await OpenPollAsync();
        var (session, _) = await SignedInMemberAsync();

        var responses = await Task.WhenAll(
            session.Client.PostAsJsonAsync(VotesUrl(poll.Id), new { optionId = poll.Options[0].Id }, _ct),
            session.Client.PostAsJsonAsync(VotesUrl(poll.Id), new { optionId = poll.Options[1].Id }, _ct));

        responses.Select(r => r.StatusCode).Order().ShouldBe([HttpStatusCode.Created, HttpStatusCode.Conflict]);
        var kept = (await VotesAsync(poll.Id)).ShouldHaveSingleItem();
        var conflict = await responses.Single(r => r.StatusCode == HttpStatusCode.Conflict).Content.ReadFromJsonAsync<JsonElement>(_ct);
        conflict.GetProperty("title").GetString().ShouldBe("Already voted");
        conflict.GetProperty("vote").GetProperty("optionId").GetGuid().ShouldBe(kept.OptionId!.Value);
    }

    [Fact]
    public async Task Vote_WhenGuestLapsedNonAnglerOrAnonymous_IsRefusedAndRecordsNothing()
    {
        var poll = await OpenPollAsync();
        var body = new { optionId = poll.Options[0].Id };
        var (guest, _) = await SignedInMemberAsync(kind: MembershipKind.Guest);
        var (lapsed, _) = await SignedInMemberAsync(duesPaidThrough: new DateOnly(2020, 12, 31));
        var stranger = new FormSession(_fixture.App);
        var strangerEmail = $"stranger-{Guid.NewGuid():N}@example.org";
        await TestUsers.CreateAsync(_fixture.App, strangerEmail);
        await stranger.SignInAsync(strangerEmail, TestUsers.Password);

        foreach (var session in new[] { guest, lapsed, stranger })
        {
            var response = await session.Client.PostAsJsonAsync(VotesUrl(poll.Id), body, _ct);
            response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
            (await response.Content.ReadFromJsonAsync<JsonElement>(_ct)).GetProperty("detail").GetString()!.ShouldContain("good standing");
        }

        (await new FormSession(_fixture.App).Client.PostAsJsonAsync(VotesUrl(poll.Id), body, _ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await VotesAsync(poll.Id)).ShouldBeEmpty();

        // The page tells a lapsed member why there is no form.
        var html = await lapsed.GetPageAsync($"/club/polls/{poll.Id}");
        html.ShouldNotContain("data-testid=\"vote-form\"");
        html.ShouldContain("good standing");
    }

    [Fact]
    public async Task PollPage_WhenTheReaderCannotVote_StillListsTheChoices_AndSaysWhy()
    {
        var poll = await OpenPollAsync(allowOther: true);
        var path = $"/club/polls/{poll.Id}";
        var (guest, _) = await SignedInMemberAsync(kind: MembershipKind.Guest);
        var (lapsed, _) = await SignedInMemberAsync(duesPaidThrough: new DateOnly(2020, 12, 31));
        var (member, _) = await SignedInMemberAsync();
        var stranger = new FormSession(_fixture.App);
        var strangerEmail = $"stranger-{Guid.NewGuid():N}@example.org";
        await TestUsers.CreateAsync(_fixture.App, strangerEmail);
        await stranger.SignInAsync(strangerEmail, TestUsers.Password);

        var pages = new Dictionary<string, string>
        {
            ["visitor"] = await _fixture.CreateClient().GetStringAsync(path, _ct),
            ["guest"] = await guest.GetPageAsync(path),
            ["lapsed"] = await lapsed.GetPageAsync(path),
            ["stranger"] = await stranger.GetPageAsync(path),
        };

        foreach (var (who, html) in pages)
        {
            html.ShouldNotContain("data-testid=\"vote-form\"", customMessage: who);
            var choices = Section(html, "poll-options");
            choices.ShouldContain("Lake Travis", customMessage: who);
            choices.ShouldContain("Lake LBJ", customMessage: who);
            choices.ShouldContain("write in", customMessage: who);
        }

        Section(pages["visitor"], "why-no-vote").ShouldContain($"/account/sign-in?returnUrl={Uri.EscapeDataString(path)}");
        Section(pages["guest"], "why-no-vote").ShouldContain("Guests fish with the club but don&#x27;t vote");
        Section(pages["lapsed"], "why-no-vote").ShouldContain("paid through December 31, 2020");
        Section(pages["stranger"], "why-no-vote").ShouldContain("not linked to a club angler");

        // A member who can vote sees the same choices in the form, not twice.
        var ballot = await member.GetPageAsync(path);
        ballot.ShouldContain("data-testid=\"vote-form\"");
        ballot.ShouldNotContain("data-testid=\"poll-options\"");
    }

    [Fact]
    public async Task LocationPollPage_SaysLakeRampAndLocalTimes_InTheBallotTheListAndTheResults_WithUtcInstantsAndNoStraySpaces()
    {
        _fixture.SetNow(new DateTime(2026, 10, 20, 17, 0, 0, DateTimeKind.Utc));
        var lake = await LakeAsync();
        var tournament = await TournamentAsync(new DateTime(2026, 11, 14, 12, 30, 0, DateTimeKind.Utc)); // 6:30 AM CST
        var poll = new Poll
        {
            Kind = PollKind.Location,
            Title = "Where do we fish on November 14?",
            TournamentId = tournament.Id,
            OpensAt = Now.AddHours(-1),
            ClosesAt = Now.AddDays(2),
            CreatedAt = Now,
        };

        // Saved without the times in its text (as older polls and the demo data are): the page works them out.
        poll.Options.Add(new PollOption { SortOrder = 0, Text = $"{lake.Name} · North Ramp", LakeId = lake.Id, RampId = lake.Ramps[0].Id, StartsAt = tournament.Event.StartsAt, EndsAt = tournament.Event.EndsAt });
        await using (var scope = _fixture.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PodiumDbContext>();
            db.Add(poll);
            await db.SaveChangesAsync(_ct);
        }

        var path = $"/club/polls/{poll.Id}";
        var option = $"{lake.Name} · North Ramp · Sat, Nov 14, 6:30 AM–2:30 PM";
        var (voter, _) = await SignedInMemberAsync();

        var visitor = await _fixture.CreateClient().GetStringAsync(path, _ct);
        WebUtility.HtmlDecode(Section(visitor, "poll-options")).ShouldContain(option);
        WebUtility.HtmlDecode(Section(await voter.GetPageAsync(path), "vote-form")).ShouldContain(option);

        // Every instant on the page is UTC and says so; no "<time>" leaves the Z off.
        Regex.Matches(visitor, "datetime=\"([^\"]*)\"").Select(m => m.Groups[1].Value).ShouldAllBe(v => Regex.IsMatch(v, @"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$"));
        visitor.ShouldContain("data-countdown=\"2026-10-22T17:00:00Z\"");

        // Razor's line breaks once left spaces before punctuation: "… tournament ." and "in 2 days ,".
        var text = Regex.Replace(WebUtility.HtmlDecode(Regex.Replace(visitor, "<[^>]+>", "")), @"\s+", " ");
        text.ShouldContain("The winning option becomes the location and time of November tournament.");
        text.ShouldMatch(@"Voting closes in [^,]*[a-z0-9], Thu, Oct 22, 2026 12:00 PM\.");

        (await voter.Client.PostAsJsonAsync(VotesUrl(poll.Id), new { optionId = poll.Options[0].Id }, _ct)).StatusCode.ShouldBe(HttpStatusCode.Created);
        var voted = WebUtility.HtmlDecode(await voter.GetPageAsync(path));
        voted.ShouldContain($"You voted for <strong>{option}</strong>");
        WebUtility.HtmlDecode(Section(voted, "results")).ShouldContain(option);

        await CloseAsync(poll.Id);
        WebUtility.HtmlDecode(await _fixture.CreateClient().GetStringAsync($"{path}?handler=Results", _ct)).ShouldContain($"Winner: <strong>{option}</strong>");
    }

    /// <summary>The element with the given test id, up to the end of the page (enough to look inside it).</summary>
    private static string Section(string html, string testId)
    {
        var at = html.IndexOf($"data-testid=\"{testId}\"", StringComparison.Ordinal);
        at.ShouldBeGreaterThanOrEqualTo(0, $"no {testId} on the page");
        return html[at..];
    }

    [Fact]
    public async Task Vote_BeforeOpeningOrAfterClosing_Answers409AndRecordsNothing()
    {
        // Within the sign-in cookie's 30-minute sliding lifetime, so the refusal is the poll's, not the session's.
        var poll = await OpenPollAsync(opensIn: TimeSpan.FromMinutes(5), closesIn: TimeSpan.FromMinutes(15));
        var (session, _) = await SignedInMemberAsync();
        var body = new { optionId = poll.Options[0].Id };

        var early = await session.Client.PostAsJsonAsync(VotesUrl(poll.Id), body, _ct);
        _fixture.Clock.Advance(TimeSpan.FromMinutes(15));
        var late = await session.Client.PostAsJsonAsync(VotesUrl(poll.Id), body, _ct);

        early.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await early.Content.ReadFromJsonAsync<JsonElement>(_ct)).GetProperty("detail").GetString()!.ShouldContain("not open");
        late.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await late.Content.ReadFromJsonAsync<JsonElement>(_ct)).GetProperty("detail").GetString()!.ShouldContain("closed");
        (await VotesAsync(poll.Id)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Results_AreHiddenUntilTheReaderVoted_AndShownToEveryoneOnceClosed()
    {
        var poll = await OpenPollAsync();
        var (voter, _) = await SignedInMemberAsync();
        var (other, _) = await SignedInMemberAsync();

        var before = await GetPollAsync(voter, poll.Id);
        before.GetProperty("resultsVisible").GetBoolean().ShouldBeFalse();
        before.GetProperty("totalVotes").ValueKind.ShouldBe(JsonValueKind.Null);
        before.GetProperty("options")[0].GetProperty("votes").ValueKind.ShouldBe(JsonValueKind.Null);
        before.GetProperty("canVote").GetBoolean().ShouldBeTrue();

        (await voter.Client.PostAsJsonAsync(VotesUrl(poll.Id), new { optionId = poll.Options[0].Id }, _ct)).StatusCode.ShouldBe(HttpStatusCode.Created);

        var mine = await GetPollAsync(voter, poll.Id);
        mine.GetProperty("totalVotes").GetInt32().ShouldBe(1);
        mine.GetProperty("options")[0].GetProperty("votes").GetInt32().ShouldBe(1);
        mine.GetProperty("myVote").GetProperty("optionId").GetGuid().ShouldBe(poll.Options[0].Id);
        (await GetPollAsync(other, poll.Id)).GetProperty("totalVotes").ValueKind.ShouldBe(JsonValueKind.Null);

        // The live fragment is rendered with the reader's rights too: no counts for someone who has not voted.
        var anonymous = _fixture.CreateClient();
        var fragment = await anonymous.GetStringAsync($"/club/polls/{poll.Id}?handler=Results", _ct);
        fragment.ShouldContain("data-testid=\"results-hidden\"");
        fragment.ShouldNotContain("<progress");
        (await voter.GetPageAsync($"/club/polls/{poll.Id}?handler=Results")).ShouldContain("data-testid=\"votes\">1 (100 %)");
        var page = await voter.GetPageAsync($"/club/polls/{poll.Id}");
        page.ShouldContain($"data-live-topic=\"{ClubLiveTopics.ForPollResults(poll.Id)}\"");
        (await other.GetPageAsync($"/club/polls/{poll.Id}")).ShouldContain($"data-live-topic=\"{ClubLiveTopics.ForPoll(poll.Id)}\"");
        page.ShouldContain("hx-trigger=\"live\"");
        page.ShouldContain("You voted for <strong>Lake Travis</strong>");

        await CloseAsync(poll.Id);
        (await GetPollAsync(other, poll.Id)).GetProperty("totalVotes").GetInt32().ShouldBe(1);
        (await anonymous.GetStringAsync($"/club/polls/{poll.Id}?handler=Results", _ct)).ShouldContain("Winner: <strong>Lake Travis</strong>");
    }

    [Fact]
    public async Task VoteAndClose_PublishVotesOnlyToTheResultsTopic_TheCloseToBoth_AndNothingButTheEventName()
    {
        var poll = await OpenPollAsync();

        await CastAsync(poll.Id, poll.Options[0].Id);
        await CloseAsync(poll.Id);

        // The close is announced by the PollClosed event's subscriber, through the outbox, just after the commit.
        await Eventually.HoldsAsync(
            () => Task.FromResult(_fixture.Live.Sent.Any(s => s.Topic == ClubLiveTopics.ForPoll(poll.Id))), TimeSpan.FromSeconds(10), "the close published live");
        _fixture.Live.Sent.Where(s => s.Topic == ClubLiveTopics.ForPollResults(poll.Id)).Select(s => (s.Name, s.Data)).ShouldBe([("vote", null), ("closed", null)]);
        _fixture.Live.Sent.Where(s => s.Topic == ClubLiveTopics.ForPoll(poll.Id)).Select(s => (s.Name, s.Data)).ShouldBe([("closed", null)]);
    }

    [Fact]
    public async Task FollowingTheResultsTopic_WhileOpen_IsForVotersOnly_AndOnceClosedForEveryone()
    {
        var poll = await OpenPollAsync();
        var otherPoll = await OpenPollAsync();
        var (voter, voterAngler) = await SignedInMemberAsync();
        var (_, nonVoter) = await SignedInMemberAsync();
        var topic = ClubLiveTopics.ForPollResults(poll.Id);
        (await MayFollowAsync(voterAngler, topic)).ShouldBeFalse();

        (await voter.Client.PostAsJsonAsync(VotesUrl(poll.Id), new { optionId = poll.Options[0].Id }, _ct)).StatusCode.ShouldBe(HttpStatusCode.Created);

        (await MayFollowAsync(voterAngler, topic)).ShouldBeTrue();
        (await MayFollowAsync(nonVoter, topic)).ShouldBeFalse();
        (await MayFollowAsync(null, topic)).ShouldBeFalse();
        (await MayFollowAsync(voterAngler, ClubLiveTopics.ForPollResults(otherPoll.Id))).ShouldBeFalse();
        (await MayFollowAsync(voterAngler, ClubLiveTopics.ForPollResults(Guid.NewGuid()))).ShouldBeFalse();
        (await MayFollowAsync(voterAngler, ClubLiveTopics.PollResults + ":not-a-poll")).ShouldBeFalse();
        (await MayFollowAsync(voterAngler, ClubLiveTopics.ForPoll(poll.Id))).ShouldBeFalse();

        await CloseAsync(poll.Id);
        (await MayFollowAsync(nonVoter, topic)).ShouldBeTrue();
        (await MayFollowAsync(null, topic)).ShouldBeTrue();
    }

    [Fact]
    public async Task LocationPoll_ClosingOnTheNovemberDstNight_ClosesAtTheFirstOneThirty_MovesTheTournament_AndOnlyOnce()
    {
        _fixture.SetNow(new DateTime(2026, 10, 20, 17, 0, 0, DateTimeKind.Utc));
        var (lake, otherLake) = (await LakeAsync(), await LakeAsync());
        var tournament = await TournamentAsync(new DateTime(2026, 11, 14, 12, 30, 0, DateTimeKind.Utc));
        CommandResult<Guid> created;
        await using (var scope = _fixture.CreateScope())
        {
            created = await scope.ServiceProvider.GetRequiredService<PollEditor>().SaveAsync(null, new PollInput
            {
                Kind = PollKind.Location,
                Title = "Where do we fish on November 14?",
                TournamentId = tournament.Id,
                OpensLocal = new DateTime(2026, 10, 21, 8, 0, 0),
                ClosesLocal = new DateTime(2026, 11, 1, 1, 30, 0),
                Options =
                [
                    new PollOptionInput { LakeId = otherLake.Id, RampId = otherLake.Ramps[0].Id, StartsLocal = new DateTime(2026, 11, 14, 6, 30, 0), EndsLocal = new DateTime(2026, 11, 14, 14, 30, 0) },
                    new PollOptionInput(),
                    new PollOptionInput { LakeId = lake.Id, RampId = lake.Ramps[1].Id, StartsLocal = new DateTime(2026, 11, 15, 7, 0, 0), EndsLocal = new DateTime(2026, 11, 15, 15, 0, 0) },
                ],
            }, Guid.NewGuid(), _ct);
        }

        created.Succeeded.ShouldBeTrue(string.Join("; ", created.Errors.SelectMany(e => e.Value)));
        var pollId = created.Value;
        var closesAt = new DateTime(2026, 11, 1, 6, 30, 0, DateTimeKind.Utc); // 01:30 CDT, the first of the two 01:30s
        var poll = await PollAsync(pollId);
        poll.ClosesAt.ShouldBe(closesAt);
        var winning = poll.Options.Single(o => o.LakeId == lake.Id);
        winning.Text.ShouldBe($"{lake.Name} · {lake.Ramps[1].Name} · Sun Nov 15, 7:00 AM–3:00 PM");

        _fixture.SetNow(new DateTime(2026, 10, 25, 15, 0, 0, DateTimeKind.Utc));
        await CastAsync(pollId, winning.Id);
        await CastAsync(pollId, winning.Id);
        await CastAsync(pollId, poll.Options.Single(o => o.LakeId == otherLake.Id).Id);

        _fixture.SetNow(closesAt.AddSeconds(-1));
        (await CloseDueAsync()).ShouldBe(0);
        (await PollAsync(pollId)).ClosedAt.ShouldBeNull();

        _fixture.SetNow(closesAt);
        (await CloseDueAsync()).ShouldBe(1);
        var closed = await PollAsync(pollId);
        closed.ClosedAt.ShouldNotBeNull().ShouldBeGreaterThanOrEqualTo(closesAt);
        closed.WinningOptionId.ShouldBe(winning.Id);
        var moved = await TournamentAsync(tournament.Id);
        (moved.LakeId, moved.RampId).ShouldBe((lake.Id, lake.Ramps[1].Id));
        moved.Event.StartsAt.ShouldBe(new DateTime(2026, 11, 15, 13, 0, 0, DateTimeKind.Utc)); // 07:00 CST
        moved.Event.EndsAt.ShouldBe(new DateTime(2026, 11, 15, 21, 0, 0, DateTimeKind.Utc));
        moved.Event.Sequence.ShouldBe(1);
        moved.Season.ShouldBe(2026);

        // A second run (another instance, a retry, an officer's click) finds nothing to do and changes nothing.
        _fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        (await CloseDueAsync()).ShouldBe(0);
        await using (var scope = _fixture.CreateScope())
        {
            (await scope.ServiceProvider.GetRequiredService<PollCloser>().CloseAsync(pollId, Guid.NewGuid(), _ct)).ShouldBeNull();
        }

        (await PollAsync(pollId)).ClosedAt.ShouldBe(closed.ClosedAt);
        var again = await TournamentAsync(tournament.Id);
        (again.Event.Sequence, again.Event.StartsAt, again.LakeId).ShouldBe((1, moved.Event.StartsAt, lake.Id));
    }

    [Fact]
    public async Task Close_WhenTwoClosersRaceOnOnePoll_OnlyOneCloses()
    {
        var poll = await OpenPollAsync();
        await CastAsync(poll.Id, poll.Options[0].Id);

        var winners = await Task.WhenAll(CloseOnceAsync(poll.Id), CloseOnceAsync(poll.Id), CloseOnceAsync(poll.Id));

        winners.Count(w => w is not null).ShouldBe(1);
        (await PollAsync(poll.Id)).WinningOptionId.ShouldBe(poll.Options[0].Id);
    }

    [Fact]
    public async Task CloseNow_WhenTied_GivesItToTheOptionListedFirst_AndThePageSaysItWasATie()
    {
        var poll = await OpenPollAsync();
        await CastAsync(poll.Id, poll.Options[1].Id);
        await CastAsync(poll.Id, poll.Options[0].Id);
        var (session, _) = await SignedInMemberAsync();

        PollWinner? winner;
        await using (var scope = _fixture.CreateScope())
        {
            winner = await scope.ServiceProvider.GetRequiredService<PollCloser>().CloseAsync(poll.Id, Guid.NewGuid(), _ct);
        }

        winner.ShouldBe(new PollWinner(poll.Options[0].Id, Tie: true));
        var page = await session.GetPageAsync($"/club/polls/{poll.Id}");
        page.ShouldContain("data-testid=\"tie\"");
        page.ShouldNotContain("data-testid=\"vote-form\"");
        (await session.Client.PostAsJsonAsync(VotesUrl(poll.Id), new { optionId = poll.Options[0].Id }, _ct)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    [Theory]
    [InlineData("{}", "optionId")]
    [InlineData("{\"optionId\":null,\"other\":\"   \"}", "optionId")]
    [InlineData("{\"optionId\":\"00000000-0000-0000-0000-000000000001\"}", "optionId")]
    [InlineData("{\"other\":\"Lake Buchanan\"}", "other")]
    public async Task Vote_WithGarbage_Answers400WithTheFieldAndRecordsNothing(string json, string field)
    {
        var poll = await OpenPollAsync();
        var (session, _) = await SignedInMemberAsync();

        var response = await session.Client.PostAsync(VotesUrl(poll.Id), new StringContent(json, Encoding.UTF8, "application/json"), _ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonElement>(_ct)).GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue();
        (await VotesAsync(poll.Id)).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("{\"optionId\":\"not-a-guid\"}")]
    [InlineData("not json")]
    [InlineData("")]
    public async Task Vote_WithUnreadableBody_Answers400ProblemAndRecordsNothing(string body)
    {
        var poll = await OpenPollAsync();
        var (session, _) = await SignedInMemberAsync();

        var response = await session.Client.PostAsync(VotesUrl(poll.Id), new StringContent(body, Encoding.UTF8, "application/json"), _ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await VotesAsync(poll.Id)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Vote_WithWriteInWhereAllowed_CountsAsOther_AndTooLongIsRefused()
    {
        var poll = await OpenPollAsync(allowOther: true);
        var (session, _) = await SignedInMemberAsync();

        (await session.Client.PostAsJsonAsync(VotesUrl(poll.Id), new { other = new string('x', 201) }, _ct)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await session.Client.PostAsJsonAsync(VotesUrl(poll.Id), new { other = " Lake Buchanan " }, _ct)).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await session.Client.PostAsJsonAsync(VotesUrl(poll.Id), new { other = "lake buchanan" }, _ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var view = await GetPollAsync(session, poll.Id);
        view.GetProperty("otherAnswers")[0].GetProperty("text").GetString().ShouldBe("Lake Buchanan");
        view.GetProperty("totalVotes").GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task VotePage_WithoutAChoice_ShowsTheReasonAndRecordsNothing()
    {
        var poll = await OpenPollAsync();
        var (session, _) = await SignedInMemberAsync();

        var response = await session.SubmitAsync($"/club/polls/{poll.Id}?handler=Vote", new Dictionary<string, string> { ["Choice"] = "nonsense" }, $"/club/polls/{poll.Id}");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync(_ct)).ShouldContain("Choose an option.");
        (await VotesAsync(poll.Id)).ShouldBeEmpty();

        var voted = await session.SubmitAsync($"/club/polls/{poll.Id}?handler=Vote", new Dictionary<string, string> { ["Choice"] = poll.Options[0].Id.ToString() }, $"/club/polls/{poll.Id}");
        voted.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await VotesAsync(poll.Id)).ShouldHaveSingleItem();
    }

    [Fact]
    public async Task Editor_WithGarbage_RefusesWithFriendlyMessages_AndSavesNothing()
    {
        var (lake, other) = (await LakeAsync(), await LakeAsync());
        var local = Chicago.ToLocal(Now);
        var cases = new (PollInput Input, string Key, string Message)[]
        {
            (General(i => i.Title = "  "), "Title", "Give the poll a question"),
            (General(i => i.Title = new string('q', 121)), "Title", "at most 120"),
            (General(i => i.ClosesLocal = new DateTime(2027, 3, 14, 2, 30, 0)), "ClosesLocal", "does not exist in America/Chicago"),
            (General(i => i.ClosesLocal = local.AddHours(-1)), "ClosesLocal", "close after it opens"),
            (General(i => (i.OpensLocal, i.ClosesLocal) = (local.AddHours(-3), local.AddHours(-1))), "ClosesLocal", "already passed"),
            (General(i => i.Options = [new PollOptionInput { Text = "Only one" }]), "Options", "at least two"),
            (General(i => i.Options = [new PollOptionInput { Text = "Same" }, new PollOptionInput { Text = "same" }]), "Options[1].Text", "twice"),
            (General(i => i.Kind = (PollKind)42), "Kind", "location poll or a general poll"),
            (Location(null, new PollOptionInput { LakeId = lake.Id }, new PollOptionInput { LakeId = other.Id }), "TournamentId", "Choose the tournament"),
            (Location(Guid.NewGuid(), new PollOptionInput { LakeId = lake.Id }, new PollOptionInput { LakeId = other.Id }), "TournamentId", "scheduled tournament"),
            (Location(null, new PollOptionInput { LakeId = lake.Id, RampId = other.Ramps[0].Id }, new PollOptionInput { LakeId = other.Id }), "Options[0].RampId", $"not on {lake.Name}"),
            (Location(null, new PollOptionInput { LakeId = -5 }, new PollOptionInput { LakeId = other.Id }), "Options[0].LakeId", "Choose a lake"),
            (Location(null, new PollOptionInput { LakeId = lake.Id, StartsLocal = local.AddDays(9) }, new PollOptionInput { LakeId = other.Id }), "Options[0].EndsLocal", "Enter the end"),
            (Location(null, new PollOptionInput { LakeId = lake.Id, StartsLocal = local.AddDays(9), EndsLocal = local.AddDays(8) }, new PollOptionInput { LakeId = other.Id }), "Options[0].EndsLocal", "end after it starts"),
            (Location(null, new PollOptionInput { LakeId = lake.Id, StartsLocal = new DateTime(2027, 3, 14, 2, 15, 0), EndsLocal = new DateTime(2027, 3, 14, 9, 0, 0) }, new PollOptionInput { LakeId = other.Id }), "Options[0].StartsLocal", "spring forward"),
        };
        var before = await CountPollsAsync();

        foreach (var (input, key, message) in cases)
        {
            await using var scope = _fixture.CreateScope();
            var result = await scope.ServiceProvider.GetRequiredService<PollEditor>().SaveAsync(null, input, Guid.NewGuid(), _ct);
            result.Errors.ShouldContainKey(key);
            result.Errors[key][0].ShouldContain(message);
        }

        (await CountPollsAsync()).ShouldBe(before);

        PollInput General(Action<PollInput> change)
        {
            var input = new PollInput
            {
                Title = "Club shirt colour?",
                OpensLocal = local.AddHours(1),
                ClosesLocal = local.AddDays(3),
                Options = [new PollOptionInput { Text = "Blue" }, new PollOptionInput { Text = "Green" }],
            };
            change(input);
            return input;
        }

        PollInput Location(Guid? tournamentId, params PollOptionInput[] options) => new()
        {
            Kind = PollKind.Location,
            Title = "Where next?",
            TournamentId = tournamentId,
            OpensLocal = local.AddHours(1),
            ClosesLocal = local.AddDays(3),
            Options = [.. options],
        };
    }

    [Fact]
    public async Task OfficerPages_CreateEditCloseAndDelete_AndRefuseGarbageAndEditsAfterAVote()
    {
        var (officer, _) = await FormSession.SignedInAdminAsync(_fixture.App, $"officer-{Guid.NewGuid():N}@example.org");
        var local = Chicago.ToLocal(Now);
        string Local(DateTime value) => value.ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture);
        var before = await CountPollsAsync();

        var garbage = await officer.SubmitAsync("/club/manage/polls/edit", new Dictionary<string, string>
        {
            ["Input.Kind"] = "General",
            ["Input.Title"] = "",
            ["Input.OpensLocal"] = "yesterday-ish",
            ["Input.ClosesLocal"] = "2027-03-14T02:30",
            ["Input.Options[0].Text"] = "Blue",
        }, "/club/manage/polls/edit?kind=general");
        garbage.StatusCode.ShouldBe(HttpStatusCode.OK);
        var garbageHtml = await garbage.Content.ReadAsStringAsync(_ct);
        garbageHtml.ShouldContain("data-testid=\"errors\"");
        garbageHtml.ShouldContain("is not valid");
        (await CountPollsAsync()).ShouldBe(before);

        var nonexistent = await officer.SubmitAsync("/club/manage/polls/edit", new Dictionary<string, string>
        {
            ["Input.Kind"] = "General",
            ["Input.Title"] = "Club shirt colour?",
            ["Input.OpensLocal"] = Local(local.AddHours(1)),
            ["Input.ClosesLocal"] = "2027-03-14T02:30",
            ["Input.Options[0].Text"] = "Blue",
            ["Input.Options[1].Text"] = "Green",
        }, "/club/manage/polls/edit?kind=general");
        System.Net.WebUtility.HtmlDecode(await nonexistent.Content.ReadAsStringAsync(_ct)).ShouldContain("March 14, 2027 2:30 AM does not exist in America/Chicago");
        (await CountPollsAsync()).ShouldBe(before);

        var created = await officer.SubmitAsync("/club/manage/polls/edit", new Dictionary<string, string>
        {
            ["Input.Kind"] = "General",
            ["Input.Title"] = "Club shirt colour?",
            ["Input.OpensLocal"] = Local(local.AddHours(-1)),
            ["Input.ClosesLocal"] = Local(local.AddDays(2)),
            ["Input.AllowOther"] = "true",
            ["Input.Options[0].Text"] = "Blue",
            ["Input.Options[1].Text"] = "",
            ["Input.Options[2].Text"] = "Green",
        }, "/club/manage/polls/edit?kind=general");
        created.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var pollId = Guid.Parse(created.Headers.Location!.OriginalString["/club/polls/".Length..]);
        var poll = await PollAsync(pollId);
        poll.Options.Select(o => o.Text).ShouldBe(["Blue", "Green"]);
        poll.AllowOther.ShouldBeTrue();

        var edited = await officer.SubmitAsync($"/club/manage/polls/edit/{pollId}", new Dictionary<string, string>
        {
            ["Input.Kind"] = "General",
            ["Input.Title"] = "Club shirt colour, 2027?",
            ["Input.OpensLocal"] = Local(local.AddHours(-1)),
            ["Input.ClosesLocal"] = Local(local.AddDays(2)),
            ["Input.Options[0].Text"] = "Blue",
            ["Input.Options[1].Text"] = "Green",
            ["Input.Options[2].Text"] = "Orange",
        });
        edited.StatusCode.ShouldBe(HttpStatusCode.Redirect, await edited.Content.ReadAsStringAsync(_ct));
        (await PollAsync(pollId)).Options.Count.ShouldBe(3);
        // The overview lists the five open polls closing soonest; this class's other tests leave more than five open.
        (await officer.GetPageAsync("/club")).ShouldContain("data-testid=\"open-polls\"");
        (await officer.GetPageAsync("/club/polls")).ShouldContain("Club shirt colour, 2027?");

        await CastAsync(pollId, (await PollAsync(pollId)).Options[2].Id);
        (await officer.GetPageAsync($"/club/manage/polls/edit/{pollId}")).ShouldContain("data-testid=\"locked\"");
        var late = await officer.SubmitAsync($"/club/manage/polls/edit/{pollId}", new Dictionary<string, string> { ["Input.Title"] = "Changed after a vote" }, "/club/manage/polls");
        (await late.Content.ReadAsStringAsync(_ct)).ShouldContain("Members have voted");
        var deleted = await officer.SubmitAsync($"/club/manage/polls?handler=Delete&id={pollId}", new Dictionary<string, string>(), "/club/manage/polls");
        (await deleted.Content.ReadAsStringAsync(_ct)).ShouldContain("stays on record");
        (await PollAsync(pollId)).Title.ShouldBe("Club shirt colour, 2027?");

        var closed = await officer.SubmitAsync($"/club/manage/polls?handler=Close&id={pollId}", new Dictionary<string, string>(), "/club/manage/polls");
        (await closed.Content.ReadAsStringAsync(_ct)).ShouldContain("The poll is closed.");
        (await PollAsync(pollId)).WinningOptionId.ShouldBe((await PollAsync(pollId)).Options[2].Id);

        var empty = await OpenPollAsync();
        await officer.SubmitAsync($"/club/manage/polls?handler=Delete&id={empty.Id}", new Dictionary<string, string>(), "/club/manage/polls");
        await using var scope = _fixture.CreateScope();
        (await scope.ServiceProvider.GetRequiredService<PodiumDbContext>().Set<Poll>().AnyAsync(p => p.Id == empty.Id, _ct)).ShouldBeFalse();
    }

    [Fact]
    public async Task OfficerPages_WhenAMemberAsks_AreForbidden()
    {
        var (member, _) = await SignedInMemberAsync();

        var response = await member.Client.GetAsync("/club/manage/polls", _ct);

        response.StatusCode.ShouldBeOneOf(HttpStatusCode.Forbidden, HttpStatusCode.Redirect);
        if (response.StatusCode == HttpStatusCode.Redirect)
        {
            response.Headers.Location!.OriginalString.ShouldContain("denied", Case.Insensitive);
        }
    }

    [Fact]
    public async Task List_FiltersByStatus_AndRefusesAnUnknownStatus()
    {
        var open = await OpenPollAsync();
        var upcoming = await OpenPollAsync(opensIn: TimeSpan.FromDays(1), closesIn: TimeSpan.FromDays(2));
        var (session, _) = await SignedInMemberAsync();

        var openList = await session.Client.GetFromJsonAsync<JsonElement>("/api/v1/club/polls?status=open&pageSize=200", _ct);
        var ids = openList.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("id").GetGuid()).ToList();
        ids.ShouldContain(open.Id);
        ids.ShouldNotContain(upcoming.Id);
        openList.GetProperty("items").EnumerateArray().ShouldAllBe(p => p.GetProperty("status").GetString() == "open");

        var bad = await session.Client.GetAsync("/api/v1/club/polls?status=maybe&page=0", _ct);
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await session.Client.GetAsync("/api/v1/club/polls?status=1", _ct)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await session.Client.GetAsync($"/api/v1/club/polls/{Guid.NewGuid()}", _ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await _fixture.CreateClient().GetAsync("/api/v1/club/polls", _ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task List_WhenThePageIsBeyondAnyOffset_IsEmptyRatherThanPageOne()
    {
        await OpenPollAsync();

        var page = await _fixture.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/club/polls?page={int.MaxValue}&pageSize=200", _ct);

        page.GetProperty("items").GetArrayLength().ShouldBe(0);
        page.GetProperty("page").GetInt32().ShouldBe(int.MaxValue);
        page.GetProperty("totalCount").GetInt32().ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task ReadAndVote_WithAKeyLackingTheClubScopes_Answer403_AndWithThemWork()
    {
        var poll = await OpenPollAsync();
        var (_, angler) = await SignedInMemberAsync();
        var profileOnly = await KeyClientAsync(angler, ApiScopes.ProfileRead);
        var readOnly = await KeyClientAsync(angler, ClubScopes.Read);
        var both = await KeyClientAsync(angler, ClubScopes.Read, ClubScopes.PollsVote);
        var body = new { optionId = poll.Options[0].Id };

        (await profileOnly.GetAsync("/api/v1/club/polls", _ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await profileOnly.GetAsync($"/api/v1/club/polls/{poll.Id}", _ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await profileOnly.GetAsync("/api/v1/club/tournaments", _ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var refused = await profileOnly.PostAsJsonAsync(VotesUrl(poll.Id), body, _ct);
        refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        refused.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await readOnly.PostAsJsonAsync(VotesUrl(poll.Id), body, _ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await VotesAsync(poll.Id)).ShouldBeEmpty();

        (await readOnly.GetAsync("/api/v1/club/polls", _ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await both.PostAsJsonAsync(VotesUrl(poll.Id), body, _ct)).StatusCode.ShouldBe(HttpStatusCode.Created);
        var mine = await both.GetFromJsonAsync<JsonElement>($"/api/v1/club/polls/{poll.Id}", _ct);
        mine.GetProperty("myVote").GetProperty("optionId").GetGuid().ShouldBe(poll.Options[0].Id);
        mine.GetProperty("totalVotes").GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task ApiKeyPage_OffersThePollVoteScope()
    {
        var (member, _) = await SignedInMemberAsync();

        (await member.GetPageAsync("/account/manage/api-keys")).ShouldContain(ClubScopes.PollsVote);
    }

    [Fact]
    public async Task Get_Anonymously_ShowsThePollWithoutCountsWhileOpen_AndWithThemOnceClosed()
    {
        var poll = await OpenPollAsync();
        await CastAsync(poll.Id, poll.Options[1].Id);
        var anonymous = _fixture.CreateClient();

        var open = await anonymous.GetFromJsonAsync<JsonElement>($"/api/v1/club/polls/{poll.Id}", _ct);
        open.GetProperty("status").GetString().ShouldBe("open");
        open.GetProperty("resultsVisible").GetBoolean().ShouldBeFalse();
        open.GetProperty("totalVotes").ValueKind.ShouldBe(JsonValueKind.Null);
        open.GetProperty("options")[1].GetProperty("votes").ValueKind.ShouldBe(JsonValueKind.Null);
        open.GetProperty("canVote").GetBoolean().ShouldBeFalse();
        open.GetProperty("myVote").ValueKind.ShouldBe(JsonValueKind.Null);

        await CloseAsync(poll.Id);
        var closed = await anonymous.GetFromJsonAsync<JsonElement>($"/api/v1/club/polls/{poll.Id}", _ct);
        closed.GetProperty("resultsVisible").GetBoolean().ShouldBeTrue();
        closed.GetProperty("totalVotes").GetInt32().ShouldBe(1);
        closed.GetProperty("options")[1].GetProperty("votes").GetInt32().ShouldBe(1);
        closed.GetProperty("winningOptionId").GetGuid().ShouldBe(poll.Options[1].Id);
        var list = await anonymous.GetFromJsonAsync<JsonElement>("/api/v1/club/polls?status=closed&pageSize=200", _ct);
        list.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("id").GetGuid()).ShouldContain(poll.Id);
    }

    [Fact]
    public async Task Times_InEveryPollResponse_AreUtcWithAZone()
    {
        var lake = await LakeAsync();
        var poll = await OpenPollAsync();
        await using (var scope = _fixture.CreateScope())
        {
            // A location option's start and end, so every time field of the poll has a value.
            var db = scope.ServiceProvider.GetRequiredService<PodiumDbContext>();
            var option = await db.Set<PollOption>().SingleAsync(o => o.Id == poll.Options[0].Id, _ct);
            (option.LakeId, option.RampId, option.StartsAt, option.EndsAt) = (lake.Id, lake.Ramps[0].Id, Now.AddDays(3), Now.AddDays(3).AddHours(8));
            await db.SaveChangesAsync(_ct);
        }

        var (session, _) = await SignedInMemberAsync();
        var body = new { optionId = poll.Options[0].Id };
        var created = await (await session.Client.PostAsJsonAsync(VotesUrl(poll.Id), body, _ct)).Content.ReadFromJsonAsync<JsonElement>(_ct);
        var repeated = await (await session.Client.PostAsJsonAsync(VotesUrl(poll.Id), body, _ct)).Content.ReadFromJsonAsync<JsonElement>(_ct);
        await CloseAsync(poll.Id);
        var view = await GetPollAsync(session, poll.Id);
        var summary = (await session.Client.GetFromJsonAsync<JsonElement>("/api/v1/club/polls?status=closed&pageSize=200", _ct))
            .GetProperty("items").EnumerateArray().Single(p => p.GetProperty("id").GetGuid() == poll.Id);

        string[] times =
        [
            created.GetProperty("castAt").GetString()!, repeated.GetProperty("castAt").GetString()!,
            view.GetProperty("opensAt").GetString()!, view.GetProperty("closesAt").GetString()!, view.GetProperty("closedAt").GetString()!,
            view.GetProperty("options")[0].GetProperty("startsAt").GetString()!, view.GetProperty("options")[0].GetProperty("endsAt").GetString()!,
            view.GetProperty("myVote").GetProperty("castAt").GetString()!,
            summary.GetProperty("opensAt").GetString()!, summary.GetProperty("closesAt").GetString()!, summary.GetProperty("closedAt").GetString()!,
        ];
        times.ShouldAllBe(t => t.EndsWith('Z'));
        // The same instant (PostgreSQL keeps microseconds, so the stored copy may have one digit fewer than the first answer).
        repeated.GetProperty("castAt").GetDateTime().ShouldBe(created.GetProperty("castAt").GetDateTime(), TimeSpan.FromMicroseconds(1));
    }

    [Fact]
    public async Task ClosePollsJob_IsRegisteredToRunEveryMinute()
    {
        var registration = _fixture.App.Services.GetServices<PodiumJobRegistration>().Single(r => r.Key == ClosePollsJob.Key);

        registration.JobType.ShouldBe(typeof(ClosePollsJob));
        registration.DefaultSchedule.Interval.ShouldBe(TimeSpan.FromMinutes(1));
        await using var scope = _fixture.CreateScope();
        scope.ServiceProvider.GetRequiredService<ClosePollsJob>().ShouldNotBeNull();
    }

    /// <summary>What the live hub asks before it lets a connection follow <paramref name="topic"/>.</summary>
    private async Task<bool> MayFollowAsync(Angler? angler, string topic)
    {
        await using var scope = _fixture.CreateScope();
        var identity = new ClaimsIdentity();
        if (angler is not null)
        {
            var user = await scope.ServiceProvider.GetRequiredService<UserManager<PodiumUser>>().FindByEmailAsync(angler.Email);
            identity = new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, user.ShouldNotBeNull().Id.ToString())], "test");
        }

        var authorization = scope.ServiceProvider.GetRequiredService<IAuthorizationService>();
        return (await authorization.AuthorizeAsync(new ClaimsPrincipal(identity), topic, PollResultsFollowers.Policy)).Succeeded;
    }

    private static string VotesUrl(Guid pollId) => $"/api/v1/club/polls/{pollId}/votes";

    /// <summary>A client sending an API key of <paramref name="angler"/>'s account with just these scopes.</summary>
    private async Task<HttpClient> KeyClientAsync(Angler angler, params string[] scopes)
    {
        await using var scope = _fixture.CreateScope();
        var owner = (await scope.ServiceProvider.GetRequiredService<UserManager<PodiumUser>>().FindByEmailAsync(angler.Email)).ShouldNotBeNull();
        var created = await scope.ServiceProvider.GetRequiredService<ApiKeyService>().CreateAsync(owner, owner.Id, new ApiKeyRequest("polls", scopes, null, null, false), _ct);
        created.Succeeded.ShouldBeTrue(string.Join(", ", created.Errors.Values));
        var client = _fixture.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", created.Value!.Secret);
        return client;
    }

    private async Task<JsonElement> GetPollAsync(FormSession session, Guid pollId) =>
        await session.Client.GetFromJsonAsync<JsonElement>($"/api/v1/club/polls/{pollId}", _ct);

    private async Task<(FormSession Session, Angler Angler)> SignedInMemberAsync(MembershipKind kind = MembershipKind.Member, DateOnly? duesPaidThrough = null)
    {
        var email = $"member-{Guid.NewGuid():N}@example.org";
        await TestUsers.CreateAsync(_fixture.App, email);
        var angler = new Angler { Name = "Member " + email[7..13], Email = email, Kind = kind, DuesPaidThrough = duesPaidThrough ?? new DateOnly(2099, 12, 31) };
        await using (var scope = _fixture.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PodiumDbContext>();
            db.Add(angler);
            await db.SaveChangesAsync(_ct);

            // Dues are charged, so standing depends on the paid-through date.
            var settings = scope.ServiceProvider.GetRequiredService<ClubSettings>();
            if ((await settings.GetAsync(_ct)).DuesCents == 0)
            {
                await settings.SaveAsync(new ClubSettingsSnapshot("Austin Bass Anglers", "America/Chicago", 5, "", 6000), _ct);
            }
        }

        var session = new FormSession(_fixture.App);
        (await session.SignInAsync(email, TestUsers.Password)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return (session, angler);
    }

    private async Task<Poll> OpenPollAsync(TimeSpan? opensIn = null, TimeSpan? closesIn = null, bool allowOther = false)
    {
        var poll = new Poll
        {
            Kind = PollKind.General,
            Title = "Which lake in April?",
            OpensAt = Now + (opensIn ?? TimeSpan.FromHours(-1)),
            ClosesAt = Now + (closesIn ?? TimeSpan.FromHours(12)),
            AllowOther = allowOther,
            CreatedAt = Now,
        };
        poll.Options.Add(new PollOption { Text = "Lake Travis", SortOrder = 0 });
        poll.Options.Add(new PollOption { Text = "Lake LBJ", SortOrder = 1 });
        await using var scope = _fixture.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PodiumDbContext>();
        db.Add(poll);
        await db.SaveChangesAsync(_ct);
        return poll;
    }

    /// <summary>A vote by a new member in good standing, through the same service the API uses.</summary>
    private async Task CastAsync(Guid pollId, Guid optionId)
    {
        await using var scope = _fixture.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PodiumDbContext>();
        var angler = new Angler { Name = "Voter", Email = $"voter-{Guid.NewGuid():N}@example.org" };
        db.Add(angler);
        await db.SaveChangesAsync(_ct);
        var result = await scope.ServiceProvider.GetRequiredService<ClubPolls>().VoteAsync(new ClubViewer(null, ClubViewerAngler.Of(angler), false, true), pollId, new VoteInput(optionId, null), _ct);
        result.Status.ShouldBe(VoteStatus.Recorded, result.Message);
    }

    private async Task CloseAsync(Guid pollId) => (await CloseOnceAsync(pollId)).ShouldNotBeNull();

    private async Task<PollWinner?> CloseOnceAsync(Guid pollId)
    {
        await using var scope = _fixture.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<PollCloser>().CloseAsync(pollId, null, _ct);
    }

    private async Task<int> CloseDueAsync()
    {
        await using var scope = _fixture.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<PollCloser>().CloseDueAsync(_ct);
    }

    private async Task<Poll> PollAsync(Guid id)
    {
        await using var scope = _fixture.CreateScope();
        var poll = await scope.ServiceProvider.GetRequiredService<PodiumDbContext>().Set<Poll>().AsNoTracking().Include(p => p.Options).SingleAsync(p => p.Id == id, _ct);
        poll.Options.Sort((a, b) => a.SortOrder.CompareTo(b.SortOrder));
        return poll;
    }

    private async Task<List<PollVote>> VotesAsync(Guid pollId)
    {
        await using var scope = _fixture.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<PodiumDbContext>().Set<PollVote>().AsNoTracking().Where(v => v.PollId == pollId).ToListAsync(_ct);
    }

    private async Task<int> CountPollsAsync()
    {
        await using var scope = _fixture.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<PodiumDbContext>().Set<Poll>().CountAsync(_ct);
    }

    private async Task<Lake> LakeAsync()
    {
        var name = $"Lake {Guid.NewGuid().ToString("N")[..8]}";
        var lake = new Lake { Name = name, Slug = Lake.SlugOf(name), Ramps = [new Ramp { Name = "North Ramp" }, new Ramp { Name = "South Park" }] };
        await using var scope = _fixture.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PodiumDbContext>();
        db.Add(lake);
        await db.SaveChangesAsync(_ct);
        return lake;
    }

    private async Task<Tournament> TournamentAsync(DateTime startsAt)
    {
        var tournament = new Tournament
        {
            Event = new ClubEvent { Kind = EventKind.Tournament, Title = "November tournament", StartsAt = startsAt, EndsAt = startsAt.AddHours(8) },
            Season = Chicago.SeasonOf(startsAt),
        };
        tournament.Id = tournament.Event.Id;
        await using var scope = _fixture.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PodiumDbContext>();
        db.Add(tournament);
        await db.SaveChangesAsync(_ct);
        return tournament;
    }

    private async Task<Tournament> TournamentAsync(Guid id)
    {
        await using var scope = _fixture.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<PodiumDbContext>().Set<Tournament>().AsNoTracking().Include(t => t.Event).SingleAsync(t => t.Id == id, _ct);
    }
}

public sealed class SqliteClubPollsTests(SqliteClubPollsFixture fixture) : ClubPollsTests(fixture), IClassFixture<SqliteClubPollsFixture>;

public sealed class PostgresClubPollsTests(PostgresClubPollsFixture fixture) : ClubPollsTests(fixture), IClassFixture<PostgresClubPollsFixture>;

public sealed class ClubPollTallyTests
{
    private static readonly Guid A = Guid.CreateVersion7(), B = Guid.CreateVersion7(), C = Guid.CreateVersion7();

    [Fact]
    public void Decide_WhenOneOptionLeads_ItWinsWithoutATie() =>
        PollTally.Decide([new(A, 1), new(B, 3), new(C, 2)]).ShouldBe(new PollWinner(B, false));

    [Fact]
    public void Decide_WhenTied_TheOptionListedFirstWinsAndItIsATie() =>
        PollTally.Decide([new(A, 1), new(B, 3), new(C, 3)]).ShouldBe(new PollWinner(B, true));

    [Fact]
    public void Decide_WhenNobodyChoseAnOption_ThereIsNoWinner()
    {
        PollTally.Decide([new(A, 0), new(B, 0)]).ShouldBe(new PollWinner(null, false));
        PollTally.Decide([]).ShouldBe(new PollWinner(null, false));
    }
}
