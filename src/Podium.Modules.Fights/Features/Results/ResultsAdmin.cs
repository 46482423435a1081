using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Podium.Modules.Fights.Model;
using Podium.Platform.Api;
using Podium.Platform.Data;
using Podium.Platform.Identity;
using Podium.Platform.Modules.Commands;
using Podium.Platform.Security;

namespace Podium.Modules.Fights.Features.Results;

/// <summary>Who records results by hand: administrators and organizers (the management pages' policy too).</summary>
/// <summary>A result as a form or a JSON body gives it: names, not numbers, so a typo is an error rather than another value.</summary>
/// <param name="Outcome"><c>winA</c>, <c>winB</c>, <c>draw</c> or <c>noContest</c>; empty or null clears the result.</param>
/// <param name="Method"><c>koTko</c>, <c>submission</c>, <c>unanimousDecision</c>, <c>splitDecision</c>, <c>majorityDecision</c>, <c>disqualification</c>.</param>
/// <param name="TimeSeconds">Into the round.</param>
internal sealed record ResultInput(string? Outcome, string? Method, int? Round, int? TimeSeconds)
{
    public const int MaxRoundSeconds = 300;

    /// <summary>The result, or field errors; a null result (no outcome) clears the bout's.</summary>
    public CommandResult<BoutResult?> Parse()
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        BoutOutcome? outcome = null;
        if (!string.IsNullOrWhiteSpace(Outcome))
        {
            if (Named<BoutOutcome>(Outcome) is { } o)
            {
                outcome = o;
            }
            else
            {
                errors["outcome"] = $"The outcome is {ApiEnums.Choices<BoutOutcome>()}.";
            }
        }

        FinishMethod? method = null;
        if (!string.IsNullOrWhiteSpace(Method))
        {
            if (Named<FinishMethod>(Method) is { } m)
            {
                method = m;
            }
            else
            {
                errors["method"] = $"The method is {ApiEnums.Choices<FinishMethod>()}.";
            }
        }

        if (Round is < 1 or > 5)
        {
            errors["round"] = "The round is from 1 to 5.";
        }

        if (TimeSeconds is < 0 or > MaxRoundSeconds)
        {
            errors["timeSeconds"] = "The time into the round is from 0:00 to 5:00.";
        }

        if (outcome is null && errors.Count == 0 && (method is not null || Round is not null || TimeSeconds is not null))
        {
            errors["outcome"] = "Give the outcome with the method, round and time (or nothing, to clear the result).";
        }

        if (errors.Count > 0)
        {
            return CommandResult<BoutResult?>.Invalid(errors);
        }

        return CommandResult<BoutResult?>.Ok(outcome is { } value
            ? new BoutResult(value, method, Round, TimeSeconds is { } s ? TimeSpan.FromSeconds(s) : null)
            : null);
    }

    private static T? Named<T>(string text)
        where T : struct, Enum =>
        ApiEnums.TryParse<T>(text.Trim(), out var value) ? value : null;
}

internal sealed record ResultDto(Guid BoutId, string? Outcome, string? Method, int? Round, int? TimeSeconds, bool Changed, int MembersRescored);

/// <summary>A bout awaiting or carrying a result, for the management page.</summary>
internal sealed record ResultRow(Guid BoutId, string EventName, string EventSlug, DateTime LocksAt, int Order, int ScheduledRounds, string FighterA, string FighterB, BoutResult? Result);

/// <summary>The management page's list and the admin API: results go through <see cref="ResultRecorder"/> like a feed's.</summary>
internal sealed class ResultsAdmin(PodiumDbContext db, TimeProvider time)
{
    /// <summary>Bouts already fought (locked), newest first; <paramref name="unscoredOnly"/> keeps those with no result yet.</summary>
    public async Task<PagedList<ResultRow>> ListAsync(bool unscoredOnly, PageRequest page, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var bouts = db.Set<Bout>().AsNoTracking()
            .Where(b => b.Status != BoutStatus.Cancelled && (b.StartsAt ?? b.Event.StartsAt) <= now && (!unscoredOnly || b.Outcome == null));
        var total = await bouts.CountAsync(cancellationToken);
        var rows = await bouts.OrderByDescending(b => b.Event.StartsAt).ThenBy(b => b.EventId).ThenBy(b => b.Order)
            .Skip(page.Skip).Take(page.PageSize)
            .Select(b => new
            {
                b.Id, Event = b.Event.Name, b.Event.Slug, LocksAt = b.StartsAt ?? b.Event.StartsAt, b.Order, b.ScheduledRounds,
                A = b.FighterA.Name, B = b.FighterB.Name, b.Outcome, b.Method, b.Round, b.TimeSeconds,
            })
            .ToListAsync(cancellationToken);
        return page.Of(
            [.. rows.Select(r => new ResultRow(r.Id, r.Event, r.Slug, r.LocksAt, r.Order, r.ScheduledRounds, r.A, r.B,
                r.Outcome is { } o ? new BoutResult(o, r.Method, r.Round, r.TimeSeconds is { } s ? TimeSpan.FromSeconds(s) : null) : null))],
            total);
    }
}

internal static class ResultsApi
{
    public static RouteGroupBuilder MapFightResultsApi(this RouteGroupBuilder api)
    {
        api.MapPut("/bouts/{id:guid}/result", Put).RequireScope(FightsScopes.Results).RequireAuthorization(FightsPolicies.Manage)
            .ProducesProblems(StatusCodes.Status404NotFound)
            .WithName("PutFightsBoutResult")
            .WithSummary("Records or corrects a bout's result (no outcome clears it) and scores its predictions; the same result again changes nothing.");
        return api;
    }

    internal static async Task<Results<Ok<ResultDto>, ValidationProblem, ProblemHttpResult>> Put(
        Guid id, ResultInput input, ClaimsPrincipal user, ResultRecorder recorder, CancellationToken cancellationToken)
    {
        var parsed = input.Parse();
        if (!parsed.Succeeded)
        {
            return parsed.ToProblem<Ok<ResultDto>>();
        }

        var recorded = await recorder.RecordAsync(id, parsed.Value, ResultRecorder.AdminSource, user.UserId(), cancellationToken);
        if (!recorded.Succeeded)
        {
            return recorded.ToProblem<Ok<ResultDto>>();
        }

        var r = recorded.Value!;
        return TypedResults.Ok(new ResultDto(
            r.BoutId, r.Result?.Outcome.ToApiName(), r.Result?.Method?.ToApiName(),
            r.Result?.Round, r.Result?.Time is { } t ? (int)t.TotalSeconds : null, r.Changed, r.MembersRescored));
    }
}
