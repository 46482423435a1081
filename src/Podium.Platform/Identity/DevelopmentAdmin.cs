using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Podium.Platform.Data;

namespace Podium.Platform.Identity;

/// <summary>
/// In Development only: an administrator to sign in with, created when there is none, its random password printed
/// once in the log. Never in another environment (production's first admin comes from <c>podium users create-admin</c>).
/// </summary>
internal sealed partial class DevelopmentAdmin(
    UserManager<PodiumUser> users,
    IHostEnvironment environment,
    TimeProvider time,
    ILogger<DevelopmentAdmin> logger) : IDemoSeeder
{
    public const string Email = "admin@podium.localhost";

    public string Name => "platform: development administrator";

    public async Task<int> SeedAsync(CancellationToken cancellationToken)
    {
        if (!environment.IsDevelopment() || (await users.GetUsersInRoleAsync(Roles.Admin)).Count > 0)
        {
            return 0;
        }

        // Four random words' worth of entropy in a form zxcvbn scores 4 (24 base-64 characters, 144 bits).
        var password = Convert.ToBase64String(RandomNumberGenerator.GetBytes(18));
        var admin = new PodiumUser
        {
            UserName = Email,
            Email = Email,
            EmailConfirmed = true,
            DisplayName = "Development Admin",
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        var created = await users.CreateAsync(admin, password);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException(string.Join(" ", created.Errors.Select(e => e.Description)));
        }

        await users.AddToRolesAsync(admin, [Roles.Member, Roles.Admin]);
        LogCreated(logger, Email, password);
        return 1;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Development administrator created: {Email} / {Password} (shown once; Development only)")]
    private static partial void LogCreated(ILogger logger, string email, string password);
}
