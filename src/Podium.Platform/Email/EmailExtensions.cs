using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Podium.Platform.Outbox;

namespace Podium.Platform.Email;

internal static class EmailExtensions
{
    public const string DevelopmentPickupDirectory = "data/mail";

    public static IHostApplicationBuilder AddPodiumEmail(this IHostApplicationBuilder builder)
    {
        var production = builder.Environment.IsProduction();
        builder.Services.AddOptions<EmailOptions>()
            .BindConfiguration(EmailOptions.SectionName)
            .PostConfigure(options =>
            {
                if (!production && string.IsNullOrWhiteSpace(options.SmtpHost) && string.IsNullOrWhiteSpace(options.PickupDirectory))
                {
                    options.PickupDirectory = DevelopmentPickupDirectory;
                }
            })
            .ValidateDataAnnotations()
            .Validate(
                options => !string.IsNullOrWhiteSpace(options.SmtpHost) || !string.IsNullOrWhiteSpace(options.PickupDirectory),
                "Podium:Email:SmtpHost is required (or Podium:Email:PickupDirectory to write messages to files).")
            .Validate(
                options => !production || !options.From.EndsWith(".invalid>", StringComparison.OrdinalIgnoreCase),
                "Podium:Email:From must be a real sender address in Production.")
            .ValidateOnStart();

        builder.Services.AddScoped<IEmailSender, OutboxEmailSender>();
        builder.Services.AddScoped<IAdminNotices, AdminNotices>();
        builder.Services.AddSingleton<EmailTransport>();
        // Bodies carry confirmation and reset links: never shown on the admin page.
        builder.Services.AddOutboxMessage<EmailMessage>(EmailOutboxHandler.MessageType, confidentialPayload: true);
        builder.Services.AddOutboxHandler<EmailMessage, EmailOutboxHandler>();
        return builder;
    }
}
