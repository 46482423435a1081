using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Podium.Platform.Data;
using Podium.Platform.RateLimiting;
using Podium.Platform.Security;

namespace Podium.Platform.Identity;

public sealed record TokenRequest(string? Email, string? Password, string? Code, string? Scope);

public sealed record RefreshRequest(string? RefreshToken);

/// <summary>The caller, whatever credential they used.</summary>
public sealed record Me(Guid Id, string DisplayName, IReadOnlyList<string> Roles, IReadOnlyList<string> Scopes, string Credential, Guid? ApiKeyId);

internal static class AuthApi
{
    private const int MaxFieldLength = 1024;

    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder endpoints)
    {
        // Anonymous by nature: these are how a program gets a credential. Limited like the sign-in form, per address.
        var auth = endpoints.MapGroup("/api/v1/auth").WithTags("Authentication").AllowAnonymous().RequireRateLimiting(RateLimitPolicies.Account);
        auth.MapPost("/token", IssueAsync)
            .WithName("IssueToken")
            .WithSummary("Exchange e-mail, password (and the authenticator code, with two-factor sign-in) for an access token and a refresh token.");
        auth.MapPost("/refresh", RefreshAsync)
            .WithName("RefreshToken")
            .WithSummary("Exchange a refresh token for a new pair. Each refresh token works once; a second use revokes every token descended from the same sign-in.");
        auth.MapPost("/revoke", RevokeAsync)
            .WithName("RevokeToken")
            .WithSummary("Revoke a refresh token and every token descended from the same sign-in. Always 204 (RFC 7009).");

        endpoints.MapGroup("/api/v1/me").WithTags("Authentication").RequireAuthorization(Policies.SignedIn)
            .MapGet("", GetMeAsync)
            .WithName("GetMe")
            .WithSummary("Who the caller is: id, display name, roles, scopes, and which credential they used.");
        return endpoints;
    }

    internal static async Task<Results<Ok<TokenResponse>, ValidationProblem, ProblemHttpResult>> IssueAsync(
        TokenRequest? request, ApiTokenService tokens, HttpContext context, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        Require(errors, "email", request?.Email, "Enter the account's e-mail address.");
        Require(errors, "password", request?.Password, "Enter the password.");
        TooLong(errors, "code", request?.Code);
        TooLong(errors, "scope", request?.Scope);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var outcome = await tokens.IssueAsync(request!.Email!, request.Password!, request.Code, request.Scope, cancellationToken);
        return outcome.Token is { } token ? TypedResults.Ok(token) : Failure(context, outcome.Failure!.Value);
    }

    internal static async Task<Results<Ok<TokenResponse>, ValidationProblem, ProblemHttpResult>> RefreshAsync(
        RefreshRequest? request, ApiTokenService tokens, HttpContext context, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        Require(errors, "refreshToken", request?.RefreshToken, "Send the refresh token.");
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var outcome = await tokens.RefreshAsync(request!.RefreshToken!, cancellationToken);
        return outcome.Token is { } token ? TypedResults.Ok(token) : Failure(context, outcome.Failure!.Value);
    }

    internal static async Task<Results<NoContent, ValidationProblem>> RevokeAsync(RefreshRequest? request, ApiTokenService tokens, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        Require(errors, "refreshToken", request?.RefreshToken, "Send the refresh token to revoke.");
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        await tokens.RevokeAsync(request!.RefreshToken!, cancellationToken);
        return TypedResults.NoContent();
    }

    internal static async Task<Results<Ok<Me>, UnauthorizedHttpResult>> GetMeAsync(
        ClaimsPrincipal user, PodiumDbContext db, ApiScopeCatalog catalog, CancellationToken cancellationToken)
    {
        if (user.UserId() is not { } id
            || await db.Users.AsNoTracking().Where(u => u.Id == id).Select(u => u.DisplayName).FirstOrDefaultAsync(cancellationToken) is not { } name)
        {
            return TypedResults.Unauthorized();
        }

        return TypedResults.Ok(new Me(
            id,
            name,
            PodiumClaims.RolesOf(user),
            [.. catalog.Of(user).Order(StringComparer.Ordinal)],
            PodiumClaims.Name(PodiumClaims.CredentialOf(user)),
            Guid.TryParse(user.FindFirstValue(RateLimitPolicies.ApiKeyClaimType), out var key) ? key : null));
    }

    private static ProblemHttpResult Failure(HttpContext context, TokenFailure failure)
    {
        var (status, title, detail) = failure switch
        {
            TokenFailure.TwoFactorRequired => (StatusCodes.Status401Unauthorized, "Two-factor code required",
                "This account uses two-factor sign-in: send the current code from the authenticator app as 'code'."),
            TokenFailure.InvalidCode => (StatusCodes.Status401Unauthorized, "Wrong two-factor code",
                "That code did not work. Codes work once, and change every 30 seconds."),
            TokenFailure.InvalidRefreshToken => (StatusCodes.Status401Unauthorized, "Invalid refresh token",
                "The refresh token is unknown, expired, revoked or already used. Sign in again."),
            TokenFailure.InvalidScope => (StatusCodes.Status400BadRequest, "Invalid scope",
                "The account cannot be granted every scope asked for."),
            _ => (StatusCodes.Status401Unauthorized, "Invalid credentials",
                "The e-mail address and password do not match an account that may sign in, or it is locked for a while after too many attempts."),
        };
        if (status == StatusCodes.Status401Unauthorized)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_grant\"";
        }

        return TypedResults.Problem(title: title, detail: detail, statusCode: status,
            extensions: new Dictionary<string, object?> { ["error"] = failure == TokenFailure.TwoFactorRequired ? "two_factor_required" : failure == TokenFailure.InvalidScope ? "invalid_scope" : "invalid_grant" });
    }

    private static void Require(Dictionary<string, string[]> errors, string field, string? value, string message)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors[field] = [message];
        }
        else
        {
            TooLong(errors, field, value);
        }
    }

    private static void TooLong(Dictionary<string, string[]> errors, string field, string? value)
    {
        if (value is { Length: > MaxFieldLength })
        {
            errors[field] = [$"Use at most {MaxFieldLength} characters."];
        }
    }
}
