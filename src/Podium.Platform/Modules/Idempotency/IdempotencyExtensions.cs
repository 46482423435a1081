using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;
using Podium.Platform.Api;
using Podium.Platform.Jobs;

namespace Podium.Platform.Modules.Idempotency;

public static class IdempotencyExtensions
{
    public const string HeaderName = "Idempotency-Key";

    /// <summary>Set on a replayed response, so a client (and its logs) can tell it did not run again.</summary>
    public const string ReplayedHeaderName = "Idempotent-Replayed";

    /// <summary>
    /// Lets callers retry this write safely: a request with <c>Idempotency-Key</c> runs once per caller and key, and
    /// every retry within the key's lifetime gets the first response back (see docs/API.md). Put it on creating POSTs
    /// and replacing PUTs; the key is only claimed once the caller passed the endpoint's authorization.
    /// </summary>
    public static TBuilder WithIdempotency<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.WithMetadata(new IdempotentEndpointMetadata());
        builder.ProducesProblems(StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity);
        return builder;
    }

    internal static IServiceCollection AddPodiumIdempotency(this IServiceCollection services)
    {
        services.AddOptions<IdempotencyOptions>()
            .BindConfiguration(IdempotencyOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IdempotencyStore>();
        services.AddScoped<IRetentionRule, ExpiredIdempotencyKeysRule>();
        return services;
    }

    /// <summary>After authorization and the rate limiter: a refused request claims no key, and replays count as requests.</summary>
    internal static IApplicationBuilder UsePodiumIdempotency(this IApplicationBuilder app) => app.UseMiddleware<IdempotencyMiddleware>();

    /// <summary>The OpenAPI document lists the header on every operation that takes it.</summary>
    internal static void Describe(OpenApiOperation operation, IList<object> endpointMetadata, IdempotencyOptions settings)
    {
        if (!endpointMetadata.OfType<IdempotentEndpointMetadata>().Any())
        {
            return;
        }

        operation.Parameters ??= [];
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = HeaderName,
            In = ParameterLocation.Header,
            Required = false,
            Description = $"Makes a retry safe: the first response to this key is kept {Describe(settings.KeyLifetime)} and returned "
                + $"again (with {ReplayedHeaderName}: true) instead of running the request twice. The same key with another "
                + $"request: 422; while the first is still running, a retry waits up to {Describe(settings.InFlightWait)} for its response, then 409.",
            Schema = new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, MaxLength = IdempotencyRecord.KeyMaxLength },
        });
    }

    private static string Describe(TimeSpan span) =>
        span.TotalHours >= 1 && span.TotalHours == Math.Floor(span.TotalHours)
            ? string.Create(CultureInfo.InvariantCulture, $"{span.TotalHours:0} h")
            : string.Create(CultureInfo.InvariantCulture, $"{span.TotalSeconds:0.#} s");
}
