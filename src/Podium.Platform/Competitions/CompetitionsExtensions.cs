using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Podium.Platform.Identity;
using Podium.Platform.Modules.Events;
using Podium.Platform.RateLimiting;

namespace Podium.Platform.Competitions;

/// <summary><c>Podium:Competitions</c>: how hard guessing an invite code is made.</summary>
public sealed class CompetitionOptions
{
    public const string SectionName = "Podium:Competitions";

    /// <summary>
    /// Joins by invite code per user and window, right or wrong, counted before the code is looked up (with Redis, across
    /// instances). Counting only wrong codes would still let a burst of parallel guesses through before the first miss
    /// was counted; ten joins in ten minutes is more than anyone joining leagues needs.
    /// </summary>
    public RateLimitPolicyOptions InviteCodeAttempts { get; set; } = new() { PermitLimit = 10, WindowSeconds = 600 };
}

internal sealed class CompetitionOptionsValidator : IValidateOptions<CompetitionOptions>
{
    public ValidateOptionsResult Validate(string? name, CompetitionOptions options)
    {
        var results = new List<ValidationResult>();
        return Validator.TryValidateObject(options.InviteCodeAttempts, new ValidationContext(options.InviteCodeAttempts), results, validateAllProperties: true)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(results.Select(r => $"{CompetitionOptions.SectionName}:InviteCodeAttempts: {r.ErrorMessage}"));
    }
}

internal sealed record CompetitionGroupKind(string Kind, int MaxMembers);

/// <summary>The group kinds modules registered; an operation on any other kind is a programming error, not bad input.</summary>
internal sealed class CompetitionGroupKinds(IEnumerable<CompetitionGroupKind> registered)
{
    private readonly Dictionary<string, int> _caps = registered.ToDictionary(k => k.Kind, k => k.MaxMembers, StringComparer.Ordinal);

    public int Cap(string kind) =>
        kind is not null && _caps.TryGetValue(kind, out var cap)
            ? cap
            : throw new InvalidOperationException($"'{kind}' is not a group kind: register it with AddCompetitionGroupKind.");
}

public static partial class CompetitionsExtensions
{
    /// <summary>
    /// Registers a kind of private group (<c>{module}.{what}</c>, e.g. <c>test.league</c>) with the most members a group of
    /// it may have; a group's owner may choose fewer when creating it.
    /// </summary>
    public static IServiceCollection AddCompetitionGroupKind(this IServiceCollection services, string kind, int maxMembers)
    {
        ArgumentNullException.ThrowIfNull(kind);
        if (kind.Length > CompetitionGroup.KindMaxLength || !KindPattern().IsMatch(kind))
        {
            throw new ArgumentException($"'{kind}' is not a group kind: use the module's name, a dot and lower-case words, e.g. 'test.league'.", nameof(kind));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(maxMembers, 2);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxMembers, 1_000_000);
        services.AddSingleton(new CompetitionGroupKind(kind, maxMembers));
        return services;
    }

    internal static IServiceCollection AddPodiumCompetitions(this IServiceCollection services)
    {
        services.AddOptions<CompetitionOptions>().BindConfiguration(CompetitionOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<CompetitionOptions>, CompetitionOptionsValidator>();
        services.AddSingleton<CompetitionGroupKinds>();
        services.AddScoped<IScoreLedger, ScoreLedger>();
        services.AddScoped<ICompetitionGroups, CompetitionGroups>();
        services.AddScoped<IPersonalDataContributor, CompetitionsPersonalData>();
        services.AddDomainEvent<GroupMemberLeft>(GroupMemberLeft.Name);
        services.AddDomainEvent<GroupDeleted>(GroupDeleted.Name);
        return services;
    }

    [GeneratedRegex("^[a-z0-9]+(?:-[a-z0-9]+)*(?:\\.[a-z0-9]+(?:-[a-z0-9]+)*)+$")]
    private static partial Regex KindPattern();
}
