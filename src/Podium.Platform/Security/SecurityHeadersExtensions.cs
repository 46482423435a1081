using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Podium.Platform.Security;

internal static class SecurityHeadersExtensions
{
    private const string DocsPolicy = "docs";
    private const int TwoYears = 63_072_000;

    /// <param name="formTargets">
    /// Origins a form may lead to besides our own: the external sign-in providers, whose address is the answer to the
    /// "Sign in with …" form (browsers apply form-action to the redirects after a submission too).
    /// </param>
    public static IServiceCollection AddPodiumSecurityHeaders(this IServiceCollection services, IHostEnvironment environment, IReadOnlyList<string> formTargets)
    {
        services.AddSecurityHeaderPolicies()
            .SetDefaultPolicy(policy => Common(policy, environment).AddContentSecurityPolicy(csp => Directives(csp, allowInline: false, formTargets)))
            // The API reference (Scalar) boots from an inline module script and injects its own styles; it shows no
            // user data and accepts no input that reaches the server, so only these pages get 'unsafe-inline'.
            .AddPolicy(DocsPolicy, policy => Common(policy, environment).AddContentSecurityPolicy(csp => Directives(csp, allowInline: true, formTargets: [])))
            .SetPolicySelector(context => context.HttpContext.Request.Path.StartsWithSegments("/docs")
                ? context.ConfiguredPolicies[DocsPolicy]
                : context.DefaultPolicy);
        return services;
    }

    private static void Directives(CspBuilder csp, bool allowInline, IReadOnlyList<string> formTargets)
    {
        csp.AddDefaultSrc().None();
        if (allowInline)
        {
            csp.AddScriptSrc().Self().UnsafeInline();
            csp.AddStyleSrc().Self().UnsafeInline();
            csp.AddFontSrc().Self().Data();
        }
        else
        {
            csp.AddScriptSrc().Self().WithNonce();
            csp.AddStyleSrc().Self().WithNonce();
            csp.AddFontSrc().Self();
        }

        csp.AddImgSrc().Self().Data();
        csp.AddConnectSrc().Self();
        var formAction = csp.AddFormAction().Self();
        foreach (var origin in formTargets)
        {
            formAction.From(origin);
        }

        csp.AddFrameAncestors().None();
        csp.AddBaseUri().None();
        csp.AddObjectSrc().None();
    }

    private static HeaderPolicyCollection Common(HeaderPolicyCollection policy, IHostEnvironment environment)
    {
        policy
            .AddContentTypeOptionsNoSniff()
            .AddFrameOptionsDeny()
            .AddReferrerPolicyStrictOriginWhenCrossOrigin()
            .AddCrossOriginOpenerPolicy(coop => coop.SameOrigin())
            .AddCrossOriginResourcePolicy(corp => corp.SameOrigin())
            .AddPermissionsPolicy(permissions =>
            {
                permissions.AddAccelerometer().None();
                permissions.AddCamera().None();
                permissions.AddGeolocation().None();
                permissions.AddGyroscope().None();
                permissions.AddMagnetometer().None();
                permissions.AddMicrophone().None();
                permissions.AddPayment().None();
                permissions.AddUsb().None();
            })
            .RemoveServerHeader();
        if (!environment.IsDevelopment())
        {
            // Sent on HTTPS responses only (a browser ignores it over HTTP).
            policy.AddStrictTransportSecurityMaxAgeIncludeSubDomains(TwoYears);
        }

        return policy;
    }
}
