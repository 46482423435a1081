using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Podium.Platform.Identity;
using Podium.Platform.Modules.Idempotency;
using Podium.Platform.Security;
using Scalar.AspNetCore;

namespace Podium.Platform.Api;

internal static class OpenApiExtensions
{
    /// <summary>The names the document gives the two ways a program authenticates (see docs/API.md).</summary>
    public const string BearerScheme = "bearer";
    public const string ApiKeyScheme = "apiKey";

    public static IServiceCollection AddPodiumOpenApi(this IServiceCollection services)
    {
        services.AddOpenApi("v1", options =>
        {
            options.AddDocumentTransformer((document, context, _) =>
            {
                document.Info.Title = "Podium API";
                document.Info.Version = "v1";
                document.Info.Description =
                    $"{context.ApplicationServices.GetRequiredService<ProductInfo>().Description} Errors are RFC 9457 Problem Details carrying a traceId.";
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    BearerFormat = "JWT",
                    Description = "An access token from POST /api/v1/auth/token, or an API key (pod_…) sent as a bearer token.",
                };
                document.Components.SecuritySchemes[ApiKeyScheme] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.ApiKey,
                    In = ParameterLocation.Header,
                    Name = ApiKeyAuthenticationHandler.HeaderName,
                    Description = "An API key (pod_…) made at /account/manage/api-keys.",
                };
                return Task.CompletedTask;
            });

            // Scoped operations name the scope under both schemes; public ones that read with the caller's rights
            // also list "no credential" ({}), which is how OpenAPI says authentication is optional.
            options.AddOperationTransformer((operation, context, _) =>
            {
                if (context.Description.ActionDescriptor.EndpointMetadata.OfType<RequiredScopeMetadata>().LastOrDefault() is not { } required)
                {
                    return Task.CompletedTask;
                }

                operation.Security ??= [];
                operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [required.Scope] });
                operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKeyScheme, context.Document)] = [required.Scope] });
                if (required.AnonymousAllowed)
                {
                    operation.Security.Add(new OpenApiSecurityRequirement());
                }

                return Task.CompletedTask;
            });
            options.AddOperationTransformer((operation, context, _) =>
            {
                IdempotencyExtensions.Describe(
                    operation,
                    context.Description.ActionDescriptor.EndpointMetadata,
                    context.ApplicationServices.GetRequiredService<IOptions<IdempotencyOptions>>().Value);
                return Task.CompletedTask;
            });
        });
        return services;
    }

    public static IEndpointRouteBuilder MapPodiumOpenApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapOpenApi("/openapi/{documentName}.json");
        // Scalar serves its assets from the assembly; its default web fonts come from a CDN, so they are off.
        endpoints.MapScalarApiReference("/docs", options => options
            .WithTitle("Podium API")
            .DisableDefaultFonts()
            .WithOpenApiRoutePattern("/openapi/{documentName}.json"));
        return endpoints;
    }
}
