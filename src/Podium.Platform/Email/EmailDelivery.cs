using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;
using Podium.Platform.Data;
using Podium.Platform.Outbox;

namespace Podium.Platform.Email;

/// <summary>
/// Enqueues e-mail into the outbox. A caller with its own unit of work going (unsaved changes, or an open
/// transaction) gets the message committed with that work, by its own SaveChanges/commit; a caller with nothing
/// pending (the account flows: UserManager has already saved) gets it saved here and now.
/// </summary>
internal sealed class OutboxEmailSender(IOutbox outbox, PodiumDbContext db) : IEmailSender
{
    public async ValueTask QueueAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        var callerHasWork = db.Database.CurrentTransaction is not null || db.ChangeTracker.HasChanges();
        outbox.Enqueue(message);
        if (!callerHasWork)
        {
            await db.SaveChangesAsync(cancellationToken);
        }
    }
}

/// <summary>Delivers <c>email.send</c> outbox messages; the outbox retries a failure and parks it when attempts run out.</summary>
internal sealed partial class EmailOutboxHandler(EmailTransport transport, OutboxDeliveryContext delivery, ILogger<EmailOutboxHandler> logger) : IOutboxHandler<EmailMessage>
{
    public const string MessageType = "email.send";

    public async Task HandleAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        // Delivered at least once: a retry after the server took the message but the answer was lost sends it again,
        // under the same Message-ID, which receiving servers and mail clients use to drop the repeat.
        await transport.SendAsync(message, delivery.MessageId, cancellationToken);
        LogSent(logger, message.Subject);
    }

    // Addresses are personal data: the logs name the subject, never the recipient.
    [LoggerMessage(Level = LogLevel.Information, Message = "E-mail '{Subject}' delivered")]
    private static partial void LogSent(ILogger logger, string subject);
}

/// <summary>Turns a message into MIME and hands it over: to an SMTP server, or as a file to the pickup folder.</summary>
internal sealed class EmailTransport(IOptions<EmailOptions> options, IHostEnvironment environment, TimeProvider time)
{
    public string? PickupDirectory => string.IsNullOrWhiteSpace(options.Value.PickupDirectory)
        ? null
        : Path.GetFullPath(options.Value.PickupDirectory, environment.ContentRootPath);

    /// <param name="id">Stable for this message (its outbox message's id): every attempt carries the same Message-ID.</param>
    public async Task SendAsync(EmailMessage message, Guid id, CancellationToken cancellationToken)
    {
        var mime = ToMime(message, id);
        if (PickupDirectory is { } pickup)
        {
            Directory.CreateDirectory(pickup);
            // Written under a temporary name and renamed, so a reader never sees half a message.
            var name = $"{time.GetUtcNow().UtcTicks:D20}-{Guid.NewGuid():N}";
            var temporary = Path.Combine(pickup, name + ".tmp");
            await mime.WriteToAsync(temporary, cancellationToken);
            File.Move(temporary, Path.Combine(pickup, name + ".eml"));
            return;
        }

        var smtp = options.Value;
        using var client = new SmtpClient();
        var security = smtp.SmtpSecurity switch
        {
            SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
            SmtpSecurity.None => SecureSocketOptions.None,
            _ => SecureSocketOptions.StartTls,
        };
        await client.ConnectAsync(smtp.SmtpHost ?? "", smtp.SmtpPort, security, cancellationToken);
        if (!string.IsNullOrEmpty(smtp.SmtpUser))
        {
            await client.AuthenticateAsync(smtp.SmtpUser, smtp.SmtpPassword ?? "", cancellationToken);
        }

        await client.SendAsync(mime, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }

    private MimeMessage ToMime(EmailMessage message, Guid id)
    {
        var mime = new MimeMessage();
        var from = MailboxAddress.Parse(options.Value.From);
        mime.From.Add(from);
        mime.MessageId = MessageIdOf(id, from);
        mime.To.Add(new MailboxAddress(message.ToName, message.To));
        mime.Subject = message.Subject;
        mime.Body = new BodyBuilder { TextBody = message.TextBody, HtmlBody = message.HtmlBody }.ToMessageBody();
        return mime;
    }

    /// <summary>RFC 5322's id-left "@" id-right: the message's own id, at the sender's domain (unique to this site).</summary>
    internal static string MessageIdOf(Guid id, MailboxAddress from) => $"{id:N}@{from.Domain}";
}
