using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Podium.Platform.Identity;

namespace Podium.Tests.Identity;

public sealed class ExternalSignInOptionsTests
{
    private static IHost Build(string environment, Dictionary<string, string?> settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = environment });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddPodiumExternalSignIn();
        return builder.Build();
    }

    private static Dictionary<string, string?> Provider(string name, string? authority, string? clientId = "podium", string? secret = "s3cret") => new()
    {
        [$"Podium:Authentication:Oidc:{name}:Authority"] = authority,
        [$"Podium:Authentication:Oidc:{name}:ClientId"] = clientId,
        [$"Podium:Authentication:Oidc:{name}:ClientSecret"] = secret,
    };

    [Fact]
    public void Scheme_IsConfiguredForCodeFlowWithPkceAndProtocolClaimNames()
    {
        var settings = Provider("Corp", "https://id.example.org/realms/club");
        settings["Podium:Authentication:Oidc:Corp:Scopes:0"] = "email";
        settings["Podium:Authentication:Oidc:Corp:DisplayName"] = "Club Login";
        using var host = Build("Production", settings);

        var oidc = host.Services.GetRequiredService<IOptionsMonitor<OpenIdConnectOptions>>().Get("Corp");

        oidc.ResponseType.ShouldBe("code");
        oidc.UsePkce.ShouldBeTrue();
        oidc.MapInboundClaims.ShouldBeFalse();
        oidc.RequireHttpsMetadata.ShouldBeTrue();
        oidc.CallbackPath.Value.ShouldBe("/signin-oidc-corp");
        oidc.Scope.ShouldBe(["openid", "email"]);
        oidc.ClientSecret.ShouldBe("s3cret");
        host.Services.GetRequiredService<ExternalProviders>().All.ShouldBe([new ExternalProvider("Corp", "Club Login")]);
    }

    [Theory]
    [InlineData("Production", "http://id.example.org", "podium", "s3cret", "Authority must use https in Production")]
    [InlineData("Production", "https://id.example.org", "podium", "", "ClientSecret is required in Production")]
    [InlineData("Development", "id.example.org", "podium", "", "Authority must be the provider's absolute https:// address")]
    [InlineData("Development", "ftp://id.example.org", "podium", "", "Authority must be the provider's absolute https:// address")]
    [InlineData("Development", "https://id.example.org", "", "", "ClientId is required")]
    public void Options_WithAnUnsafeOrIncompleteProvider_AreRefusedNamingTheSetting(string environment, string authority, string clientId, string secret, string message)
    {
        using var host = Build(environment, Provider("Corp", authority, clientId, secret));

        var failure = Should.Throw<OptionsValidationException>(() => host.Services.GetRequiredService<IOptions<ExternalSignInOptions>>().Value);

        failure.Message.ShouldContain("Podium:Authentication:Oidc:Corp:");
        failure.Message.ShouldContain(message);
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("a/b")]
    [InlineData("waytoolongnameforaproviderwaytoolongname")]
    public void Options_WithAProviderNameUnfitForAPath_AreRefused(string name)
    {
        using var host = Build("Development", Provider(name, "https://id.example.org"));

        Should.Throw<OptionsValidationException>(() => host.Services.GetRequiredService<IOptions<ExternalSignInOptions>>().Value)
            .Message.ShouldContain("the provider name must be 1 to 32 letters");
    }

    [Fact]
    public void Options_OutsideProduction_AcceptAPlainHttpProviderWithoutSecret()
    {
        // A developer's provider on their own machine (and the tests' one).
        using var host = Build("Development", Provider("Local", "http://127.0.0.1:8080/", secret: null));

        host.Services.GetRequiredService<IOptions<ExternalSignInOptions>>().Value.Oidc.Keys.ShouldBe(["Local"]);
        host.Services.GetRequiredService<IOptionsMonitor<OpenIdConnectOptions>>().Get("Local").RequireHttpsMetadata.ShouldBeFalse();
    }

    [Fact]
    public void EffectiveScopes_AlwaysAskForOpenIdAndDefaultToProfileAndEmail()
    {
        new OidcProviderOptions().EffectiveScopes().ShouldBe(["openid", "profile", "email"]);
        var configured = new OidcProviderOptions();
        configured.Scopes.AddRange(["email", "openid", "email"]);
        configured.EffectiveScopes().ShouldBe(["openid", "email"]);
    }
}
