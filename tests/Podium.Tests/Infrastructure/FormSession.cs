using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using OtpNet;
using Podium.Platform.Identity;

namespace Podium.Tests.Infrastructure;

/// <summary>
/// One visitor's browser session without a browser: HTTPS (the session cookies are Secure), a cookie jar, no
/// automatic redirects, and forms posted with the antiforgery token from the page, as a browser would.
/// </summary>
public sealed partial class FormSession(PodiumAppFactory app)
{
    /// <summary>Where the visitor's browser thinks the app is (what redirect URIs registered with a provider start with).</summary>
    public const string Origin = "https://podium.example";

    public HttpClient Client { get; } = app.CreateClient(new WebApplicationFactoryClientOptions
    {
        BaseAddress = new Uri(Origin),
        AllowAutoRedirect = false,
        HandleCookies = true,
    });

    public async Task<string> GetPageAsync(string path)
    {
        var response = await Client.GetAsync(path);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, $"GET {path}");
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>GETs the form page, then posts the fields with the page's antiforgery token.</summary>
    public async Task<HttpResponseMessage> SubmitAsync(string path, IReadOnlyDictionary<string, string> fields, string? formPage = null)
    {
        var page = await GetPageAsync(formPage ?? path);
        var token = Token().Match(page);
        token.Success.ShouldBeTrue($"no antiforgery token on {formPage ?? path}");
        var form = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups["token"].Value) };
        return await Client.PostAsync(path, new FormUrlEncodedContent(form));
    }

    /// <summary>The antiforgery token of a form page, for posts <see cref="SubmitAsync"/> cannot make (file uploads).</summary>
    public static string TokenOf(string page)
    {
        var token = Token().Match(page);
        token.Success.ShouldBeTrue("no antiforgery token on the page");
        return WebUtility.HtmlDecode(token.Groups["token"].Value);
    }

    public Task<HttpResponseMessage> SignInAsync(string email, string password, bool rememberMe = false) =>
        SubmitAsync("/account/sign-in", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
            ["Input.RememberMe"] = rememberMe ? "true" : "false",
        });

    /// <summary>
    /// The session cookie a sign-in response sets, as <c>name=value</c> for a <c>Cookie</c> header: what another
    /// instance behind the load balancer receives, or what someone who copied the cookie can send.
    /// </summary>
    public static string SessionCookieOf(HttpResponseMessage signIn)
    {
        var cookie = signIn.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0])
            .SingleOrDefault(c => c.StartsWith(IdentityExtensions.CookieName + "=", StringComparison.Ordinal));
        return cookie.ShouldNotBeNull($"the response set no {IdentityExtensions.CookieName} cookie");
    }

    /// <summary>A new administrator, signed in with password and authenticator code (the admin policy needs both).</summary>
    public static async Task<(FormSession Session, PodiumUser Admin)> SignedInAdminAsync(PodiumAppFactory app, string email, string name = "Pat Boss")
    {
        var (admin, key) = await TestUsers.CreateAsync(app, email, name, twoFactor: true, TestUsers.Password, Roles.Admin);
        var session = new FormSession(app);
        (await session.SignInAsync(email, TestUsers.Password)).Headers.Location!.OriginalString.ShouldStartWith("/account/sign-in-2fa");
        var code = new Totp(Base32Encoding.ToBytes(key!)).ComputeTotp();
        (await session.SubmitAsync("/account/sign-in-2fa", new Dictionary<string, string> { ["Code"] = code })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return (session, admin);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"(?<token>[^\"]+)\"")]
    private static partial Regex Token();
}
