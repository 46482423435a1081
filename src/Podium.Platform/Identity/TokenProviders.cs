using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Podium.Platform.Identity;

/// <summary>Reset links live 2 hours (the e-mail says so); confirmation links keep Identity's default day.</summary>
public sealed class PasswordResetTokenProviderOptions : DataProtectionTokenProviderOptions
{
    public const string ProviderName = "Podium.PasswordReset";

    public PasswordResetTokenProviderOptions()
    {
        Name = ProviderName;
        TokenLifespan = TimeSpan.FromHours(2);
    }
}

public sealed class PasswordResetTokenProvider(
    IDataProtectionProvider dataProtection,
    IOptions<PasswordResetTokenProviderOptions> options,
    ILogger<DataProtectorTokenProvider<PodiumUser>> logger)
    : DataProtectorTokenProvider<PodiumUser>(dataProtection, Microsoft.Extensions.Options.Options.Create<DataProtectionTokenProviderOptions>(options.Value), logger);
