using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Podium.Platform.Api;
using Podium.Platform.Data;
using Podium.Platform.Security;

namespace Podium.Platform.Identity;

internal static class IdentityExtensions
{
    public const string CookieName = "__Host-podium";

    /// <summary>What a sign-in proved that the user record cannot tell: see <see cref="KeepSignInFacts"/>.</summary>
    private static readonly string[] SignInFactClaimTypes = [UserSessions.ClaimType, AdminSecondFactorHandler.AuthenticationMethod, ClaimTypes.AuthenticationMethod];

    public static IHostApplicationBuilder AddPodiumIdentity(this IHostApplicationBuilder builder)
    {
        var production = builder.Environment.IsProduction();
        builder.Services.AddOptions<PodiumIdentityOptions>()
            .BindConfiguration(PodiumIdentityOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(
                o => !production || o.PasswordHashIterations >= PodiumIdentityOptions.OwaspPbkdf2Sha512Iterations,
                $"Podium:Identity:PasswordHashIterations must be at least {PodiumIdentityOptions.OwaspPbkdf2Sha512Iterations} in Production.")
            .ValidateOnStart();

        // Identity's V3 format is PBKDF2-HMAC-SHA512; a stored hash with fewer iterations verifies as
        // "rehash needed" and UserManager rewrites it at that sign-in.
        builder.Services.AddOptions<PasswordHasherOptions>().Configure<IOptions<PodiumIdentityOptions>>((hasher, podium) =>
        {
            hasher.CompatibilityMode = PasswordHasherCompatibilityMode.IdentityV3;
            hasher.IterationCount = podium.Value.PasswordHashIterations;
        });

        builder.Services
            .AddIdentity<PodiumUser, PodiumRole>(options =>
            {
                // Length and guessability are PasswordPolicy's job; composition rules only make passwords worse.
                options.Password.RequiredLength = PasswordPolicy.MinimumLengthWithSecondFactor;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequiredUniqueChars = 1;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.User.RequireUniqueEmail = true;
                // The user name is the e-mail address; any character an address may hold is allowed.
                options.User.AllowedUserNameCharacters = "";
                options.SignIn.RequireConfirmedEmail = true;
                options.Tokens.AuthenticatorTokenProvider = OneTimeAuthenticatorTokenProvider.ProviderName;
                options.Tokens.PasswordResetTokenProvider = PasswordResetTokenProviderOptions.ProviderName;
            })
            .AddEntityFrameworkStores<PodiumDbContext>()
            .AddUserStore<PodiumUserStore>()
            .AddDefaultTokenProviders()
            .AddTokenProvider<OneTimeAuthenticatorTokenProvider>(OneTimeAuthenticatorTokenProvider.ProviderName)
            .AddTokenProvider<PasswordResetTokenProvider>(PasswordResetTokenProviderOptions.ProviderName)
            .AddPasswordValidator<PasswordPolicy>();

        builder.Services.Configure<SecurityStampValidatorOptions>(options =>
        {
            // A password change, 2FA change or lock elsewhere ends this session within a minute.
            options.ValidationInterval = TimeSpan.FromMinutes(1);
            options.OnRefreshingPrincipal = context =>
            {
                KeepSignInFacts(context.CurrentPrincipal, context.NewPrincipal);
                return Task.CompletedTask;
            };
        });
        builder.Services.AddScoped<UserSessions>();
        builder.Services.AddScoped<IPersonalDataContributor, AccountPersonalData>();
        builder.Services.AddScoped<PersonalDataService>();
        builder.Services.AddScoped<Admin.UserAdministration>();
        builder.Services.AddScoped<Admin.AuditQuery>();

        builder.Services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.Name = CookieName;
            options.Cookie.HttpOnly = true;
            options.Cookie.SecurePolicy = CookieSecurePolicy.Always;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.Path = "/";
            options.ExpireTimeSpan = TimeSpan.FromMinutes(30);
            options.SlidingExpiration = true;
            options.LoginPath = "/account/sign-in";
            options.LogoutPath = "/account/sign-out";
            options.AccessDeniedPath = "/account/access-denied";
            // API callers get a status code (and Problem Details from the status-code pages), not a redirect to a form.
            options.Events.OnRedirectToLogin = context => RespondOrRedirect(context, StatusCodes.Status401Unauthorized);
            options.Events.OnRedirectToAccessDenied = context => RespondOrRedirect(context, StatusCodes.Status403Forbidden);
        });
        // After Identity's own configuration, which installs the security-stamp check this wraps.
        builder.Services.PostConfigure<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme, options => SessionCookieEvents.Attach(options));
        builder.Services.ConfigureExternalCookie(options =>
        {
            options.Cookie.Name = "__Host-podium-external";
            options.Cookie.SecurePolicy = CookieSecurePolicy.Always;
        });
        builder.Services.Configure<CookieAuthenticationOptions>(IdentityConstants.TwoFactorUserIdScheme, options =>
        {
            options.Cookie.Name = "__Host-podium-2fa";
            options.Cookie.SecurePolicy = CookieSecurePolicy.Always;
        });
        builder.Services.Configure<CookieAuthenticationOptions>(IdentityConstants.TwoFactorRememberMeScheme, options =>
        {
            options.Cookie.Name = "__Host-podium-device";
            options.Cookie.SecurePolicy = CookieSecurePolicy.Always;
            options.ExpireTimeSpan = TimeSpan.FromDays(30);
        });

        builder.Services.AddOptions<PublicUrlOptions>()
            .BindConfiguration(PublicUrlOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(o => !production || !string.IsNullOrWhiteSpace(o.PublicUrl),
                "Podium:PublicUrl is required in Production: links in e-mails must not be built from the request's Host header.")
            .ValidateOnStart();
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddScoped<AccountLinks>();
        builder.Services.AddScoped<AccountService>();
        builder.AddPodiumExternalSignIn();
        builder.Services.AddSingleton<Cli.ICliCommand, UsersCommand>();
        builder.Services.AddScoped<IDemoSeeder, DevelopmentAdmin>();
        builder.Services.AddAntiforgery(options =>
        {
            // Antiforgery refuses to run over plain HTTP when its cookie must be Secure, and a __Host- cookie must be.
            // Production is HTTPS (directly or through a proxy that says so); a developer's http://localhost is not.
            // The session cookie stays __Host-/Secure everywhere: browsers accept Secure cookies from localhost.
            options.Cookie.Name = production ? "__Host-podium-csrf" : "podium-csrf";
            options.Cookie.SecurePolicy = production ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            options.HeaderName = "RequestVerificationToken";
        });

        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Policies.SignedIn, policy => policy.RequireAuthenticatedUser())
            .AddPolicy(Policies.Organizer, policy => policy.RequireRole(Roles.Organizer, Roles.Admin))
            // The admin scope too: a token or key of an administrator acts as one only when it was given that scope.
            .AddPolicy(Policies.Admin, policy => policy.RequireRole(Roles.Admin)
                .AddRequirements(new ScopeRequirement(ApiScopes.Admin), new AdminSecondFactorRequirement()));
        builder.Services.AddSingleton<IAuthorizationHandler, AdminSecondFactorHandler>();
        builder.AddPodiumApiAuthentication();
        return builder;
    }

    /// <summary>
    /// The validator rebuilds the principal from the user record, which knows nothing of how this sign-in happened. What
    /// the sign-in proved must survive that, as it does <c>RefreshSignInAsync</c>: the session the cookie belongs to, the
    /// second factor (<c>amr</c>, which the admin policy needs), and the external provider used.
    /// </summary>
    internal static void KeepSignInFacts(ClaimsPrincipal? current, ClaimsPrincipal? rebuilt)
    {
        if (current is null || rebuilt?.Identity is not ClaimsIdentity identity)
        {
            return;
        }

        foreach (var claim in current.Claims.Where(c => SignInFactClaimTypes.Contains(c.Type)).ToList())
        {
            if (!identity.HasClaim(claim.Type, claim.Value))
            {
                identity.AddClaim(new Claim(claim.Type, claim.Value));
            }
        }
    }

    private static Task RespondOrRedirect(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (ApiRequests.IsApi(context.HttpContext))
        {
            context.Response.StatusCode = status;
            if (status == StatusCodes.Status401Unauthorized)
            {
                // RFC 9110: a 401 says how to authenticate. Programs use bearer tokens (a JWT or an API key).
                context.Response.Headers.WWWAuthenticate = "Bearer";
            }

            return Task.CompletedTask;
        }

        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}

