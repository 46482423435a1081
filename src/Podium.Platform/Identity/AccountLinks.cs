using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Podium.Platform.Identity;

public sealed class PublicUrlOptions
{
    public const string SectionName = "Podium";

    /// <summary>
    /// The address people reach Podium at (e.g. https://club.example.org). Links in e-mails are built from it, never
    /// from the request's Host header, which a client controls. Required in Production.
    /// </summary>
    [Url]
    public string? PublicUrl { get; set; }
}

/// <summary>Absolute links to the account pages, for e-mails.</summary>
public sealed class AccountLinks(IOptions<PublicUrlOptions> options, IHttpContextAccessor http)
{
    public string SignIn() => Absolute("/account/sign-in");

    public string ForgotPassword() => Absolute("/account/forgot-password");

    public string ConfirmEmail(Guid userId, string code) =>
        Absolute($"/account/confirm-email?userId={userId:D}&code={Uri.EscapeDataString(code)}");

    public string ConfirmEmailChange(Guid userId, string email, string code) =>
        Absolute($"/account/confirm-email-change?userId={userId:D}&email={Uri.EscapeDataString(email)}&code={Uri.EscapeDataString(code)}");

    public string ResetPassword(Guid userId, string code) =>
        Absolute($"/account/reset-password?userId={userId:D}&code={Uri.EscapeDataString(code)}");

    /// <summary>Any Podium path as an absolute link (e-mails, calendar feeds), from the configured public address.</summary>
    public string Absolute(string pathAndQuery)
    {
        var configured = options.Value.PublicUrl;
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured.TrimEnd('/') + pathAndQuery;
        }

        // Outside Production only (enforced at start): a developer's own machine, where the Host header is theirs.
        var request = http.HttpContext?.Request ?? throw new InvalidOperationException("Podium:PublicUrl is not set.");
        return $"{request.Scheme}://{request.Host}{request.PathBase}{pathAndQuery}";
    }
}