/// <summary>An admin without a second factor is sent to set one up before the admin pages open.</summary>
internal sealed class AdminSecondFactorRequirement : IAuthorizationRequirement;

internal sealed class AdminSecondFactorHandler(IOptions<PodiumIdentityOptions> options) : AuthorizationHandler<AdminSecondFactorRequirement>
{
    /// <summary>Identity adds this claim ("amr" = "mfa") when the sign-in used a second factor.</summary>
    internal const string AuthenticationMethod = "amr";

    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, AdminSecondFactorRequirement requirement)
    {
        // An API key is no password: it is random, made on a page behind the admin policy, and cannot be phished into a form.
        if (!options.Value.RequireTwoFactorForAdmins || context.User.HasClaim(AuthenticationMethod, "mfa")
            || PodiumClaims.CredentialOf(context.User) == CredentialKind.ApiKey)
        {
            context.Succeed(requirement);
            return;
        }

        // A sign-in on a device remembered after a second factor carries "amr" = "pwd"; the device cookie is the proof.
        if (context.Resource is HttpContext http
            && http.RequestServices.GetRequiredService<SignInManager<PodiumUser>>() is var signIn
            && await signIn.UserManager.GetUserAsync(context.User) is { TwoFactorEnabled: true } user
            && await signIn.IsTwoFactorClientRememberedAsync(user))
        {
            context.Succeed(requirement);
        }
    }
}
